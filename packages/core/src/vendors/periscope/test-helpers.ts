import { CHANGE_KIND_ORDER, type Change, type Plan, type PlanCounts } from "../../plan/types.js";
import type { Logger } from "../vendor.js";
import type { PeriscopeSiteSettings } from "./settings.js";

/** A hand-made plan for tests (the planner is tested elsewhere). */
export function planOf(changes: readonly Change[], target?: string): Plan {
  const counts = Object.fromEntries(CHANGE_KIND_ORDER.map((kind) => [kind, 0])) as Record<Change["kind"], number>;
  for (const change of changes) counts[change.kind] += 1;
  const planCounts: PlanCounts = { ...counts, total: changes.length, destructive: 0, unmanaged: 0, unchanged: 0 };
  return {
    version: 1,
    vendor: "periscope",
    ...(target !== undefined && { target }),
    file: "users.csv",
    changes,
    counts: planCounts,
    safety: {
      destructive: 0,
      managedUsers: 0,
      limit: 5,
      unsafe: false,
      acknowledgement: null,
      acknowledgementValue: null,
    },
    diagnostics: [],
    checksum: "test",
  };
}

/** A logger that keeps its lines, so tests can assert nothing secret was logged. */
export function memoryLogger(): Logger & { readonly lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (message) => lines.push(message),
    warn: (message) => lines.push(message),
    debug: (message) => lines.push(message),
  };
}

/** Settings for one demo site of a running simulator. */
export function demoSite(
  url: string,
  site: "acme-analytics" | "acme-rbac",
  keys: Readonly<Record<string, string>>,
): PeriscopeSiteSettings {
  return {
    site,
    apiKey: keys[site] ?? "",
    baseUrl: url,
    api: site === "acme-rbac" ? "v2" : "v1",
    invitedBy: "admin@acme.example",
  };
}

/** No real waiting in tests: retries sleep for nothing. */
export const fastHttp = { sleep: async () => {}, retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1 } } as const;
