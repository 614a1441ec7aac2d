import { handPlan } from "../../plan/test-builders.js";
import type { Change, Plan } from "../../plan/types.js";
import type { Logger } from "../vendor.js";
import type { PeriscopeSiteSettings } from "./settings.js";

/** A hand-made plan for tests (the planner is tested elsewhere). */
export function planOf(changes: readonly Change[], target?: string): Plan {
  return handPlan(changes, { vendor: "periscope", ...(target !== undefined && { target }) });
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
