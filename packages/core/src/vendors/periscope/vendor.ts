import { createRedactor, incompleteListing } from "../../http/index.js";
import type { TransportOptions } from "../../http/types.js";
import type { Directory } from "../../model/directory.js";
import type { ChangeOutcome, Plan } from "../../plan/types.js";
import type {
  ApplySession,
  ServerCheckResult,
  Vendor,
  VendorContext,
  VendorFactoryOptions,
  VendorModule,
  VendorSettings,
} from "../vendor.js";
import { buildOperations, runOperations } from "./apply.js";
import { periscopeCapabilities } from "./capabilities.js";
import { countRequests, createPeriscopeV1Client, createPeriscopeV2Client } from "./client.js";
import { nameKey } from "./mapping.js";
import { PERISCOPE_SETTINGS, type PeriscopeSiteSettings, parsePeriscopeSettings } from "./settings.js";
import { createV1Family, createV2Family, type SiteFamily } from "./site-family.js";
import { createPeriscopeHttp } from "./transport.js";

export interface SiteVendorParts {
  readonly settings: PeriscopeSiteSettings;
  readonly family: SiteFamily;
  /** Counts requests for `ServerCheckResult.requests`. */
  readonly counter: { count: number };
  readonly close: () => Promise<void>;
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
      const directory = await family.read((done) => context.onProgress?.({ phase: "read", done }));
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
      if (directory.groups.length === 0 && directory.users.some((user) => user.groups.length > 0)) {
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

/**
 * One Vendor per site named in PERISCOPE_SITE, each with its own key and API family; plans and reports are per site (`target` = site name).
 */
export function createPeriscopeVendors(
  settings: VendorSettings,
  options: VendorFactoryOptions,
  overrides: TransportOptions = {},
): Vendor[] {
  return parsePeriscopeSettings(settings).map((site) => {
    const http = createPeriscopeHttp(site, options.mode, options.logger, overrides);
    const counter = { count: 0 };
    const counted = countRequests(http, counter);
    const family =
      site.api === "v1"
        ? createV1Family(createPeriscopeV1Client(counted), site.invitedBy)
        : createV2Family(createPeriscopeV2Client(counted), site.invitedBy);
    return createSiteVendor({
      settings: site,
      family,
      counter,
      close: () => http.close(),
    });
  });
}

export const periscopeVendor = {
  id: "periscope",
  secretSettings: [PERISCOPE_SETTINGS.apiKey],
  // Before settings are read the family is unknown: v1 sites have groups, RBAC sites roles.
  capabilities: periscopeCapabilities("group or role"),
  create: (settings: VendorSettings, options: VendorFactoryOptions) => createPeriscopeVendors(settings, options),
} satisfies VendorModule;
