import type { Redactor } from "../../http/index.js";
import { type HttpError, isHttpError } from "../../http/index.js";
import type { ChangeOutcome } from "../../plan/types.js";
import type { Logger } from "../vendor.js";
import type { Operation } from "./operations.js";
import type { SiteRun } from "./site-family.js";

export interface RunOperationsOptions {
  /** A check: a server-side rejection is expected data; anything else aborts the check. */
  readonly testMode: boolean;
  readonly stopOnError: boolean;
  readonly redact: Redactor;
  readonly logger: Logger;
  /** Called after each operation with the number of changes finished so far. */
  readonly onDone?: (changesDone: number) => void;
}

type Failure = Extract<ChangeOutcome, { status: "failed" }>;

const STOPPED = "not attempted: an earlier change failed and stop-on-error is set";

/** The failed outcome for an error the vendor (or Roster's own resolution) reported, else undefined. */
function failureOf(error: unknown, redact: Redactor): Failure | undefined {
  if (isHttpError(error)) {
    // When the answer was lost, say so: the vendor's text alone would read as a clean refusal.
    const message = error.ambiguous
      ? /may have/.test(error.message)
        ? error.message
        : `${error.message} – the answer was lost, so Periscope may have made this change; the next plan reads it back`
      : (error.details.message ?? error.message);
    const code = error.details.code ?? (error.status === 0 ? error.code : String(error.status));
    return {
      status: "failed",
      message: redact(message),
      code,
      ...(error.details.requestId !== undefined && { requestId: error.details.requestId }),
    };
  }
  if (error instanceof Error && error.name === "UnresolvedChangeError") {
    return { status: "failed", message: redact(error.message), code: "UNRESOLVED" };
  }
  return undefined;
}

async function execute(run: SiteRun, operation: Operation): Promise<void> {
  switch (operation.kind) {
    case "create-group":
      return run.createGroup(operation.group);
    case "create-user":
      return run.createUser(operation.user);
    case "update-user":
      return run.updateUser(operation);
    case "delete-user":
      return run.deleteUser(operation);
    case "unsupported":
      return;
  }
}

/** Rounds of "look up, then send again" after a create whose answer was lost. */
const SETTLE_ROUNDS = 4;

async function exists(run: SiteRun, operation: Operation): Promise<boolean> {
  if (operation.kind === "create-user") return run.userExists(operation.user.email);
  if (operation.kind === "create-group") return run.groupExists(operation.group);
  return false;
}

/**
 * Finds out whether a write whose answer was lost took effect, instead of guessing. A create whose
 * answer never came (timeout or dropped connection after sending; the HTTP layer does not repeat a
 * POST then) is looked up; if it is not there yet it is sent again, because a timed-out request may
 * still be in flight when the first lookup runs (test "finds out about a create still in flight when first looked up, instead of reporting it failed", reliability/periscope-regressions.test.ts), and a duplicate answer
 * (409/400) to that repeat means the earlier attempt landed meanwhile, so it looks again. A delete
 * that the HTTP layer repeated and that then got 404 was done by an earlier attempt.
 * Returns undefined when the change is in place, else the error to report.
 */
async function settle(run: SiteRun, operation: Operation, first: HttpError): Promise<HttpError | undefined> {
  if (operation.kind === "delete-user") return first.status === 404 && first.attempts > 1 ? undefined : first;
  if ((operation.kind !== "create-user" && operation.kind !== "create-group") || !first.ambiguous) return first;
  let lost = first;
  for (let round = 1; round <= SETTLE_ROUNDS; round++) {
    try {
      if (await exists(run, operation)) return undefined;
    } catch {
      // The lookup failed too: the truth is unknown, and the failure says so (failureOf).
      return lost;
    }
    try {
      await execute(run, operation);
      return undefined;
    } catch (next) {
      if (!isHttpError(next)) throw next;
      if (next.ambiguous) {
        lost = next;
        continue;
      }
      // A duplicate answer to the repeat: an earlier attempt landed meanwhile.
      if ((next.status === 409 || next.status === 400) && (await exists(run, operation).catch(() => false))) {
        return undefined;
      }
      // Refused now, but an earlier attempt may still land: report the lost answer.
      return lost;
    }
  }
  return lost;
}

/**
 * Requests in flight at once. Periscope publishes no rate limit (docs/vendors/periscope.md#rate-limits); 8 matches the
 * shared connection pool, and keeps a 2,000-user reorganisation at about an eighth of the
 * one-at-a-time wall time.
 */
export const PERISCOPE_CONCURRENCY = 8;

/** Runs `task` over `items` with at most `limit` running at once; resolves when all are done. */
async function forEachBounded<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      await task(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

/**
 * Runs operations and returns one outcome per change index. Groups are created first (users may
 * join them); the user operations, each on a different user, then run up to
 * PERISCOPE_CONCURRENCY at a time (one at a time with `stopOnError`, which skips everything after the
 * first failure). One failure never hides the others: every operation is attempted unless `stopOnError`. Throws only for errors that are
 * not a vendor's answer to one change (read-only violation, protocol surprise, a bug) and, in a
 * check, for transport failures: a check that could not ask the server must not look like a clean one.
 */
export async function runOperations(
  run: SiteRun,
  operations: readonly Operation[],
  options: RunOperationsOptions,
): Promise<Map<number, ChangeOutcome>> {
  const outcomes = new Map<number, ChangeOutcome>();
  let stopped = false;
  let done = 0;
  const one = async (operation: Operation): Promise<void> => {
    let outcome: ChangeOutcome;
    if (operation.kind === "unsupported") {
      outcome = { status: "skipped", reason: operation.reason };
    } else if (stopped) {
      outcome = { status: "skipped", reason: STOPPED };
    } else {
      try {
        await execute(run, operation);
        outcome = { status: "applied" };
      } catch (error) {
        const failure = failureOf(error, options.redact);
        const serverAnswered = isHttpError(error) && error.status >= 400 && error.status < 500;
        if (failure === undefined || (options.testMode && isHttpError(error) && !serverAnswered)) {
          // Fatal: the other lanes start nothing new while the error travels up.
          stopped = true;
          throw error;
        }
        const remaining = !options.testMode && isHttpError(error) ? await settle(run, operation, error) : error;
        if (remaining === undefined) {
          options.logger.warn(`${operation.kind}: the answer was lost but the change took effect; counted as applied`);
          outcome = { status: "applied" };
        } else {
          outcome = failureOf(remaining, options.redact) ?? failure;
          stopped = options.stopOnError;
        }
      }
    }
    for (const index of operation.indexes) outcomes.set(index, outcome);
    done += operation.indexes.length;
    options.onDone?.(done);
  };
  const groups = operations.filter((operation) => operation.kind === "create-group");
  const users = operations.filter((operation) => operation.kind !== "create-group");
  for (const operation of groups) await one(operation);
  // Stop-on-error means nothing after the first failure is sent: one at a time then.
  await forEachBounded(users, options.stopOnError ? 1 : PERISCOPE_CONCURRENCY, one);
  return outcomes;
}
