import type { Diagnostic } from "../diagnostics.js";
import { sortDiagnostics } from "../diagnostics.js";
import { fitSections, leftOut, renderFitted } from "./budget.js";
import { escapeMarkdown } from "./escape.js";
import { diagnosticLine } from "./render-markdown.js";

/**
 * The report of a run that never reached the vendor: a pull request from a fork (GitHub gives it
 * no secrets), a run without credentials, or an invalid users.csv. It says plainly that the vendor
 * was not read, so nobody mistakes "valid" for "nothing would change". Every problem is listed
 * (each message cut and escaped like every other report text); only the size budget shortens the
 * list, and then it says how many were left out.
 */
export interface RenderValidationMarkdownInput {
  /** The vendor, or the vendors of a roster.yml run (empty when roster.yml itself is invalid). */
  readonly vendor: string | readonly string[];
  readonly file: string;
  /** Users read from the file (valid rows). */
  readonly users: number;
  readonly diagnostics: readonly Diagnostic[];
  /** Why the vendor was not read; undefined when the file's own problems stopped the run. */
  readonly reason?: string | undefined;
  readonly heading?: string;
  /** A line's link; `file` is the file a problem names when the report covers several (roster.yml and its users files). */
  readonly csvUrl?: (line: number, file?: string) => string | undefined;
  /** Where the complete report is when this one is shortened. */
  readonly fullReportHint?: string;
  /** Default 60,000, like a plan comment. */
  readonly maxChars?: number;
}

const plural = (count: number, noun: string) => `${count.toLocaleString("en-US")} ${noun}${count === 1 ? "" : "s"}`;

export function renderValidationMarkdown(input: RenderValidationMarkdownInput): string {
  const file = escapeMarkdown(input.file);
  const several = typeof input.vendor !== "string";
  const named = typeof input.vendor === "string" ? [input.vendor] : input.vendor;
  const notRead = several
    ? `No vendor was read${named.length === 0 ? "" : ` (${named.map((v) => escapeMarkdown(v)).join(", ")})`}`
    : `${escapeMarkdown(input.vendor as string)} was not read`;
  const rules = several
    ? "each vendor's own value rules"
    : `${escapeMarkdown(input.vendor as string)}'s own value rules`;
  const errors = input.diagnostics.filter((d) => d.severity === "error").length;
  const header = ["> [!NOTE]", "> **DRY RUN**: nothing was changed.", ""];
  if (input.heading !== undefined) header.push(`### ${escapeMarkdown(input.heading)}`, "");
  header.push(
    input.reason === undefined
      ? `**${notRead}**: ${file} has problems to fix first. There is no plan to review or apply until it is valid.`
      : `**${notRead}**: ${escapeMarkdown(input.reason)}. ${file} was validated offline only (format, columns, emails, duplicates and ${rules}); the plan of changes appears when the workflow runs with credentials.`,
    "",
    errors === 0
      ? `✅ ${file} is valid: ${plural(input.users, "user")}.`
      : `❌ ${file} has ${plural(errors, "error")}.`,
    "",
  );
  const sorted = sortDiagnostics(input.diagnostics);
  const section = {
    unit: "problems" as const,
    head: [`#### Problems (${sorted.length.toLocaleString("en-US")})`, ""],
    // A problem in another file than the report's (roster.yml, one of several users files) names that file.
    items: sorted.map((d) => diagnosticLine(d, input.csvUrl, input.file)),
    ids: sorted.map((_, index) => index),
    tail: [""],
  };
  const maxChars = input.maxChars ?? 60_000;
  const headerText = `${header.join("\n")}\n`;
  const fitted = fitSections([section], maxChars - headerText.length - 400 - (input.fullReportHint?.length ?? 0));
  const body = renderFitted(fitted);
  const cut = leftOut(fitted);
  if (cut.total > 0) {
    const where =
      input.fullReportHint === undefined ? "" : ` The full list is in ${escapeMarkdown(input.fullReportHint)}.`;
    body.push(
      `> ✂️ **This report was shortened to fit:** ${plural(cut.problems, "problem")} left out. The counts above are complete.${where}`,
      "",
    );
  }
  return `${headerText}${body.join("\n")}`.trimEnd();
}
