import type { Diagnostic } from "@roster/core";
import { ExitCode, type ExitCodeValue } from "./exit-codes.js";
import { formatDiagnostics, type Output } from "./output.js";

/**
 * `--json` prints one JSON document on stdout: the object for a single target, an array when a
 * vendor reaches several targets (Periscope sites).
 */
export function printJson(documents: readonly string[], output: Output): void {
  if (documents.length === 1) {
    output.out(documents[0] ?? "");
    return;
  }
  output.out(
    JSON.stringify(
      documents.map((document): unknown => JSON.parse(document)),
      null,
      2,
    ),
  );
}

/** An invalid users.csv: every problem, no plan, exit 1. With `--json` stdout still parses. */
export function printInvalidInput(
  file: string,
  diagnostics: readonly Diagnostic[],
  json: boolean,
  output: Output,
): ExitCodeValue {
  if (json) {
    output.err(formatDiagnostics(diagnostics));
    output.out(JSON.stringify({ valid: false, diagnostics }, null, 2));
  } else {
    output.out(formatDiagnostics(diagnostics));
  }
  output.err(`${file} is invalid: nothing was planned. Fix the problems above and run again.`);
  return ExitCode.failed;
}
