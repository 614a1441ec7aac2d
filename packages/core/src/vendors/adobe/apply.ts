import { CoreError, isCoreError } from "../../errors.js";
import { isHttpError } from "../../http/index.js";
import type { CurrentUser, Directory } from "../../model/directory.js";
import type { Plan } from "../../plan/types.js";
import type { ApplySession, Logger } from "../vendor.js";
import type { UmapiClient } from "./client.js";
import type { RequestResult } from "./outcomes.js";
import { readActionResponse, requestOutcomes } from "./outcomes.js";
import type { PackResult } from "./pack-actions.js";
import { packActions } from "./pack-actions.js";
import type { AdobeSettings } from "./settings.js";

/**
 * Adobe's apply path, plan -> /action requests -> outcomes: `pack` turns a plan into packed action
 * requests (pack-actions.ts), `send` sends them, `settleByRequest` reports each request's outcomes
 * to the engine's session (outcomes.ts maps Adobe's answers). The vendor's `apply` and `check`
 * (vendor.ts) both run through here.
 */

export function pack(plan: Plan, directory: Directory, settings: AdobeSettings, forCheck: boolean): PackResult {
  // Only the users the plan touches: a 1% change of 100,000 users needs 1,000 of them.
  const touched = new Set<string>();
  for (const change of plan.changes) if ("userId" in change) touched.add(change.userId);
  const users = new Map<string, CurrentUser>();
  for (const user of directory.users) if (touched.has(user.id)) users.set(user.id, user);
  const created = plan.changes.flatMap((c) => (c.kind === "create-group" ? [c.group.toLowerCase()] : []));
  return packActions(plan.changes, users, {
    defaultIdentityType: settings.defaultIdentityType,
    ...(settings.defaultCountry !== undefined ? { defaultCountry: settings.defaultCountry } : {}),
    ...(forCheck && created.length > 0 ? { omitAddGroups: new Set(created) } : {}),
  });
}

/**
 * Action requests in flight at once. The pacer still holds them to Adobe's 10 per minute (docs/vendors/adobe.md#action-api);
 * inside a window they need not wait for each other's answers. 8 matches the connection pool.
 */
const ACTION_LANES = 8;

/** How `send` learns of each request's result, and whether it may start another. */
export interface SendHooks {
  readonly testOnly: boolean;
  /** One request at a time (stop-on-error). */
  readonly sequential: boolean;
  /** True once nothing new may be sent (the engine stopped the apply). */
  readonly stopped: () => boolean;
  readonly logger: Logger;
  readonly onResult: (r: number, result: RequestResult) => void;
}

/** What an /action answer that cannot be read means for its changes: their outcome is unknown. */
const UNREADABLE_ACTION =
  "Adobe answered POST /action with 200 but an empty or malformed body; it may or may not have made these changes, and the next plan reads them back";

/**
 * Sends the packed requests: those that create user groups first, one at a time (UMAPI does not
 * promise any order inside a request or across concurrent ones, docs/vendors/adobe.md#action-api), then the rest up to
 * ACTION_LANES at a time, or one at a time when sequential. In an apply, a request that fails as
 * a whole (HTTP error after retries) fails its changes and the rest go on, and a 200 whose body is
 * not an action response leaves its changes unknown. In a check both are thrown: an outage or an
 * unreadable answer is not Adobe rejecting the plan. Anything but an HttpError (the plan-mode
 * guard, a bug) is always thrown: it is not a vendor's answer about a change.
 */
export async function send(
  client: UmapiClient,
  packed: PackResult,
  hooks: SendHooks,
  actionLanes: number = ACTION_LANES,
): Promise<void> {
  let thrown = false;
  const one = async (r: number): Promise<void> => {
    const request = packed.requests[r];
    if (request === undefined || hooks.stopped()) return;
    let result: RequestResult;
    try {
      const answer: unknown = await client.action(request.entries, hooks.testOnly);
      const body = readActionResponse(answer);
      if (body === undefined) {
        const message = UNREADABLE_ACTION;
        if (hooks.testOnly) throw new CoreError("VENDOR_PROTOCOL", message);
        result = { kind: "unknown", message };
      } else {
        for (const warning of body.warnings ?? [])
          hooks.logger.warn(`Adobe: ${warning.message} (${warning.warningCode})`);
        result = { kind: "response", body };
      }
    } catch (error) {
      // An answer that does not account for the request (client.ts checks it against its schema):
      // the changes may or may not have been made, so their outcome is unknown, not failed. In a
      // check it is thrown: an unreadable answer is not Adobe rejecting the plan.
      if (isCoreError(error) && error.code === "VENDOR_PROTOCOL" && !hooks.testOnly) {
        result = {
          kind: "unknown",
          message: UNREADABLE_ACTION,
        };
      } else if (!isHttpError(error) || hooks.testOnly) {
        thrown = true;
        throw error;
      } else {
        result = {
          kind: "failed",
          message: error.message,
          code: error.details.code ?? (error.status === 0 ? error.code : String(error.status)),
          ...(error.details.requestId !== undefined ? { requestId: error.details.requestId } : {}),
        };
      }
    }
    hooks.onResult(r, result);
  };
  const createsGroups = (r: number) =>
    packed.requests[r]?.entries.some(
      (entry) => "usergroup" in entry && entry.do.some((step) => "createUserGroup" in step),
    );
  const order = packed.requests.map((_, r) => r);
  for (const r of order.filter(createsGroups)) await one(r);
  const rest = order.filter((r) => !createsGroups(r));
  let next = 0;
  const lane = async (): Promise<void> => {
    while (!thrown && next < rest.length) await one(rest[next++] ?? -1);
  };
  const lanes = hooks.sequential ? 1 : actionLanes;
  await Promise.all(Array.from({ length: Math.max(1, Math.min(lanes, rest.length)) }, lane));
}

/**
 * Reports each request's outcomes to the engine's session as they come in. A change whose steps
 * span several requests is reported applied only once all of them are in; a failure or unknown is
 * reported at once (so stop-on-error stops at once).
 */
export function settleByRequest(packed: PackResult, session: ApplySession): (r: number, result: RequestResult) => void {
  const pending = new Map<number, number>();
  for (const request of packed.requests) {
    for (const index of new Set(request.steps.flat())) pending.set(index, (pending.get(index) ?? 0) + 1);
  }
  return (r, result) => {
    const request = packed.requests[r];
    if (request === undefined) return;
    const applied: number[] = [];
    for (const [index, outcome] of requestOutcomes(request, result)) {
      const left = (pending.get(index) ?? 1) - 1;
      pending.set(index, left);
      if (outcome.status !== "applied") session.settle([index], outcome);
      else if (left === 0) applied.push(index);
    }
    if (applied.length > 0) session.settle(applied, { status: "applied" });
  };
}
