import { describe, expect, it } from "vitest";
import { readUsersCsv } from "../csv/read-users-csv.js";
import { applyPlan } from "../engine/apply-plan.js";
import { planForVendor } from "../engine/run-plan.js";
import { defaultPolicy } from "../model/policy.js";
import { type RunningSigmaSimulator, startSigmaSimulator } from "../vendors/sigma/simulator/index.js";
import { sigmaSimulatorEnv } from "../vendors/sigma/testing.js";
import { createSigmaVendor } from "../vendors/sigma/vendor.js";
import { recordingLogger } from "./convergence.js";

const TIMEOUT_MS = 60;
const seed = {
  client: { clientId: "reg-client", clientSecret: "reg-secret-0123456789", memberEmail: "bot@reg.test" },
  teams: ["Sales"],
};

function vendorFor(sim: RunningSigmaSimulator) {
  const logger = recordingLogger();
  return createSigmaVendor(
    sigmaSimulatorEnv(sim),
    { mode: "apply", logger },
    { sleep: async () => {}, random: () => 0.5, timeoutMs: TIMEOUT_MS },
  );
}

async function planAndApply(sim: RunningSigmaSimulator, csv: string) {
  const vendor = vendorFor(sim);
  const context = { logger: recordingLogger() };
  const desired = await readUsersCsv({ file: "users.csv", input: csv });
  const policy = { ...defaultPolicy, createMissingGroups: true };
  try {
    const { plan, directory } = await planForVendor({ desired, vendor, policy, context });
    return await applyPlan(vendor, plan, directory, { stopOnError: false }, context);
  } finally {
    await vendor.close();
  }
}

// Regressions found by the fault suite (reliability/faults.test.ts), in the Sigma vendor.
describe("Sigma: faults that used to end a run or mis-report it", () => {
  it("retries the token exchange after a 502, a dropped connection and a 500", async () => {
    await using sim = await startSigmaSimulator({ seed });
    sim.addFault({ route: "auth.token", count: 1, status: 502 });
    sim.addFault({ route: "auth.token", count: 1, drop: "before" });
    sim.addFault({ route: "auth.token", count: 1, status: 500 });
    const result = await planAndApply(sim, "email,first_name,last_name\nann@reg.test,Ann,Lee\n");
    expect(result.counts).toEqual({ applied: 1, failed: 0, skipped: 0 });
    expect(sim.requests.filter((r) => r.route === "auth.token").map((r) => r.status)).toEqual([502, 0, 500, 200]);
  });

  it("finds out about a create whose answer was lost twice, instead of reporting it failed", async () => {
    await using sim = await startSigmaSimulator({ seed });
    // The first POST lands after the client gave up; the repeat meets a 502 (its own fate unknown).
    sim.addFault({ route: "members.create", count: 1, latencyMs: TIMEOUT_MS * 3 });
    sim.addFault({ route: "members.create", count: 1, status: 502 });
    const result = await planAndApply(sim, "email,first_name,last_name,groups\nann@reg.test,Ann,Lee,Sales\n");
    await new Promise((resolve) => setTimeout(resolve, TIMEOUT_MS * 4));
    expect(result.results[0]?.outcome).toEqual({ status: "applied" });
    expect(sim.snapshot().members.filter((m) => m.email === "ann@reg.test")).toHaveLength(1);
  });

  it("says the member may exist when every attempt to create it lost its answer", async () => {
    await using sim = await startSigmaSimulator({ seed });
    sim.addFault({ route: "members.create", drop: "before" });
    const result = await planAndApply(sim, "email,first_name,last_name\nann@reg.test,Ann,Lee\n");
    // The outcome is unknown, not a clean refusal (issue 12 item 9).
    expect(result.results[0]?.outcome).toMatchObject({
      status: "unknown",
      message: expect.stringContaining("may have"),
    });
  });

  it("finds a team whose create answer was lost and puts the new member in it", async () => {
    await using sim = await startSigmaSimulator({ seed });
    sim.addFault({ route: "teams.create", count: 1, latencyMs: TIMEOUT_MS * 3 });
    sim.addFault({ route: "teams.create", count: 1, status: 502 });
    const result = await planAndApply(sim, "email,first_name,last_name,groups\nann@reg.test,Ann,Lee,Platform\n");
    await new Promise((resolve) => setTimeout(resolve, TIMEOUT_MS * 4));
    expect(result.counts).toEqual({ applied: 2, failed: 0, skipped: 0 });
    expect(sim.snapshot().teams.filter((t) => t.name === "Platform")).toHaveLength(1);
  });
});
