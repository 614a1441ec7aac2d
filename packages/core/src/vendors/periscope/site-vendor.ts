import { createRedactor, incompleteListing } from "../../http/index.js";
import type { Directory } from "../../model/directory.js";
import { awaitReadNeeds, isNeeded } from "../../model/read-needs.js";
import type { ChangeOutcome, Plan } from "../../plan/types.js";
import type { ApplySession, Capabilities, ServerCheckResult, Vendor, VendorContext } from "../vendor.js";
import type { PeriscopeHttp } from "./client-common.js";
import { nameKey } from "./mapping.js";
import { buildOperations } from "./operations.js";
import { runOperations } from "./run-operations.js";
import type { PeriscopeSiteSettings } from "./settings.js";
import type { SiteFamily } from "./site-family.js";
import { EVERYONE_GROUP } from "./wire-types.js";

/**
 * What Periscope can do (docs/vendors/periscope.md). No account types, attributes, email changes, deactivation or
 * reactivation exist in either API family; users can be deleted (absent users = delete).
 */
export function periscopeCapabilities(groupNoun: string): Capabilities {
  return {
    groupNoun,
    groupSeparators: [";"],
    createGroup: true,
    roles: false,
    attributes: false,
    renameEmail: false,
    deactivate: false,
    reactivate: false,
    deleteUser: true,
    absentUserActions: ["ignore", "remove-groups", "delete"],
    updatableFields: () => ["firstName", "lastName"],
    // ASSUMPTION EVERYONE: every user is in it; Roster never adds to, removes from, creates or deletes it.
    isReservedGroup: (name) => nameKey(name) === nameKey(EVERYONE_GROUP),
    serverCheck: true,
  };
}

export interface SiteVendorParts {
  readonly settings: PeriscopeSiteSettings;
  readonly family: SiteFamily;
  /** Counts requests for `ServerCheckResult.requests`. */
  readonly counter: { count: number };
  readonly close: () => Promise<void>;
}

/** Wraps an HTTP client so a check can say how many requests it made. */
export function countRequests(http: PeriscopeHttp, counter: { count: number }): PeriscopeHttp {
  return {
    request(request) {
      counter.count += 1;
      return http.request(request);
    },
  };
}

/** One Periscope site as a Roster vendor; `target` is the site name. */
export function createSiteVendor(parts: SiteVendorParts): Vendor {
  const { settings, family, counter } = parts;
  const redact = createRedactor([settings.apiKey, `${settings.site}:${settings.apiKey}`]);

  return {
    id: "periscope",
    target: settings.site,
    capabilities: periscopeCapabilities(family.groupNoun),

    async read(context: VendorContext): Promise<Directory> {
      const needed = awaitReadNeeds(context.needs);
      const read = await family.read((done) => context.onProgress?.({ phase: "read", done }), needed);
      const needs = await needed;
      const directory: Directory = context.needs === undefined ? read : { ...read, read: needs };
      // A site has at least the admin that invitations name: a listing of nobody went wrong (reliability/periscope-corrupt-reads.test.ts).
      if (directory.users.length === 0) {
        throw incompleteListing(
          "Periscope",
          { method: "GET", path: family.api === "v1" ? "/api/v1/users" : "/api/v2/users" },
          "no users at all, not even the site's admin",
        );
      }
      // Users who hold groups or roles while the listing of them is empty: the listing went wrong
      // (an empty list would turn every membership into an unknown one, and exact groups into removals).
      // Unless they were not read: the plan needs no groups (plan/read-needs.ts).
      if (
        isNeeded(needs.groups) &&
        directory.groups.length === 0 &&
        directory.users.some((user) => user.groups.length > 0)
      ) {
        throw incompleteListing(
          "Periscope",
          { method: "GET", path: family.api === "v1" ? "/api/v1/groups" : "/api/v1/roles" },
          `no ${family.groupNoun}s at all, while users hold some`,
        );
      }
      context.logger.debug(
        `periscope ${settings.site} (${family.api}): ${directory.users.length} users, ${directory.groups.length} ${family.groupNoun}s`,
      );
      return directory;
    },

    async check(plan: Plan, directory: Directory, context: VendorContext): Promise<ServerCheckResult> {
      const before = counter.count;
      const omitGroups = new Set(
        plan.changes.flatMap((change) => (change.kind === "create-group" ? [nameKey(change.group)] : [])),
      );
      const run = family.startRun(directory, { testMode: true, omitGroups });
      const outcomes = new Map<number, ChangeOutcome>();
      await runOperations(
        run,
        buildOperations(plan),
        { testMode: true, redact, logger: context.logger },
        {
          stopped: false,
          sequential: false,
          settle(indexes, outcome) {
            for (const index of indexes) outcomes.set(index, outcome);
            context.onProgress?.({ phase: "check", done: outcomes.size, total: plan.changes.length });
          },
        },
      );
      const rejections = [...outcomes.entries()]
        .filter(([, outcome]) => outcome.status === "failed")
        .sort(([a], [b]) => a - b)
        .map(([index, outcome]) => {
          const failed = outcome as Extract<ChangeOutcome, { status: "failed" }>;
          return { index, message: failed.message, ...(failed.code !== undefined && { code: failed.code }) };
        });
      return { rejections, requests: counter.count - before };
    },

    async apply(plan: Plan, directory: Directory, session: ApplySession): Promise<void> {
      const run = family.startRun(directory, { testMode: false, omitGroups: new Set() });
      await runOperations(run, buildOperations(plan), { testMode: false, redact, logger: session.logger }, session);
    },

    close: parts.close,
  };
}
