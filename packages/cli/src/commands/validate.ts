import { ExitCode, type ExitCodeValue, getVendorModule, hasErrors } from "@roster/core";
import type { CommandContext } from "../command-context.js";
import { formatDiagnostics } from "../output.js";
import { readDesired } from "../targets.js";

export interface ValidateFlags {
  readonly vendor: string;
  readonly json?: boolean;
}

/**
 * `roster validate <csv> --vendor <id>`: the file and the vendor's offline row rules, with no
 * credentials and no network (what a pull request from a fork gets).
 */
export async function runValidate(csv: string, flags: ValidateFlags, context: CommandContext): Promise<ExitCodeValue> {
  const { output } = context;
  const module = getVendorModule(flags.vendor);
  const desired = await readDesired(csv, module);
  const valid = !hasErrors(desired.diagnostics);
  if (flags.json === true) {
    output.out(
      JSON.stringify(
        { file: desired.file, vendor: module.id, valid, users: desired.users.length, diagnostics: desired.diagnostics },
        null,
        2,
      ),
    );
  } else {
    // --quiet: errors and the summary line only.
    const shown = output.quiet ? desired.diagnostics.filter((d) => d.severity === "error") : desired.diagnostics;
    if (shown.length > 0) output.out(formatDiagnostics(shown, output.verbose));
    const errors = desired.diagnostics.filter((d) => d.severity === "error").length;
    output.out(
      valid
        ? `${desired.file}: ${desired.users.length} users, valid for ${module.id}.`
        : `${desired.file}: ${errors} ${errors === 1 ? "error" : "errors"}; fix ${errors === 1 ? "it" : "them"} before planning.`,
    );
  }
  return valid ? ExitCode.ok : ExitCode.failed;
}
