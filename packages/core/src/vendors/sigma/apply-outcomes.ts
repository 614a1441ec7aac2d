import { ConfigError, isCoreError } from "../../errors.js";
import { isHttpError } from "../../http/index.js";
import type { Change, ChangeOutcome } from "../../plan/types.js";

export const STOPPED_REASON = "stopped after an earlier failure";
/** Consecutive transport failures (no answer, retries exhausted) after which Sigma counts as down. */
const MAX_CONSECUTIVE_TRANSPORT_FAILURES = 3;

type Failure = Extract<ChangeOutcome, { status: "failed" }>;

/**
 * Errors that end the whole run rather than one change: plan-mode writes, rejected credentials,
 * a 401 that survived re-authentication, cancellation, and bugs (anything not a CoreError).
 */
export function isFatal(error: unknown): boolean {
  if (!isCoreError(error)) return true;
  if (error.code === "READ_ONLY_VIOLATION" || error.code === "INTERNAL" || error instanceof ConfigError) return true;
  return isHttpError(error) && error.status === 401;
}

function isTransportFailure(error: unknown): boolean {
  return isHttpError(error) && (error.status === 0 || error.code === "HTTP_RETRIES_EXHAUSTED");
}

/** The failed outcome for an error: Sigma's own message, code and requestId when it sent them. */
export function toFailure(error: unknown): Failure {
  if (isHttpError(error)) {
    const code = error.details.code ?? (error.status > 0 ? String(error.status) : error.code);
    return {
      status: "failed",
      // When the answer was lost the full message says so ("may have acted"); the vendor's own
      // text alone ("Internal error") would read as a clean refusal.
      message: error.ambiguous ? error.message : (error.details.message ?? error.message),
      code,
      ...(error.details.requestId !== undefined && { requestId: error.details.requestId }),
    };
  }
  if (isCoreError(error)) return { status: "failed", message: error.message, code: error.code };
  return { status: "failed", message: String(error) };
}

/**
 * One outcome per change, in plan order. A change touched by several requests (a membership
 * change split over chunks) ends as the worst of them: failed > skipped > applied.
 */
export class OutcomeBook {
  private readonly outcomes: (ChangeOutcome | undefined)[];
  private stopReason: string | undefined;
  private transportFailures = 0;

  constructor(
    readonly changes: readonly Change[],
    private readonly stopOnError: boolean,
    private readonly signal?: AbortSignal,
  ) {
    this.outcomes = changes.map(() => undefined);
  }

  get done(): number {
    return this.outcomes.filter((outcome) => outcome !== undefined).length;
  }

  outcome(index: number): ChangeOutcome {
    return this.outcomes[index] ?? { status: "skipped", reason: "not attempted" };
  }

  private set(index: number, outcome: ChangeOutcome): void {
    const current = this.outcomes[index];
    if (current?.status === "failed") return;
    if (current?.status === "skipped" && outcome.status === "applied") return;
    this.outcomes[index] = outcome;
  }

  private fail(indices: readonly number[], failure: Failure): void {
    for (const index of indices) this.set(index, failure);
    if (this.stopOnError && this.stopReason === undefined) this.stopReason = STOPPED_REASON;
  }

  /** A change refused before any request (an unknown team): failed, or skipped once stopped. */
  reject(indices: readonly number[], failure: Failure, followUp?: (index: number) => string | undefined): void {
    for (const index of indices) {
      const lead = followUp?.(index);
      if (this.stopReason !== undefined) {
        if (lead === undefined) this.skip([index], this.stopReason);
      } else {
        this.fail([index], lead === undefined ? failure : { ...failure, message: `${lead}: ${failure.message}` });
      }
    }
  }

  skip(indices: readonly number[], reason: string): void {
    for (const index of indices) this.set(index, { status: "skipped", reason });
  }

  /**
   * Runs one request on behalf of `indices`. A per-change rejection becomes a failed outcome; a
   * fatal error is rethrown. `followUp` marks indices whose change is already applied and this
   * request only completes it (a new member's attributes): their failure message starts with the
   * returned text, and once the run has stopped they stay applied instead of being skipped.
   */
  async attempt(
    indices: readonly number[],
    run: () => Promise<unknown>,
    followUp?: (index: number) => string | undefined,
  ): Promise<boolean> {
    if (this.signal?.aborted === true && this.stopReason === undefined) this.stopReason = "cancelled";
    if (this.stopReason !== undefined) {
      this.skip(
        indices.filter((index) => followUp?.(index) === undefined),
        this.stopReason,
      );
      return false;
    }
    try {
      await run();
    } catch (error) {
      if (isFatal(error)) throw error;
      const failure = toFailure(error);
      for (const index of indices) {
        const lead = followUp?.(index);
        this.fail([index], lead === undefined ? failure : { ...failure, message: `${lead}: ${failure.message}` });
      }
      if (isTransportFailure(error)) {
        this.transportFailures += 1;
        if (this.transportFailures >= MAX_CONSECUTIVE_TRANSPORT_FAILURES && this.stopReason === undefined) {
          this.stopReason = `not attempted: Sigma stopped answering (${failure.message})`;
        }
      } else {
        this.transportFailures = 0;
      }
      return false;
    }
    this.transportFailures = 0;
    for (const index of indices) this.set(index, { status: "applied" });
    return true;
  }
}
