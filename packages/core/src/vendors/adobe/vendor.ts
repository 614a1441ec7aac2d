import { setTimeout as delay, setImmediate as yieldToEventLoop } from "node:timers/promises";
import { incompleteListing } from "../../http/index.js";
import type { Pacer, TokenTransportOptions } from "../../http/types.js";
import type { CurrentUser, Directory } from "../../model/directory.js";
import { awaitReadNeeds, isNeeded } from "../../model/read-needs.js";
import { SharedGroupLists } from "../../model/shared-group-lists.js";
import type { Plan } from "../../plan/types.js";
import type {
  ApplySession,
  ServerCheckResult,
  Vendor,
  VendorContext,
  VendorFactoryOptions,
  VendorModule,
  VendorSettings,
} from "../vendor.js";
import { pack, send, settleByRequest } from "./apply.js";
import { adobeCapabilities } from "./capabilities.js";
import { createUmapiClient } from "./client.js";
import { toCurrentGroup, toCurrentUser } from "./mapping.js";
import type { RequestResult } from "./outcomes.js";
import { mapOutcomes } from "./outcomes.js";
import { createAdobePacer } from "./pacing.js";
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
      // it arrives (a user's groups come inline), so it is mapped then and its wire objects let go.
      // The group list only when the plan needs groups (plan/read-needs.ts): a user's own groups,
      // admin roles among them, come inline, so administrators are known without it.
      // OAuth Server-to-Server authenticates a technical account, which is not an org user: no `self`.
      const needed = awaitReadNeeds(context.needs);
      const pages: Promise<CurrentUser[]>[] = [];
      const lists = new SharedGroupLists();
      const [, groups, needs] = await Promise.all([
        client.listUsers((page, done, total) => {
          // Mapped once the next page has been asked for, so mapping is not between two pages.
          const mapped = yieldToEventLoop().then(() => {
            return page.map((user) => toCurrentUser(user, lists));
          });
          mapped.catch(() => undefined); // awaited below, where a failure surfaces
          pages.push(mapped);
          context.onProgress?.({ phase: "read", done, ...(total !== undefined ? { total } : {}) });
        }),
        needed.then(async (needs) => (isNeeded(needs.groups) ? (await client.listGroups()).map(toCurrentGroup) : [])),
        needed,
      ]);
      const users = (await Promise.all(pages)).flat();
      // Users who hold groups while the groups listing is empty: the listing went wrong, and reading
      // it as "no groups" would make every membership unknown (reliability/adobe-corrupt-reads.test.ts).
      if (isNeeded(needs.groups) && groups.length === 0 && users.some((user) => user.groups.length > 0)) {
        throw incompleteListing(
          "Adobe",
          { method: "GET", path: `/groups/${settings.orgId}` },
          "no groups at all, while users hold some",
        );
      }
      return { users, groups, ...(context.needs !== undefined && { read: needs }) };
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

export const adobeVendor = {
  id: "adobe",
  secretSettings: ADOBE_SECRET_SETTINGS,
  capabilities: adobeCapabilities,
  validateUser: (user, file, columns) => validateAdobeUser(user, file, columns),
  create(settings: VendorSettings, options: VendorFactoryOptions): Vendor[] {
    return [createAdobeVendor(parseAdobeSettings(settings), options)];
  },
} satisfies VendorModule;
