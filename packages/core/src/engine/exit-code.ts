import { CHECKSUM_PREFIX_LENGTH } from "../plan/checksum.js";
import { hasInputErrors } from "../plan/safety.js";
import type { ApplyResult, Plan } from "../plan/types.js";
import type { ApplyRefusal } from "./run-plan.js";

/** README.md#cli: scripts and CI branch on these, so they never change meaning. */
export const ExitCode = {
  /** Done: the file is valid, the plan was shown, or every change was applied. */
  ok: 0,
  /** Invalid users.csv, at least one change failed, or the plan is not the reviewed one (`--checksum`). */
  failed: 1,
  /** Wrong flags or arguments, missing or invalid configuration (credentials, vendor id): the adapters'. */
  usage: 2,
  /** The plan is unsafe: too many destructive changes without the matching `--allow-removals N`. */
  unsafe: 3,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * One verdict for CLI and Action. Invalid input wins over unsafe (fix the file first; the
 * destructive count may change with it); a plan whose checksum differs from the reviewed one is a
 * failure (1), since nothing was applied.
 */
export function exitCodeFor(outcome: {
  readonly plan: Plan;
  readonly result?: ApplyResult | undefined;
  readonly refused?: ApplyRefusal | undefined;
}): ExitCodeValue {
  if (outcome.refused === "invalid" || hasInputErrors(outcome.plan)) return ExitCode.failed;
  if (outcome.refused === "unsafe" || outcome.plan.safety.unsafe) return ExitCode.unsafe;
  if (outcome.refused === "checksum") return ExitCode.failed;
  // An unknown outcome needs a look as much as a failure does: the next plan shows what happened.
  if (outcome.result !== undefined && outcome.result.counts.failed + (outcome.result.counts.unknown ?? 0) > 0) {
    return ExitCode.failed;
  }
  return ExitCode.ok;
}

/** A one-line explanation of a refusal, for logs and reports. */
export function describeRefusal(refused: ApplyRefusal, plan: Plan, expectedChecksum?: string): string {
  switch (refused) {
    case "invalid":
      return `Nothing was applied: ${plan.file} has errors for ${plan.vendor}. Fix them and try again.`;
    case "unsafe":
      return `Nothing was applied: ${plan.safety.destructive} destructive changes exceed the limit of ${plan.safety.limit}. Acknowledge with "${plan.safety.acknowledgement}" to apply exactly this plan.`;
    case "superseded":
      return `Nothing was applied to ${plan.vendor}: a newer commit is the head of the default branch, and its run applies users.csv.`;
    case "checksum": {
      // As many characters as were given (at least 12), so the two checksums shown differ visibly.
      const given = expectedChecksum?.trim();
      const shown = Math.min(64, Math.max(CHECKSUM_PREFIX_LENGTH, given?.length ?? 0));
      const reviewed =
        given === undefined
          ? ""
          : given.length < CHECKSUM_PREFIX_LENGTH
            ? ` (checksum "${given.slice(0, 64)}" is too short: give at least ${CHECKSUM_PREFIX_LENGTH} characters)`
            : ` (checksum ${given.slice(0, 64)})`;
      return `Nothing was applied: the plan (checksum ${plan.checksum.slice(0, shown)}) differs from the reviewed plan${reviewed}. The vendor or users.csv changed since the review; plan again and review the new plan.`;
    }
  }
}
