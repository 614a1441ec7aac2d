import { afterEach, beforeEach } from "vitest";
import type { Directory } from "../../../model/directory.js";
import type { NewUser } from "../../../plan/types.js";
import type { RunMode, Vendor } from "../../vendor.js";
import { type PeriscopeSimulator, periscopeSimulatorEnv, startPeriscopeSimulator } from "../simulator/index.js";
import { fastHttp, memoryLogger } from "../test-helpers.js";
import { createPeriscopeVendors } from "../vendor.js";

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
