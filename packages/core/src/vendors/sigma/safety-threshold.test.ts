import { describe, expect, it } from "vitest";
import { readUsersCsv } from "../../csv/read-users-csv.js";
import { applyForVendor, planForVendor } from "../../engine/run-plan.js";
import { defaultPolicy, type Policy } from "../../model/policy.js";
import { parseAllowRemovals } from "../../model/safety-settings.js";
import { startSigmaSimulator } from "./simulator/index.js";
import { quietContext } from "./test-helpers.js";
import { sigmaSimulatorEnv } from "./testing.js";
import { createSigmaVendor } from "./vendor.js";

const client = { clientId: "t-client", clientSecret: "t-secret-0123456789", memberEmail: "bot@t.test" };
const active = Array.from({ length: 20 }, (_, i) => ({ email: `a${i}@t.test`, firstName: "A", lastName: `${i}` }));
const archived = Array.from({ length: 300 }, (_, i) => ({ email: `z${i}@t.test`, isArchived: true }));
const csvOf = (emails: readonly string[]) => `email\n${emails.join("\n")}\n`;
const deactivate: Policy = { ...defaultPolicy, absentUsers: "deactivate" };

async function setup() {
  const sim = await startSigmaSimulator({ seed: { client, members: [...active, ...archived] } });
  const vendor = createSigmaVendor(sigmaSimulatorEnv(sim), { mode: "apply", logger: quietContext.logger });
  return {
    sim,
    vendor,
    async [Symbol.asyncDispose]() {
      await vendor.close();
      await sim.close();
    },
  };
}

describe("Sigma: the removal threshold against the simulator (issue 12 items 4 and 5)", () => {
  it("measures against active members: keeping 6 of 20 active (300 archived) is unsafe", async () => {
    await using h = await setup();
    const desired = await readUsersCsv({ file: "users.csv", input: csvOf(active.slice(0, 6).map((m) => m.email)) });
    const { plan } = await planForVendor({ desired, vendor: h.vendor, policy: deactivate, context: quietContext });
    // The credentials' own member is protected, so 14 of the 20 seeded active members are at stake.
    expect(plan.safety).toMatchObject({ destructive: 14, managedUsers: 20, limit: 5, unsafe: true });
    const out = await applyForVendor({
      desired,
      vendor: h.vendor,
      policy: deactivate,
      context: quietContext,
      stopOnError: false,
    });
    expect(out.refused).toBe("unsafe");
    expect(h.sim.requests.filter((r) => r.method === "PATCH")).toEqual([]);
  });

  it("an acknowledgement of 7 deactivations does not let 7 different people be deactivated", async () => {
    await using h = await setup();
    const keepFirst = await readUsersCsv({ file: "users.csv", input: csvOf(active.slice(7).map((m) => m.email)) });
    const keepLast = await readUsersCsv({ file: "users.csv", input: csvOf(active.slice(0, 13).map((m) => m.email)) });
    const reviewed = await planForVendor({
      desired: keepFirst,
      vendor: h.vendor,
      policy: { ...deactivate, removalThreshold: { percent: 0, floor: 0 } },
      context: quietContext,
    });
    const value = reviewed.plan.safety.acknowledgementValue ?? "";
    expect(value).toMatch(/^7@[0-9a-f]{8}$/);
    const policy: Policy = {
      ...deactivate,
      removalThreshold: { percent: 0, floor: 0 },
      allowRemovals: parseAllowRemovals(value, "allow-removals"),
    };
    const other = await applyForVendor({
      desired: keepLast,
      vendor: h.vendor,
      policy,
      context: quietContext,
      stopOnError: false,
    });
    expect(other.plan.safety.destructive).toBe(7);
    expect(other.refused).toBe("unsafe");
    expect(h.sim.requests.filter((r) => r.method === "PATCH")).toEqual([]);
    const same = await applyForVendor({
      desired: keepFirst,
      vendor: h.vendor,
      policy,
      context: quietContext,
      stopOnError: false,
    });
    expect(same.result?.counts).toEqual({ applied: 7, failed: 0, skipped: 0 });
  });
});
