import { setTimeout as delay, setImmediate as yieldToEventLoop } from "node:timers/promises";
import { CoreError, isCoreError } from "../../errors.js";
import { incompleteListing, isHttpError } from "../../http/index.js";
import type { Pacer, TokenTransportOptions } from "../../http/types.js";
import type { CurrentUser, Directory } from "../../model/directory.js";
import type { Plan } from "../../plan/types.js";
import type {
  ApplySession,
  Logger,
  ServerCheckResult,
  Vendor,
  VendorContext,
  VendorFactoryOptions,
  VendorModule,
  VendorSettings,
} from "../vendor.js";
import { adobeCapabilities } from "./capabilities.js";
import type { UmapiClient } from "./client.js";
import { createUmapiClient } from "./client.js";
import { toCurrentGroup, toCurrentUser } from "./mapping.js";
import type { RequestResult } from "./outcomes.js";
import { mapOutcomes, readActionResponse, requestOutcomes } from "./outcomes.js";
import { createAdobePacer } from "./pacing.js";
import type { PackResult } from "./pack-actions.js";
import { packActions } from "./pack-actions.js";
import { predictApplyWallTimeMs } from "./rate-limits.js";
import type { AdobeSettings } from "./settings.js";
import { ADOBE_SECRET_SETTINGS, parseAdobeSettings } from "./settings.js";
import { validateAdobeUser } from "./validate-user.js";

/** Injection points for tests and benchmarks (transport, clock, sleeps, pacing). */
export interface AdobeVendorOptions extends VendorFactoryOptions, TokenTransportOptions {
  /** Replaces the pacer built from the settings' rate limits. */
  readonly pacer?: Pacer;
  /** Action requests in flight at once (default ACTION_LANES; stop-on-error always sends one at a time). */
  readonly actionLanes?: number;
}

function pack(plan: Plan, directory: Directory, settings: AdobeSettings, forCheck: boolean): PackResult {
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
interface SendHooks {
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
async function send(
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
function settleByRequest(packed: PackResult, session: ApplySession): (r: number, result: RequestResult) => void {
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

export function createAdobeVendor(settings: AdobeSettings, options: AdobeVendorOptions): Vendor {
  // The pacer's waits are told to the context of the call in progress (a progress bar says
  // "waiting for Adobe's rate limit" instead of sitting still for a minute).
  let waitListener: VendorContext["onWait"];
  const sleep = options.sleep ?? ((ms: number) => delay(ms).then(() => undefined));
  const ownPacer =
    options.pacer !== undefined || settings.rateLimits === false
      ? undefined
      : createAdobePacer(settings.rateLimits, {
          ...(options.now !== undefined ? { now: options.now } : {}),
          sleep: (ms) => {
            waitListener?.({ reason: "Adobe's rate limit", ms });
            return sleep(ms);
          },
        });
  const listening = async <T>(context: Pick<VendorContext, "onWait">, work: () => Promise<T>): Promise<T> => {
    waitListener = context.onWait;
    try {
      return await work();
    } finally {
      waitListener = undefined;
    }
  };
  const pacer = options.pacer ?? ownPacer;
  const client = createUmapiClient({
    settings,
    mode: options.mode,
    logger: options.logger,
    ...(pacer !== undefined ? { pacer } : {}),
    ...(options.dispatcher !== undefined ? { dispatcher: options.dispatcher } : {}),
    ...(options.retry !== undefined ? { retry: options.retry } : {}),
    ...(options.sleep !== undefined ? { sleep: options.sleep } : {}),
    ...(options.now !== undefined ? { now: options.now } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.random !== undefined ? { random: options.random } : {}),
    ...(options.onSecret !== undefined ? { onSecret: options.onSecret } : {}),
  });

  const vendor = {
    id: "adobe",
    capabilities: adobeCapabilities,
    validateUser: (user, file, columns) =>
      validateAdobeUser(
        user,
        file,
        columns,
        settings.defaultCountry !== undefined ? { defaultCountry: settings.defaultCountry } : {},
      ),
    async read(context) {
      // Two listings with separate rate windows (docs/vendors/adobe.md#reading-users-and-groups): side by side. Each user page is final as
      // it arrives (a user's groups come inline), so it is mapped and handed to the planner then.
      // OAuth Server-to-Server authenticates a technical account, which is not an org user: no `self`.
      const pages: Promise<CurrentUser[]>[] = [];
      const [, groups] = await Promise.all([
        client.listUsers((page, done, total) => {
          // Mapped once the next page has been asked for, so mapping is not between two pages.
          const mapped = yieldToEventLoop().then(() => {
            const users = page.map(toCurrentUser);
            context.readAhead?.users(users);
            return users;
          });
          mapped.catch(() => undefined); // awaited below, where a failure surfaces
          pages.push(mapped);
          context.onProgress?.({ phase: "read", done, ...(total !== undefined ? { total } : {}) });
        }),
        client.listGroups().then((listed) => {
          const mapped = listed.map(toCurrentGroup);
          context.readAhead?.meta({ groups: mapped });
          return mapped;
        }),
      ]);
      const users = (await Promise.all(pages)).flat();
      // Users who hold groups while the groups listing is empty: the listing went wrong, and reading
      // it as "no groups" would make every membership unknown (reliability/adobe-corrupt-reads.test.ts).
      if (groups.length === 0 && users.some((user) => user.groups.length > 0)) {
        throw incompleteListing(
          "Adobe",
          { method: "GET", path: `/groups/${settings.orgId}` },
          "no groups at all, while users hold some",
        );
      }
      return { users, groups };
    },
    async check(plan: Plan, directory: Directory, context: VendorContext): Promise<ServerCheckResult> {
      const packed = pack(plan, directory, settings, true);
      const results: RequestResult[] = packed.requests.map(() => ({ kind: "not-sent", reason: "not attempted" }));
      let done = 0;
      await send(
        client,
        packed,
        {
          testOnly: true,
          sequential: false,
          stopped: () => false,
          logger: context.logger,
          onResult: (r, result) => {
            results[r] = result;
            done += 1;
            context.onProgress?.({ phase: "check", done, total: packed.requests.length });
          },
        },
        options.actionLanes,
      );
      const outcomes = mapOutcomes(packed, results, plan.changes.length);
      const rejections = outcomes.flatMap((outcome, index) =>
        outcome.status === "failed"
          ? [{ index, message: outcome.message, ...(outcome.code !== undefined ? { code: outcome.code } : {}) }]
          : [],
      );
      return { rejections, requests: packed.requests.length };
    },
    async apply(plan: Plan, directory: Directory, session: ApplySession): Promise<void> {
      const packed = pack(plan, directory, settings, false);
      const count = packed.requests.length;
      const predicted = settings.rateLimits === false ? 0 : predictApplyWallTimeMs(count, settings.rateLimits);
      session.logger.info(
        `Adobe: ${plan.changes.length} changes in ${count} action requests` +
          (predicted >= 60_000
            ? `; Adobe's rate limit makes this take at least ${Math.ceil(predicted / 60_000)} min`
            : ""),
      );
      for (const [index, reason] of packed.unsupported) session.settle([index], { status: "skipped", reason });
      const served = new Set(packed.requests.flatMap((request) => request.steps.flat()));
      plan.changes.forEach((_, index) => {
        if (!served.has(index) && !packed.unsupported.has(index)) {
          session.settle([index], { status: "skipped", reason: "nothing to send" });
        }
      });
      const waitedBefore = ownPacer?.waitedMs ?? 0;
      await send(
        client,
        packed,
        {
          testOnly: false,
          sequential: session.sequential,
          stopped: () => session.stopped,
          logger: session.logger,
          onResult: settleByRequest(packed, session),
        },
        options.actionLanes,
      );
      if (ownPacer !== undefined && ownPacer.waitedMs > waitedBefore) {
        session.logger.info(
          `Adobe: paced to the rate limits, waited ${Math.round((ownPacer.waitedMs - waitedBefore) / 1000)} s`,
        );
      }
    },
    close: () => client.close(),
  } satisfies Vendor;
  return {
    ...vendor,
    read: (context) => listening(context, () => vendor.read(context)),
    check: (plan, directory, context) => listening(context, () => vendor.check(plan, directory, context)),
    apply: (plan, directory, session) => listening(session, () => vendor.apply(plan, directory, session)),
  };
}

export const adobeVendor: VendorModule = {
  id: "adobe",
  secretSettings: ADOBE_SECRET_SETTINGS,
  capabilities: adobeCapabilities,
  validateUser: (user, file, columns) => validateAdobeUser(user, file, columns),
  create(settings: VendorSettings, options: VendorFactoryOptions): Vendor[] {
    return [createAdobeVendor(parseAdobeSettings(settings), options)];
  },
};
