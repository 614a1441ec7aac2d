import { createRedactor } from "../../http/index.js";
import type { Directory } from "../../model/directory.js";
import type { AppliedChange, ApplyResult, ChangeOutcome, Plan } from "../../plan/types.js";
import type { ApplyOptions, Capabilities, ServerCheckResult, Vendor, VendorContext } from "../vendor.js";
import type { PeriscopeHttp } from "./client-common.js";
import { nameKey } from "./mapping.js";
import { buildOperations } from "./operations.js";
import { runOperations } from "./run-operations.js";
import type { PeriscopeSiteSettings } from "./settings.js";
import type { SiteFamily } from "./site-family.js";

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
    isReservedGroup: () => false,
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

function summarise(plan: Plan, outcomes: ReadonlyMap<number, ChangeOutcome>, started: number): ApplyResult {
  const results: AppliedChange[] = plan.changes.map((change, index) => ({
    change,
    outcome: outcomes.get(index) ?? { status: "skipped", reason: "no request was needed" },
  }));
  const counts = { applied: 0, failed: 0, skipped: 0 };
  for (const result of results) counts[result.outcome.status] += 1;
  return { plan, results, counts, durationMs: Math.max(0, Date.now() - started) };
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
      const directory = await family.read((done) => context.onProgress?.({ phase: "read", done }));
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
      const outcomes = await runOperations(run, buildOperations(plan), {
        testMode: true,
        stopOnError: false,
        redact,
        logger: context.logger,
        onDone: (done) => context.onProgress?.({ phase: "check", done, total: plan.changes.length }),
      });
      const rejections = [...outcomes.entries()]
        .filter(([, outcome]) => outcome.status === "failed")
        .sort(([a], [b]) => a - b)
        .map(([index, outcome]) => {
          const failed = outcome as Extract<ChangeOutcome, { status: "failed" }>;
          return { index, message: failed.message, ...(failed.code !== undefined && { code: failed.code }) };
        });
      return { rejections, requests: counter.count - before };
    },

    async apply(plan: Plan, directory: Directory, options: ApplyOptions, context: VendorContext): Promise<ApplyResult> {
      const started = Date.now();
      const run = family.startRun(directory, { testMode: false, omitGroups: new Set() });
      const outcomes = await runOperations(run, buildOperations(plan), {
        testMode: false,
        stopOnError: options.stopOnError,
        redact,
        logger: context.logger,
        onDone: (done) => context.onProgress?.({ phase: "apply", done, total: plan.changes.length }),
      });
      return summarise(plan, outcomes, started);
    },

    close: parts.close,
  };
}
