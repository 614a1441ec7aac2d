import type { Diagnostic } from "../diagnostics.js";
import { formatLocation, sortDiagnostics } from "../diagnostics.js";
import { ConfigError } from "../errors.js";

/**
 * roster.yml is invalid. Carries every problem found in one pass, each with file:line:column, and
 * its message lists them the way a terminal shows users.csv errors, so a caller that only prints
 * `error.message` still shows where to look.
 */
export class RosterConfigError extends ConfigError {
  readonly diagnostics: readonly Diagnostic[];

  constructor(file: string, diagnostics: readonly Diagnostic[]) {
    const sorted = sortDiagnostics(diagnostics);
    const lines = sorted.map((d) => `${formatLocation(d)}: ${d.message}`);
    super(file, `${file} is invalid:\n${lines.join("\n")}`);
    this.name = "RosterConfigError";
    this.diagnostics = sorted;
  }
}
