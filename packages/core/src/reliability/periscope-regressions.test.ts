import { describe, expect, it } from "vitest";
import { readUsersCsv } from "../csv/read-users-csv.js";
import { applyPlan } from "../engine/apply-plan.js";
import { planForVendor } from "../engine/run-plan.js";
import { defaultPolicy } from "../model/policy.js";
import { createPeriscopeVendors } from "../vendors/periscope/index.js";
import type { PeriscopeSimSeed } from "../vendors/periscope/simulator/index.js";
import {
  type PeriscopeSimulator,
  periscopeSimulatorEnv,
  startPeriscopeSimulator,
} from "../vendors/periscope/testing.js";
import { recordingLogger } from "./convergence.js";

const TIMEOUT_MS = 60;
const settle = () => new Promise((resolve) => setTimeout(resolve, TIMEOUT_MS * 4));

function seedFor(rbac: boolean): PeriscopeSimSeed {
  return {
    sites: [
      {
        name: "reg",
        apiKey: "reg-key-0123456789",
        rbac,
        ...(rbac ? { roles: ["Viewer"] } : { groups: ["Everyone"] }),
        users: [{ email: "admin@reg.test", first_name: "Ada", last_name: "Admin" }],
      },
    ],
  };
}

async function planAndApply(sim: PeriscopeSimulator, seed: PeriscopeSimSeed, csv: string) {
  const logger = recordingLogger();
  const [vendor] = createPeriscopeVendors(
    periscopeSimulatorEnv(sim, seed),
    { mode: "apply", logger },
    { sleep: async () => {}, random: () => 0.5, timeoutMs: TIMEOUT_MS },
  );
  if (vendor === undefined) throw new Error("no site");
  const context = { logger };
  const desired = await readUsersCsv({ file: "users.csv", input: csv });
  const policy = { ...defaultPolicy, createMissingGroups: true };
  try {
    const { plan, directory } = await planForVendor({ desired, vendor, policy, context });
    return await applyPlan(vendor, plan, directory, { stopOnError: false }, context);
  } finally {
    await vendor.close();
  }
}

// Regressions found by the fault suite (reliability/faults.test.ts), in the Periscope vendor.
describe.each([
  { api: "v1", rbac: false, createRoute: "v1.users.create", groupRoute: "v1.groups.create" },
  { api: "v2", rbac: true, createRoute: "v2.users.create", groupRoute: "roles.create" },
])("Periscope $api: creates whose answer was lost", ({ rbac, createRoute, groupRoute }) => {
  it("finds out about a create still in flight when first looked up, instead of reporting it failed", async () => {
    const seed = seedFor(rbac);
    await using sim = await startPeriscopeSimulator({ seed });
    // The POST lands after the client gave up and after its first lookup.
    sim.addFault({ route: createRoute, count: 1, latencyMs: TIMEOUT_MS * 3 });
    const result = await planAndApply(sim, seed, "email,first_name,last_name\nann@reg.test,Ann,Lee\n");
    await settle();
    expect(result.results[0]?.outcome).toEqual({ status: "applied" });
    const users = Object.values(sim.state.sites)[0]?.users ?? [];
    expect(users.filter((user) => user.email === "ann@reg.test")).toHaveLength(1);
  });

  it("says the user may exist when every attempt lost its answer", async () => {
    const seed = seedFor(rbac);
    await using sim = await startPeriscopeSimulator({ seed });
    sim.addFault({ route: createRoute, drop: "before" });
    const result = await planAndApply(sim, seed, "email,first_name,last_name\nann@reg.test,Ann,Lee\n");
    // The outcome is unknown, not a clean refusal (issue 12 item 9).
    expect(result.results[0]?.outcome).toMatchObject({
      status: "unknown",
      message: expect.stringContaining("may have"),
    });
  });

  it("puts new users in a group whose create answer was lost", async () => {
    const seed = seedFor(rbac);
    await using sim = await startPeriscopeSimulator({ seed });
    sim.addFault({ route: groupRoute, count: 1, drop: "after" });
    const result = await planAndApply(sim, seed, "email,first_name,last_name,groups\nann@reg.test,Ann,Lee,Platform\n");
    expect(result.results.map((r) => r.outcome.status)).toEqual(["applied", "applied"]);
  });
});
