import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import type { Dispatcher } from "undici";
import { isHttpError } from "../../http/index.js";
import type { Pacer, RetryPolicy } from "../../http/types.js";
import type { CurrentUser, Directory } from "../../model/directory.js";
import type { AppliedChange, ApplyResult, Plan } from "../../plan/types.js";
import type {
  ApplyOptions,
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
import { mapOutcomes } from "./outcomes.js";
import { createAdobePacer } from "./pacing.js";
import type { PackResult } from "./pack-actions.js";
import { packActions } from "./pack-actions.js";
import { predictApplyWallTimeMs } from "./rate-limits.js";
import type { AdobeSettings } from "./settings.js";
import { ADOBE_SECRET_SETTINGS, parseAdobeSettings } from "./settings.js";
import { validateAdobeUser } from "./validate-user.js";

/** Injection points for tests and benchmarks (transport, clock, sleeps, pacing). */
export interface AdobeVendorOptions extends VendorFactoryOptions {
  readonly dispatcher?: Dispatcher;
  readonly retry?: Partial<RetryPolicy>;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
  /** Per-request timeout (default 120 s) and backoff jitter source: test seams. */
  readonly timeoutMs?: number;
  readonly random?: () => number;
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

/**
 * Sends the packed requests: those that create user groups first, one at a time (UMAPI does not
 * promise any order inside a request or across concurrent ones, docs/vendors/adobe.md#action-api), then the rest up to
 * ACTION_LANES at a time, or one at a time with `stopOnError`. In an apply, a request that fails as
 * a whole (HTTP error after retries) fails its changes and the rest go on, unless `stopOnError`. In
 * a check it is thrown: an outage is not Adobe rejecting the plan. Anything but an HttpError (the
 * plan-mode guard, a bug) is always thrown: it is not a vendor's answer about a change.
 */
async function send(
  client: UmapiClient,
  packed: PackResult,
  testOnly: boolean,
  stopOnError: boolean,
  context: VendorContext,
  actionLanes: number = ACTION_LANES,
): Promise<RequestResult[]> {
  const results: RequestResult[] = packed.requests.map(() => ({ kind: "not-sent", reason: "not attempted" }));
  let failed = false;
  let thrown = false;
  let done = 0;
  const one = async (r: number): Promise<void> => {
    const request = packed.requests[r];
    if (request === undefined) return;
    if (context.signal?.aborted === true || (stopOnError && failed)) {
      results[r] = {
        kind: "not-sent",
        reason: context.signal?.aborted === true ? "apply was cancelled" : "an earlier change failed (stop on error)",
      };
      return;
    }
    try {
      const body = await client.action(request.entries, testOnly);
      for (const warning of body.warnings ?? [])
        context.logger.warn(`Adobe: ${warning.message} (${warning.warningCode})`);
      if ((body.errors?.length ?? 0) > 0 || body.notCompleted > 0) failed = true;
      results[r] = { kind: "response", body };
    } catch (error) {
      if (!isHttpError(error) || testOnly) {
        thrown = true;
        throw error;
      }
      failed = true;
      results[r] = {
        kind: "failed",
        message: error.message,
        code: error.details.code ?? (error.status === 0 ? error.code : String(error.status)),
        ...(error.details.requestId !== undefined ? { requestId: error.details.requestId } : {}),
      };
    }
    done += 1;
    context.onProgress?.({ phase: testOnly ? "check" : "apply", done, total: packed.requests.length });
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
  const lanes = stopOnError ? 1 : actionLanes;
  await Promise.all(Array.from({ length: Math.max(1, Math.min(lanes, rest.length)) }, lane));
  return results;
}

export function createAdobeVendor(settings: AdobeSettings, options: AdobeVendorOptions): Vendor {
  const ownPacer =
    options.pacer !== undefined || settings.rateLimits === false
      ? undefined
      : createAdobePacer(settings.rateLimits, {
          ...(options.now !== undefined ? { now: options.now } : {}),
          ...(options.sleep !== undefined ? { sleep: options.sleep } : {}),
        });
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
  });
  const now = options.now ?? Date.now;

  return {
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
      return { users: (await Promise.all(pages)).flat(), groups };
    },
    async check(plan: Plan, directory: Directory, context: VendorContext): Promise<ServerCheckResult> {
      const packed = pack(plan, directory, settings, true);
      const results = await send(client, packed, true, false, context, options.actionLanes);
      const outcomes = mapOutcomes(packed, results, plan.changes.length);
      const rejections = outcomes.flatMap((outcome, index) =>
        outcome.status === "failed"
          ? [{ index, message: outcome.message, ...(outcome.code !== undefined ? { code: outcome.code } : {}) }]
          : [],
      );
      return { rejections, requests: packed.requests.length };
    },
    async apply(
      plan: Plan,
      directory: Directory,
      applyOptions: ApplyOptions,
      context: VendorContext,
    ): Promise<ApplyResult> {
      const started = now();
      const packed = pack(plan, directory, settings, false);
      const count = packed.requests.length;
      const predicted = settings.rateLimits === false ? 0 : predictApplyWallTimeMs(count, settings.rateLimits);
      context.logger.info(
        `Adobe: ${plan.changes.length} changes in ${count} action requests` +
          (predicted >= 60_000
            ? `; Adobe's rate limit makes this take at least ${Math.ceil(predicted / 60_000)} min`
            : ""),
      );
      const waitedBefore = ownPacer?.waitedMs ?? 0;
      const results = await send(client, packed, false, applyOptions.stopOnError, context, options.actionLanes);
      if (ownPacer !== undefined && ownPacer.waitedMs > waitedBefore) {
        context.logger.info(
          `Adobe: paced to the rate limits, waited ${Math.round((ownPacer.waitedMs - waitedBefore) / 1000)} s`,
        );
      }
      const outcomes = mapOutcomes(packed, results, plan.changes.length);
      const applied: AppliedChange[] = plan.changes.map((change, i) => ({
        change,
        outcome: outcomes[i] ?? { status: "skipped", reason: "not attempted" },
      }));
      const tally = (status: string): number => applied.filter((a) => a.outcome.status === status).length;
      return {
        plan,
        results: applied,
        counts: { applied: tally("applied"), failed: tally("failed"), skipped: tally("skipped") },
        durationMs: now() - started,
      };
    },
    close: () => client.close(),
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
