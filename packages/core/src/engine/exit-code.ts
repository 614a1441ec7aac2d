import type { ApplyResult, Plan } from "../plan/types.js";
import { type ApplyRefusal, hasInputErrors } from "./run-plan.js";

/** Exit codes (README.md#cli): 0 done, 1 invalid input or failed changes, 3 unsafe plan (2, usage, is the adapters'). */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;
export const EXIT_UNSAFE = 3;

/**
 * One verdict for CLI and Action. Invalid input wins over unsafe (fix the file first; the
 * destructive count may change with it); a plan whose checksum differs from the reviewed one is a
 * failure (1), since nothing was applied.
 */
export function exitCodeFor(outcome: {
  readonly plan: Plan;
  readonly result?: ApplyResult | undefined;
  readonly refused?: ApplyRefusal | undefined;
}): number {
  if (outcome.refused === "invalid" || hasInputErrors(outcome.plan)) return EXIT_FAILED;
  if (outcome.refused === "unsafe" || outcome.plan.safety.unsafe) return EXIT_UNSAFE;
  if (outcome.refused === "checksum") return EXIT_FAILED;
  if (outcome.result !== undefined && outcome.result.counts.failed > 0) return EXIT_FAILED;
  return EXIT_OK;
}

/** A one-line explanation of a refusal, for logs and reports. */
export function describeRefusal(refused: ApplyRefusal, plan: Plan, expectedChecksum?: string): string {
  switch (refused) {
    case "invalid":
      return `Nothing was applied: ${plan.file} has errors for ${plan.vendor}. Fix them and try again.`;
    case "unsafe":
      return `Nothing was applied: ${plan.safety.destructive} destructive changes exceed the limit of ${plan.safety.limit}. Acknowledge with "${plan.safety.acknowledgement}" to apply exactly this plan.`;
    case "checksum":
      return `Nothing was applied: the plan (checksum ${plan.checksum.slice(0, 12)}) differs from the reviewed plan${
        expectedChecksum === undefined ? "" : ` (checksum ${expectedChecksum.slice(0, 12)})`
      }. The vendor or users.csv changed since the review; plan again and review the new plan.`;
  }
}
