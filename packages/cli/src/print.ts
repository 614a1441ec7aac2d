import {
  type ApplyRefusal,
  type ApplyResult,
  type Diagnostic,
  ExitCode,
  type ExitCodeValue,
  inputErrors,
  type Plan,
  renderDiagnosticsText,
  renderPlanJson,
  renderPlanText,
} from "@roster/core";
import { capDiagnostics } from "./cap-diagnostics.js";
import { formatDiagnostics, type Output } from "./output.js";

/**
 * `--json` prints one JSON array on stdout, one element per target (one for Sigma and Adobe, one
 * per Periscope site), so a script reads the same shape whatever the number of targets.
 */
export function printJson(documents: readonly string[], output: Output): void {
  output.out(
    JSON.stringify(
      documents.map((document): unknown => JSON.parse(document)),
      null,
      2,
    ),
  );
}

/** Repeated problems capped (unless --verbose), in the plan's own problem format. */
function problemLines(output: Output): (diagnostics: readonly Diagnostic[]) => string[] {
  return (diagnostics) => {
    if (output.verbose) return renderDiagnosticsText(diagnostics).split("\n");
    const { shown, summary } = capDiagnostics(diagnostics);
    return [...renderDiagnosticsText(shown).split("\n"), ...summary];
  };
}

export interface PrintPlanOptions {
  readonly result?: ApplyResult;
  /** Shown to be confirmed, then applied: headed "PLAN", not "DRY RUN". */
  readonly preview?: boolean;
  /** Where the plan goes: stdout, or stderr when stdout is kept for `--json`. */
  readonly to: "out" | "err";
}

/**
 * A plan or apply report for people: coloured on a terminal (+ create, ~ update, − destructive),
 * problems capped; with `--quiet`, only its summary line and its errors.
 */
export function printPlan(plan: Plan, output: Output, options: PrintPlanOptions): void {
  const write = (text: string): void => (options.to === "out" ? output.out(text) : output.err(text));
  const text = renderPlanText(plan, options.result, {
    ...(options.preview === true ? { preview: true } : {}),
    ...(options.to === "out" ? { style: (tone, line) => output.style(tone, line) } : {}),
    problems: problemLines(output),
  });
  if (!output.quiet) {
    write(text);
    return;
  }
  const errors = inputErrors(plan);
  if (errors.length > 0) output.err(formatDiagnostics(errors, output.verbose));
  write(text.slice(text.lastIndexOf("\n") + 1));
}

/**
 * `--json` for a target that was not applied: why, and the plan. Besides the engine's refusals:
 * `another-target` (another target's plan stopped the run), `declined` (the answer was no),
 * `cancelled` (Ctrl+C before this target was reached).
 */
export type NotApplied = ApplyRefusal | "another-target" | "declined" | "cancelled";

export function refusedJson(refused: NotApplied, plan: Plan): string {
  return JSON.stringify({ refused, plan: JSON.parse(renderPlanJson(plan)) as unknown }, null, 2);
}

/** An invalid users.csv: every problem, no plan, exit 1. With `--json` stdout still parses. */
export function printInvalidInput(
  file: string,
  diagnostics: readonly Diagnostic[],
  json: boolean,
  output: Output,
): ExitCodeValue {
  if (json) {
    output.err(formatDiagnostics(diagnostics, output.verbose));
    output.out(JSON.stringify({ valid: false, diagnostics }, null, 2));
  } else {
    output.out(formatDiagnostics(diagnostics, output.verbose));
  }
  output.err(`${file} is invalid: nothing was planned. Fix the problems above and run again.`);
  return ExitCode.failed;
}
