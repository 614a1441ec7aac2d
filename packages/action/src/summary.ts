import * as core from "@actions/core";
import { redactText } from "./secrets.js";

/**
 * The job summary holds the full report. GitHub refuses a step summary over 1 MiB (the upload
 * fails with "supports content up to a size of 1024k"; docs/plan-in-pr.md#job-summary), so the
 * text is cut on a line boundary below that budget, with a note saying so.
 */
export const SUMMARY_BUDGET_BYTES = 1_000_000;

const TRUNCATION_NOTE = "\n\n> [!WARNING]\n> The report was cut to fit GitHub's 1 MiB job summary limit.\n";

/** Joins sections and keeps the result under `budget` bytes of UTF-8. */
export function fitSummary(sections: readonly string[], budget: number = SUMMARY_BUDGET_BYTES): string {
  const text = sections.join("\n\n");
  if (Buffer.byteLength(text, "utf8") <= budget) return text;
  const room = budget - Buffer.byteLength(TRUNCATION_NOTE, "utf8");
  let cut = Buffer.from(text, "utf8").subarray(0, Math.max(0, room)).toString("utf8");
  // A cut inside a multi-byte character leaves U+FFFD; a cut mid-line leaves half a table row.
  const lastNewline = cut.lastIndexOf("\n");
  if (lastNewline > 0) cut = cut.slice(0, lastNewline);
  return `${cut.replace(/\uFFFD$/, "")}${TRUNCATION_NOTE}`;
}

/** Writes the summary when the runner provides one (GITHUB_STEP_SUMMARY); logs otherwise. */
export async function writeSummary(sections: readonly string[]): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) {
    core.info("GITHUB_STEP_SUMMARY is not set: no job summary written.");
    return;
  }
  // Redacted before it is cut, so the cut cannot split a secret and keep half of it (secrets.ts).
  await core.summary.addRaw(fitSummary(sections.map(redactText)), true).write();
}
