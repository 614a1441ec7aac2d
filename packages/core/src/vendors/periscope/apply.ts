import { type CoreError, isCoreError } from "../../errors.js";
import type { Redactor } from "../../http/index.js";
import { type HttpError, isHttpError } from "../../http/index.js";
import type { Change, ChangeOutcome, FieldChange, NewUser, Plan } from "../../plan/types.js";
import type { ApplySession, Logger } from "../vendor.js";
import type { SiteRun } from "./site-family.js";

/**
 * Periscope's apply path, plan -> requests -> outcomes: `buildOperations` groups a plan's changes
 * into the requests Periscope needs (pure), `runOperations` sends them through one site's API
 * family (site-family.ts) and reports one outcome per change. Apply and the server-side check
 * (`test_mode=true`) both run through here (vendor.ts).
 */

/**
 * A plan's changes grouped into the requests Periscope needs. A user's field update and group
 * changes become ONE update (the v1 update carries the user's whole group list, ASSUMPTION
 * V1_GROUPS_REPLACE; v2 likewise for roles), so each operation remembers every change index it
 * stands for and they all share its outcome. Pure.
 */
export type Operation =
  | { readonly kind: "create-group"; readonly indexes: readonly number[]; readonly group: string }
  | { readonly kind: "create-user"; readonly indexes: readonly number[]; readonly user: NewUser }
  | {
      readonly kind: "update-user";
      readonly indexes: readonly number[];
      readonly email: string;
      readonly userId: string;
      readonly fields: readonly FieldChange[];
      readonly add: readonly string[];
      readonly remove: readonly string[];
    }
  | {
      readonly kind: "delete-user";
      readonly indexes: readonly number[];
      readonly email: string;
      readonly userId: string;
    }
  | { readonly kind: "unsupported"; readonly indexes: readonly number[]; readonly reason: string };

interface UpdateDraft {
  kind: "update-user";
  indexes: number[];
  email: string;
  userId: string;
  fields: FieldChange[];
  add: string[];
  remove: string[];
}

const UNSUPPORTED: Partial<Record<Change["kind"], string>> = {
  "rename-email": "Periscope cannot change a user's email address",
  "reactivate-user": "Periscope has no reactivate call",
  "deactivate-user": "Periscope has no deactivate call; use absent users = delete",
  "set-attribute": "Periscope has no user attributes",
  "unset-attribute": "Periscope has no user attributes",
};

export function buildOperations(plan: Pick<Plan, "changes">): Operation[] {
  const operations: (Operation | UpdateDraft)[] = [];
  const updates = new Map<string, UpdateDraft>();

  const updateFor = (change: Change & { userId: string; email: string }): UpdateDraft => {
    let draft = updates.get(change.userId);
    if (draft === undefined) {
      draft = {
        kind: "update-user",
        indexes: [],
        email: change.email,
        userId: change.userId,
        fields: [],
        add: [],
        remove: [],
      };
      updates.set(change.userId, draft);
      operations.push(draft);
    }
    return draft;
  };

  plan.changes.forEach((change, index) => {
    switch (change.kind) {
      case "create-group":
        operations.push({ kind: "create-group", indexes: [index], group: change.group });
        return;
      case "create-user":
        operations.push({ kind: "create-user", indexes: [index], user: change.user });
        return;
      case "update-user":
      case "add-to-groups":
      case "remove-from-groups": {
        const draft = updateFor(change);
        draft.indexes.push(index);
        if (change.kind === "update-user") draft.fields.push(...change.fields);
        else (change.kind === "add-to-groups" ? draft.add : draft.remove).push(...change.groups);
        return;
      }
      case "delete-user":
        operations.push({ kind: "delete-user", indexes: [index], email: change.email, userId: change.userId });
        return;
      default:
        // The planner marks these unsupported from the capabilities; a hand-made plan still gets
        // an outcome instead of a crash.
        operations.push({
          kind: "unsupported",
          indexes: [index],
          reason: UNSUPPORTED[change.kind] ?? `Periscope does not support ${change.kind}`,
        });
    }
  });
  return operations;
}

export interface RunOperationsOptions {
  /** A check: a server-side rejection is expected data; anything else aborts the check. */
  readonly testMode: boolean;
  readonly redact: Redactor;
  readonly logger: Logger;
}

/**
 * Where outcomes go: the engine's apply session (engine/apply-plan.ts), or a check's collector.
 * `stopped` says to start nothing new (cancelled, stop-on-error); what is never reported, the
 * engine marks skipped.
 */
export type OperationSink = Pick<ApplySession, "stopped" | "sequential" | "settle">;

type Failure = Extract<ChangeOutcome, { status: "failed" }>;
type Unknown = Extract<ChangeOutcome, { status: "unknown" }>;

/**
 * The outcome for an error the vendor (or Roster's own resolution) reported, else undefined: failed
 * for a refusal, unknown when the answer was lost or could not be read (VENDOR_PROTOCOL on a write
 * answer), since Periscope may or may not have made the change.
 */
function failureOf(error: unknown, redact: Redactor): Failure | Unknown | undefined {
  if (isHttpError(error)) {
    const code = error.details.code ?? (error.status === 0 ? error.code : String(error.status));
    const requestId = error.details.requestId !== undefined ? { requestId: error.details.requestId } : {};
    if (error.ambiguous) {
      // When the answer was lost, say so: the vendor's text alone would read as a clean refusal.
      const message = /may have/.test(error.message)
        ? error.message
        : `${error.message} – the answer was lost, so Periscope may have made this change; the next plan reads it back`;
      return { status: "unknown", message: redact(message), code, ...requestId };
    }
    return { status: "failed", message: redact(error.details.message ?? error.message), code, ...requestId };
  }
  if (isCoreError(error) && error.code === "VENDOR_PROTOCOL") {
    return {
      status: "unknown",
      // VendorProtocolError says, for a write, that Periscope may or may not have made the change.
      message: redact(error.message),
      code: error.code,
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
async function settle(run: SiteRun, operation: Operation, first: HttpError | CoreError): Promise<unknown> {
  if (!isHttpError(first)) {
    // An unreadable answer to a create: look it up, as for a lost one, but do not send it again.
    if (operation.kind !== "create-user" && operation.kind !== "create-group") return first;
    return (await exists(run, operation).catch(() => false)) ? undefined : first;
  }
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
 * Runs operations and reports one outcome per change index to `sink`. Groups are created first
 * (users may join them); the user operations, each on a different user, then run up to
 * PERISCOPE_CONCURRENCY at a time (one at a time when the sink is sequential, for stop-on-error).
 * Nothing new starts once the sink is stopped. One failure never hides the others. Throws only for
 * errors that are not a vendor's answer to one change (read-only violation, a bug) and, in a check,
 * for transport failures: a check that could not ask the server must not look like a clean one.
 */
export async function runOperations(
  run: SiteRun,
  operations: readonly Operation[],
  options: RunOperationsOptions,
  sink: OperationSink,
): Promise<void> {
  let fatal = false;
  const one = async (operation: Operation): Promise<void> => {
    if (operation.kind === "unsupported") {
      sink.settle(operation.indexes, { status: "skipped", reason: operation.reason });
      return;
    }
    if (fatal || sink.stopped) return;
    let outcome: ChangeOutcome;
    try {
      await execute(run, operation);
      outcome = { status: "applied" };
    } catch (error) {
      const failure = failureOf(error, options.redact);
      const serverAnswered = isHttpError(error) && error.status >= 400 && error.status < 500;
      // In a check, only the server's own refusal is data; an outage or unreadable answer is not.
      const notAnAnswer = (isHttpError(error) && !serverAnswered) || (isCoreError(error) && !isHttpError(error));
      if (failure === undefined || (options.testMode && notAnAnswer)) {
        // Fatal: the other lanes start nothing new while the error travels up.
        fatal = true;
        throw error;
      }
      const remaining =
        !options.testMode && (isHttpError(error) || isCoreError(error))
          ? await settle(run, operation, error as HttpError | CoreError)
          : error;
      if (remaining === undefined) {
        options.logger.warn(`${operation.kind}: the answer was lost but the change took effect; counted as applied`);
        outcome = { status: "applied" };
      } else {
        outcome = failureOf(remaining, options.redact) ?? failure;
      }
    }
    sink.settle(operation.indexes, outcome);
  };
  const groups = operations.filter((operation) => operation.kind === "create-group");
  const users = operations.filter((operation) => operation.kind !== "create-group");
  for (const operation of groups) await one(operation);
  // Stop-on-error means nothing after the first failure is sent: one at a time then.
  await forEachBounded(users, sink.sequential ? 1 : PERISCOPE_CONCURRENCY, one);
}
