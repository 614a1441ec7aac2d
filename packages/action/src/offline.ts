import type { DesiredState, Diagnostic } from "@roster/core";
import { formatLocation, sortDiagnostics } from "@roster/core";

/**
 * The report of a run that never reached the vendor: a pull request from a fork (GitHub gives it
 * no secrets), a pull request without credentials, or an invalid users.csv. It must say plainly
 * that the vendor was not read, so nobody mistakes "valid" for "nothing would change".
 */
export interface OfflineReportInput {
  readonly vendor: string;
  readonly desired: DesiredState;
  /** Why the vendor was not read; undefined when the file's own problems stopped the run. */
  readonly reason: string | undefined;
  /** Cap on the listed problems (the rest are counted). */
  readonly maxRows?: number;
}

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");

function problemRows(diagnostics: readonly Diagnostic[], maxRows: number): string[] {
  const sorted = sortDiagnostics(diagnostics);
  const rows = ["| where | severity | problem |", "| --- | --- | --- |"];
  for (const d of sorted.slice(0, maxRows)) {
    rows.push(`| \`${cell(formatLocation(d))}\` | ${d.severity} | ${cell(d.message)} (\`${d.code}\`) |`);
  }
  if (sorted.length > maxRows) rows.push("", `…and ${sorted.length - maxRows} more.`);
  return rows;
}

export function renderOfflineReport(input: OfflineReportInput): string {
  const { desired, vendor } = input;
  const errors = desired.diagnostics.filter((d) => d.severity === "error").length;
  const lines = ["> [!NOTE]", "> **DRY RUN**: nothing was changed.", "", `### Roster: ${vendor} · ${desired.file}`, ""];
  if (input.reason !== undefined) {
    lines.push(
      `**${vendor} was not read**: ${input.reason}. ${desired.file} was validated offline only (format, columns, emails, duplicates and ${vendor}'s own value rules); the plan of changes appears when the workflow runs with credentials.`,
      "",
    );
  } else {
    lines.push(`**${vendor} was not read**: ${desired.file} has problems to fix first.`, "");
  }
  lines.push(
    errors === 0
      ? `✅ ${desired.file} is valid: ${desired.users.length} user${desired.users.length === 1 ? "" : "s"}.`
      : `❌ ${desired.file} has ${errors} error${errors === 1 ? "" : "s"}.`,
  );
  if (desired.diagnostics.length > 0) lines.push("", ...problemRows(desired.diagnostics, input.maxRows ?? 500));
  return lines.join("\n");
}
