import { CoreError, isCoreError } from "../../errors.js";
import { isHttpError } from "../../http/index.js";
import type { ChangeOutcome } from "../../plan/types.js";
import type { ApplySession } from "../vendor.js";

/** Consecutive transport failures (no answer, retries exhausted) after which Sigma counts as down. */
const MAX_CONSECUTIVE_TRANSPORT_FAILURES = 3;

type Failure = Extract<ChangeOutcome, { status: "failed" }>;
type Unknown = Extract<ChangeOutcome, { status: "unknown" }>;

/**
 * Errors that end the whole run rather than one change: plan-mode writes, INTERNAL, and bugs
 * (anything not a CoreError). Rejected credentials are not among them: a 401 that survived
 * re-authentication fails its change and stops the apply (`MidApplyAuth`), so the report of what
 * was already applied is kept.
 */
export function isFatal(error: unknown): boolean {
  if (!isCoreError(error)) return true;
  return error.code === "READ_ONLY_VIOLATION" || error.code === "INTERNAL";
}

function isTransportFailure(error: unknown): boolean {
  return isHttpError(error) && (error.status === 0 || error.code === "HTTP_RETRIES_EXHAUSTED");
}

/** Sigma refused the credentials: a 401 after the HTTP layer re-authenticated once, or a refused token exchange. */
function isCredentialFailure(error: unknown): boolean {
  return (isHttpError(error) && error.status === 401) || (isCoreError(error) && error.code === "CONFIG_INVALID");
}

/**
 * A write whose 200 answer Sigma's API does not give (an empty body, an HTML page, JSON without the
 * object): the request reached something, so the change may or may not have been made.
 */
export function malformedAnswer(label: string, what: string): CoreError {
  return new CoreError(
    "VENDOR_PROTOCOL",
    `Sigma answered ${label} with 200 but ${what}; the change may or may not have been made, and the next plan reads it back`,
  );
}

/** The outcome for an error: failed with Sigma's own message, or unknown when the answer was lost or unreadable. */
export function toOutcome(error: unknown): Failure | Unknown {
  if (isHttpError(error)) {
    const code = error.details.code ?? (error.status > 0 ? String(error.status) : error.code);
    const requestId = error.details.requestId === undefined ? {} : { requestId: error.details.requestId };
    // When the answer was lost the full message says so ("may have"): the outcome is unknown.
    if (error.ambiguous) return { status: "unknown", message: error.message, code, ...requestId };
    return { status: "failed", message: error.details.message ?? error.message, code, ...requestId };
  }
  if (isCoreError(error)) {
    if (error.code === "VENDOR_PROTOCOL") return { status: "unknown", message: error.message, code: error.code };
    return { status: "failed", message: error.message, code: error.code };
  }
  return { status: "failed", message: String(error) };
}

/**
 * Sigma's side of the apply bookkeeping, over the engine's session (engine/apply-plan.ts): turns
 * each request's result into outcomes for the changes it serves, and stops the apply when Sigma
 * stops answering or refuses the credentials. Stop-on-error, cancellation, "skipped" for what was
 * not attempted, counts and timing are the engine's.
 */
export class OutcomeBook {
  private transportFailures = 0;

  constructor(private readonly session: ApplySession) {}

  /** A change refused before any request (an unknown team): failed, unless the apply has stopped. */
  reject(indices: readonly number[], failure: Failure, followUp?: (index: number) => string | undefined): void {
    for (const index of indices) {
      const lead = followUp?.(index);
      // Once stopped, a change that never started stays unreported (the engine skips it); one that a
      // follow-up only completes keeps its applied outcome.
      if (this.session.stopped) continue;
      this.session.settle(
        [index],
        lead === undefined ? failure : { ...failure, message: `${lead}: ${failure.message}` },
      );
    }
  }

  skip(indices: readonly number[], reason: string): void {
    this.session.settle(indices, { status: "skipped", reason });
  }

  /**
   * Runs one request on behalf of `indices`. A per-change rejection becomes a failed outcome, a lost
   * or unreadable answer an unknown one; a fatal error is rethrown. `followUp` marks indices whose
   * change is already applied and this request only completes it (a new member's attributes): their
   * failure message starts with the returned text, and once the run has stopped they stay applied.
   */
  async attempt(
    indices: readonly number[],
    run: () => Promise<unknown>,
    followUp?: (index: number) => string | undefined,
  ): Promise<boolean> {
    if (this.session.stopped) return false;
    try {
      await run();
    } catch (error) {
      if (isFatal(error)) throw error;
      const outcome = toOutcome(error);
      for (const index of indices) {
        const lead = followUp?.(index);
        this.session.settle(
          [index],
          lead === undefined ? outcome : { ...outcome, message: `${lead}: ${outcome.message}` },
        );
      }
      if (isCredentialFailure(error)) {
        this.session.halt(`not attempted: Sigma refused the credentials during the apply (${outcome.message})`);
      } else if (isTransportFailure(error)) {
        this.transportFailures += 1;
        if (this.transportFailures >= MAX_CONSECUTIVE_TRANSPORT_FAILURES) {
          this.session.halt(`not attempted: Sigma stopped answering (${outcome.message})`);
        }
      } else {
        this.transportFailures = 0;
      }
      return false;
    }
    this.transportFailures = 0;
    this.session.settle(indices, { status: "applied" });
    return true;
  }
}
