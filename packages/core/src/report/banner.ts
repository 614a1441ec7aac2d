import { inputErrors } from "../plan/safety.js";
import { targetLabel } from "../plan/target-label.js";
import type { ApplyResult, Plan } from "../plan/types.js";
import { escapeMarkdown } from "./escape.js";

const plural = (count: number, noun: string) => `${count.toLocaleString("en-US")} ${noun}${count === 1 ? "" : "s"}`;

function target(plan: Plan): string {
  return escapeMarkdown(targetLabel(plan));
}

/**
 * The one-line banner that opens every report, so the mode is unmistakable
 * (docs/plan-in-pr.md#mode-fails-closed): dry run, applied, failed, unsafe, invalid or refused.
 */
export function planBanner(
  plan: Plan,
  result: ApplyResult | undefined,
  refused?: "invalid" | "unsafe" | "checksum" | "superseded",
): string {
  const where = `${target(plan)} · ${escapeMarkdown(plan.file)}`;
  if (result !== undefined) {
    const total = result.results.length;
    const unknown = result.counts.unknown ?? 0;
    const unknownText = unknown > 0 ? `, ${unknown} with unknown outcome` : "";
    if (result.counts.failed > 0) {
      return `❌ **Failed: ${result.counts.failed} of ${plural(total, "change")} failed** — ${result.counts.applied} applied, ${result.counts.skipped} skipped${unknownText} · ${where}`;
    }
    if (unknown > 0) {
      return `❔ **Outcome unknown for ${unknown} of ${plural(total, "change")}** — ${result.counts.applied} applied, ${result.counts.skipped} skipped; the next plan reads them back · ${where}`;
    }
    if (total === 0) return `✅ **Applied — no changes were needed** · ${where}`;
    const skipped = result.counts.skipped > 0 ? `, ${result.counts.skipped} skipped` : "";
    return `✅ **Applied: ${plural(result.counts.applied, "change")}**${skipped} · ${where}`;
  }
  const errors = inputErrors(plan).length;
  if (refused === "invalid" || errors > 0) {
    return `❌ **Invalid ${escapeMarkdown(plan.file)} — nothing was changed.** ${plural(errors, "error")} must be fixed before this plan can be applied · ${target(plan)}`;
  }
  const { safety } = plan;
  if (refused === "unsafe" || safety.unsafe) {
    const mismatch = safety.acknowledgementMismatch
      ? ` (\`${safety.acknowledgementMismatch.given}\` was given; it does not name these destructive changes)`
      : "";
    return `⛔ **Unsafe plan — nothing was changed.** ${plural(safety.destructive, "destructive change")} ${safety.destructive === 1 ? "exceeds" : "exceed"} the limit of ${safety.limit}; to apply exactly this plan, acknowledge it with \`${safety.acknowledgement ?? ""}\`${mismatch} · ${where}`;
  }
  if (refused === "superseded") {
    return `⏭️ **Not applied — superseded.** A newer commit is the head of the default branch; its run applies users.csv · ${where}`;
  }
  if (refused === "checksum") {
    return `⛔ **Not applied — this plan awaits approval: it is not the plan reviewed.** Nothing was changed · ${where}`;
  }
  if (plan.changes.length === 0)
    return `🟡 **DRY RUN — nothing was changed.** No changes: the vendor matches the file · ${where}`;
  const acknowledged = safety.acknowledgement !== null ? `, acknowledged by \`${safety.acknowledgement}\`` : "";
  const destructive = safety.destructive > 0 ? ` (${safety.destructive} destructive${acknowledged})` : "";
  return `🟡 **DRY RUN — nothing was changed.** ${plural(plan.changes.length, "change")} planned${destructive} · ${where}`;
}
