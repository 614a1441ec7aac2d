import { afterEach, beforeEach } from "vitest";
import type { Directory } from "../../model/directory.js";
import { handPlan } from "../../plan/test-builders.js";
import type { Change, NewUser, Plan } from "../../plan/types.js";
import { recordingLogger } from "../../reliability/convergence.js";
import type { RunMode, Vendor } from "../vendor.js";
import type { PeriscopeSiteSettings } from "./settings.js";
import { type PeriscopeSimulator, periscopeSimulatorEnv, startPeriscopeSimulator } from "./simulator/index.js";
import { createPeriscopeVendors } from "./vendor.js";

/** A hand-made plan for tests (the planner is tested elsewhere). */
export function planOf(changes: readonly Change[], target?: string): Plan {
  return handPlan(changes, { vendor: "periscope", ...(target !== undefined && { target }) });
}

/** A logger that keeps its lines, so tests can assert nothing secret was logged. */
export const memoryLogger = recordingLogger;

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

/**
 * A fresh simulator for every test of the file that calls this, and the vendors of its two demo
 * sites: [0] = acme-analytics (v1), [1] = acme-rbac (v2). Closes whatever a test opened.
 */
export function useDemoSites() {
  let running: PeriscopeSimulator | undefined;
  const opened: Vendor[] = [];
  const logger = memoryLogger();
  beforeEach(async () => {
    running = await startPeriscopeSimulator();
    logger.lines.length = 0;
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((vendor) => vendor.close()));
    await running?.close();
  });
  const sim = (): PeriscopeSimulator => {
    if (running === undefined) throw new Error("useDemoSites: no simulator outside a test");
    return running;
  };
  return {
    logger,
    context: { logger },
    sim,
    vendors(mode: RunMode = "apply"): [Vendor, Vendor] {
      const created = createPeriscopeVendors(periscopeSimulatorEnv(sim()), { mode, logger }, fastHttp);
      opened.push(...created);
      return [created[0] as Vendor, created[1] as Vendor];
    },
    /** Every request that was not a GET. */
    writes: () => sim().requests.filter((request) => request.method !== "GET"),
  };
}

export function newUser(email: string, groups: string[], names: Partial<NewUser> = {}): NewUser {
  return {
    email,
    emailAsWritten: email,
    firstName: "New",
    lastName: "Person",
    groups,
    attributes: {},
    status: "active",
    ...names,
  };
}

export function idOf(directory: Directory, email: string): string {
  const user = directory.users.find((item) => item.email === email);
  if (user === undefined) throw new Error(`no ${email}`);
  return user.id;
}
