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
    const message = error.details.message ?? error.message;
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

/**
 * Whether a write whose answer was lost took effect anyway. A create whose answer never came
 * (timeout or dropped connection after sending; the HTTP layer does not repeat a POST then) is
 * looked up instead of guessed. A delete that the HTTP layer repeated and that then got 404 was
 * done by an earlier attempt.
 */
async function landedDespite(run: SiteRun, operation: Operation, error: HttpError): Promise<boolean> {
  if (operation.kind === "delete-user") return error.status === 404 && error.attempts > 1;
  if (!error.ambiguous) return false;
  try {
    if (operation.kind === "create-user") return await run.userExists(operation.user.email);
    if (operation.kind === "create-group") return await run.groupExists(operation.group);
  } catch {
    return false;
  }
  return false;
}

/**
 * Runs operations in order and returns one outcome per change index. One failure never hides the
 * others: every operation is attempted unless `stopOnError`. Throws only for errors that are not a
 * vendor's answer to one change (read-only violation, protocol surprise, a bug) and, in a check,
 * for transport failures: a check that could not ask the server must not look like a clean one.
 */
export async function runOperations(
  run: SiteRun,
  operations: readonly Operation[],
  options: RunOperationsOptions,
): Promise<Map<number, ChangeOutcome>> {
  const outcomes = new Map<number, ChangeOutcome>();
  let stopped = false;
  let done = 0;
  for (const operation of operations) {
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
        if (failure === undefined || (options.testMode && isHttpError(error) && !serverAnswered)) throw error;
        if (!options.testMode && isHttpError(error) && (await landedDespite(run, operation, error))) {
          options.logger.warn(`${operation.kind}: the answer was lost but the change took effect; counted as applied`);
          outcome = { status: "applied" };
        } else {
          outcome = failure;
          stopped = options.stopOnError;
        }
      }
    }
    for (const index of operation.indexes) outcomes.set(index, outcome);
    done += operation.indexes.length;
    options.onDone?.(done);
  }
  return outcomes;
}
