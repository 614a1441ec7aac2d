import { isCoreError } from "../errors.js";
import type { Directory } from "../model/directory.js";
import type { AppliedChange, ApplyResult, ChangeOutcome, OutcomeStatus, Plan } from "../plan/types.js";
import type { ApplyOptions, ApplySession, Vendor, VendorContext } from "../vendors/vendor.js";

export const STOPPED_REASON = "stopped after an earlier failure";
export const CANCELLED_REASON = "cancelled";
export const NOT_ATTEMPTED_REASON = "not attempted";

/** Worst first: a change reported several times keeps the worst report. */
const SEVERITY: Readonly<Record<OutcomeStatus, number>> = { applied: 0, skipped: 1, unknown: 2, failed: 3 };

export interface ApplyPlanOptions extends ApplyOptions {
  /** Clock for `durationMs` (tests inject one). */
  readonly now?: () => number;
}

/**
 * Applies a plan through a vendor, and keeps the books of it once for every vendor (issue 12
 * item 8): the vendor sends requests in the plan's order and reports an outcome per change; the
 * engine decides when to stop (cancellation through `context.signal`, the first failure with
 * `stopOnError`, or a vendor's `halt`), marks what was never reported as skipped with the reason,
 * and does the counts, progress and timing.
 *
 * A vendor answer that cannot be read (a `CoreError` escaping the vendor, e.g. VENDOR_PROTOCOL or
 * a transport failure) never loses the report of what was already applied: the apply stops, and
 * each change without an outcome is `unknown`, since it may have been in flight. Only bugs, the
 * plan-mode write guard and INTERNAL errors are thrown.
 */
export async function applyPlan(
  vendor: Vendor,
  plan: Plan,
  directory: Directory,
  options: ApplyPlanOptions,
  context: VendorContext,
): Promise<ApplyResult> {
  const now = options.now ?? Date.now;
  const started = now();
  const total = plan.changes.length;
  const outcomes: (ChangeOutcome | undefined)[] = plan.changes.map(() => undefined);
  let done = 0;
  let stopReason: string | undefined;
  let finished = false;

  const stopped = (): boolean => {
    if (stopReason === undefined && context.signal?.aborted === true) stopReason = CANCELLED_REASON;
    return stopReason !== undefined;
  };
  const session: ApplySession = {
    logger: context.logger,
    ...(context.onWait === undefined ? {} : { onWait: context.onWait }),
    sequential: options.stopOnError,
    get stopped() {
      return stopped();
    },
    settle(indexes, outcome) {
      if (finished) return;
      for (const index of indexes) {
        if (index < 0 || index >= total) continue;
        const current = outcomes[index];
        if (current === undefined) done += 1;
        else if (SEVERITY[current.status] >= SEVERITY[outcome.status]) continue;
        outcomes[index] = outcome;
      }
      if (options.stopOnError && (outcome.status === "failed" || outcome.status === "unknown")) {
        stopReason ??= STOPPED_REASON;
      }
      context.onProgress?.({ phase: "apply", done, total });
    },
    halt(reason) {
      stopReason ??= reason;
    },
  };

  let interrupted: string | undefined;
  try {
    await vendor.apply(plan, directory, session);
  } catch (error) {
    if (!isCoreError(error) || error.code === "READ_ONLY_VIOLATION" || error.code === "INTERNAL") throw error;
    // Requests still in flight start nothing new; what they report from now on is not counted.
    stopReason ??= `the apply stopped: ${error.message}`;
    interrupted = error.message;
  } finally {
    finished = true;
  }

  const results: AppliedChange[] = plan.changes.map((change, index) => ({
    change,
    outcome:
      outcomes[index] ??
      (interrupted !== undefined
        ? {
            status: "unknown",
            message: `the apply stopped on an error before this change's outcome was known (${interrupted}); the next plan reads it back`,
          }
        : { status: "skipped", reason: stopReason ?? NOT_ATTEMPTED_REASON }),
  }));
  const tally: Record<OutcomeStatus, number> = { applied: 0, failed: 0, skipped: 0, unknown: 0 };
  for (const result of results) tally[result.outcome.status] += 1;
  const { unknown, ...counts } = tally;
  return {
    plan,
    results,
    counts: unknown > 0 ? { ...counts, unknown } : counts,
    durationMs: Math.max(0, now() - started),
  };
}
