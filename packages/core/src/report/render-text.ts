import type { Diagnostic } from "../diagnostics.js";
import { formatLocation } from "../diagnostics.js";
import { hasInputErrors } from "../plan/safety.js";
import { targetLabel } from "../plan/target-label.js";
import type { ApplyResult, Plan } from "../plan/types.js";
import { CHANGE_KIND_ORDER, isDestructive } from "../plan/types.js";
import { changeDetail, changeSubject, describeOutcome, KIND_TITLES } from "./describe-change.js";
import { escapeTerminal, MESSAGE_MAX_CHARS } from "./escape.js";
import { outcomesFor } from "./outcomes.js";

/** A problem as the one plain line an annotation or a log shows: message (cut, escaped) and code. */
export function renderDiagnosticLine(d: Diagnostic): string {
  return `${escapeTerminal(d.message, MESSAGE_MAX_CHARS)} (${d.code})`;
}

/** `users.csv:12:3: error: message [CODE]`, one per line, worst first as given. */
export function renderDiagnosticsText(diagnostics: readonly Diagnostic[]): string {
  return diagnostics
    .map(
      (d) =>
        `${escapeTerminal(formatLocation(d))}: ${d.severity}: ${escapeTerminal(d.message, MESSAGE_MAX_CHARS)} [${d.code}]`,
    )
    .join("\n");
}

/** How a line of the plan reads: what a terminal adapter may colour (+ create, ~ update, − destructive). */
export type PlanTextTone = "create" | "update" | "destructive" | "heading" | "problem";

export interface PlanTextOptions {
  /**
   * The plan is shown to be confirmed and then applied (`roster apply` on a terminal): headed "PLAN",
   * since "DRY RUN: nothing was changed" right before "Apply?" reads as if nothing would happen.
   */
  readonly preview?: boolean;
  /** Styles a line by its tone, e.g. colours on a terminal. Never adds characters a pipe would see. */
  readonly style?: (tone: PlanTextTone, text: string) => string;
  /** The problem lines (a terminal adapter caps repeated ones); one line per diagnostic by default. */
  readonly problems?: (diagnostics: readonly Diagnostic[]) => string[];
}

/** `+` creates, `−` destructive changes (deactivate, delete, removals, downgrades), `~` the rest. */
function marker(change: Plan["changes"][number]): { readonly sign: string; readonly tone: PlanTextTone } {
  if (isDestructive(change)) return { sign: "−", tone: "destructive" };
  if (change.kind === "create-user" || change.kind === "create-group") return { sign: "+", tone: "create" };
  return { sign: "~", tone: "update" };
}

function headline(plan: Plan, result: ApplyResult | undefined, preview = false): string {
  const where = `${targetLabel(plan)}, ${plan.file}`;
  if (result !== undefined) {
    const unknown = result.counts.unknown ?? 0;
    if (result.counts.failed > 0) {
      return `FAILED: ${result.counts.failed} of ${result.results.length} changes failed${unknown > 0 ? `, ${unknown} with unknown outcome` : ""} (${where})`;
    }
    return unknown > 0
      ? `OUTCOME UNKNOWN: ${unknown} of ${result.results.length} changes may or may not have been made; plan again to see (${where})`
      : `APPLIED: ${result.counts.applied} changes applied (${where})`;
  }
  if (hasInputErrors(plan)) {
    return `INVALID ${plan.file}: nothing was changed; fix the errors below (${where})`;
  }
  if (plan.safety.unsafe) {
    return `UNSAFE PLAN: nothing was changed; ${plan.safety.destructive} destructive changes exceed the limit of ${plan.safety.limit}. Acknowledge with "${plan.safety.acknowledgement}" (${where})`;
  }
  if (preview)
    return `PLAN: ${plan.changes.length} ${plan.changes.length === 1 ? "change" : "changes"} to apply (${where})`;
  return `DRY RUN: nothing was changed (${where})`;
}

/** A plain-text plan for a terminal: grouped by kind, each change with its `users.csv:LINE`, then a summary line. */
export function renderPlanText(plan: Plan, result?: ApplyResult, options: PlanTextOptions = {}): string {
  const style = options.style ?? ((_tone: PlanTextTone, text: string) => text);
  const outcomes = outcomesFor(plan, result);
  const lines = [style("heading", escapeTerminal(headline(plan, result, options.preview))), ""];
  for (const kind of CHANGE_KIND_ORDER) {
    const indexes = plan.changes.flatMap((change, index) => (change.kind === kind ? [index] : []));
    if (indexes.length === 0) continue;
    lines.push(`${KIND_TITLES[kind]} (${indexes.length})`);
    for (const index of indexes) {
      const change = plan.changes[index];
      if (change === undefined) continue;
      const where = change.line === null ? "(policy)" : `${change.file ?? plan.file}:${change.line}`;
      const { sign, tone } = marker(change);
      const outcome = outcomes[index];
      const status = outcome === undefined ? "" : `  [${describeOutcome(outcome)}]`;
      lines.push(
        style(tone, escapeTerminal(`  ${sign} ${where}  ${changeSubject(change)}  ${changeDetail(change)}${status}`)),
      );
    }
    lines.push("");
  }
  if (plan.diagnostics.length > 0) {
    const problems = options.problems?.(plan.diagnostics) ?? renderDiagnosticsText(plan.diagnostics).split("\n");
    lines.push(
      style("heading", `Problems (${plan.diagnostics.length})`),
      ...problems.map((l) => style("problem", `  ${l}`)),
      "",
    );
  }
  const perKind = CHANGE_KIND_ORDER.filter((kind) => plan.counts[kind] > 0)
    .map((kind) => `${plan.counts[kind]} ${KIND_TITLES[kind].toLowerCase()}`)
    .join(", ");
  const applied =
    result === undefined
      ? ""
      : `; ${result.counts.applied} applied, ${result.counts.failed} failed, ${result.counts.skipped} skipped` +
        ((result.counts.unknown ?? 0) > 0 ? `, ${result.counts.unknown} unknown` : "");
  lines.push(
    `Summary: ${plan.counts.total} changes${perKind === "" ? "" : ` (${perKind})`}, ${plan.counts.destructive} destructive (limit ${plan.safety.limit})${applied}; ` +
      `${plan.counts.unchanged} unchanged, ${plan.counts.unmanaged} not in ${escapeTerminal(plan.file)}; checksum ${plan.checksum.slice(0, 12)}.`,
  );
  return lines.join("\n");
}
