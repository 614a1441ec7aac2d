import { describe, expect, it } from "vitest";
import { readUsersCsv } from "../csv/read-users-csv.js";
import { normaliseEmail } from "../model/directory.js";
import { defaultPolicy, type Policy } from "../model/policy.js";
import { createPrng } from "../simulator/prng.js";
import { createPeriscopeVendors } from "../vendors/periscope/index.js";
import type { PeriscopeSimSeed } from "../vendors/periscope/simulator/index.js";
import { periscopeSimulatorEnv, startPeriscopeSimulator } from "../vendors/periscope/testing.js";
import type { Vendor } from "../vendors/vendor.js";
import { applyUntilConverged, printStats, recordingLogger, runStats } from "./convergence.js";
import { corruptMix, corruptSchedule, countCorrupt, countInjected, faultMix, faultSwitch } from "./fault-mix.js";

const TIMEOUT_MS = 150;
/** No answer is slow in the corrupt-answer mix: a timeout there would only be the machine's load. */
const CORRUPT_TIMEOUT_MS = 10_000;
/** The simulator's fault RNG seed: fixed in CI, FAULT_SEED replays another sequence. */
const FAULT_SEED = Number(process.env.FAULT_SEED ?? 1);
const EXISTING = 100;
const NEW = 200;
const GROUPS = ["Everyone", "Analysts", "Finance", "Sales Ops"];
const ADMIN = "admin@fault.test";

function seedFor(rbac: boolean): PeriscopeSimSeed {
  return {
    sites: [
      {
        name: rbac ? "fault-rbac" : "fault-v1",
        apiKey: "fault-key-0123456789abcdef",
        rbac,
        ...(rbac ? { roles: GROUPS } : { groups: GROUPS }),
        users: [
          { email: ADMIN, first_name: "Ada", last_name: "Admin", groups: ["Everyone"] },
          ...Array.from({ length: EXISTING }, (_, i) => ({
            email: `user${i}@fault.test`,
            first_name: `First${i}`,
            last_name: `Last${i}`,
            groups: [GROUPS[i % 4] ?? "Everyone"],
          })),
        ],
      },
    ],
  };
}

/** The file's groups cell: Everyone is built in and reserved, so a file never names it. */
const cell = (...names: (string | undefined)[]) =>
  names.filter((name) => name !== undefined && name !== "Everyone").join(";");

/** ~330 changes: 40 renames, 40 group moves (into a new group too), 20 deletions, 200 new users. */
function usersCsv(): string {
  const rows = ["email,first_name,last_name,groups", `${ADMIN},Ada,Admin,`];
  for (let i = 0; i < EXISTING - 20; i++) {
    const first = i < 40 ? `Renamed${i}` : `First${i}`;
    const groups = i >= 40 ? cell(GROUPS[(i + 1) % 4], "Platform") : cell(GROUPS[i % 4]);
    rows.push(`user${i}@fault.test,${first},Last${i},${groups}`);
  }
  for (let i = 0; i < NEW; i++)
    rows.push(`New.User${i}@Fault.test,New${i},Person${i},${i % 2 ? "Analysts" : "Platform"}`);
  return `${rows.join("\n")}\n`;
}

const policy: Policy = {
  ...defaultPolicy,
  createMissingGroups: true,
  absentUsers: "delete",
  protectedUsers: [ADMIN],
  removalThreshold: { percent: 100, floor: 10_000 },
};

describe.each([
  { family: "v1 (users + groups)", rbac: false },
  { family: "v2 RBAC (users + roles)", rbac: true },
])("Periscope $family under a bad network (fault suite, reliability/*-faults.test.ts)", ({ rbac }) => {
  it("applies ~330 changes through 25% faults: honest outcomes, no duplicates, converges", async () => {
    const seed = seedFor(rbac);
    await using sim = await startPeriscopeSimulator({ seed, faultSeed: FAULT_SEED });
    const desired = await readUsersCsv({ file: "users.csv", input: usersCsv() });
    expect(desired.diagnostics).toEqual([]);
    const logger = recordingLogger();
    const random = createPrng(11);
    const faults = faultMix({ rate: Number(process.env.FAULT_RATE ?? 0.25), clientTimeoutMs: TIMEOUT_MS });
    const makeVendor = (log: typeof logger): Vendor => {
      const [vendor] = createPeriscopeVendors(
        periscopeSimulatorEnv(sim, seed),
        { mode: "apply", logger: log },
        { sleep: async () => {}, random, timeoutMs: TIMEOUT_MS },
      );
      if (vendor === undefined) throw new Error("no site");
      return vendor;
    };
    const { runs, finalPlan } = await applyUntilConverged({
      desired,
      policy,
      logger,
      maxRuns: 4,
      settleMs: TIMEOUT_MS * 2 + 50,
      setFaults: faultSwitch(sim, faults),
      makeVendor: (log) => makeVendor({ ...logger, ...log }),
    });

    // A run whose read failed for good (every retry met a fault) applies nothing; the next one does.
    const firstApply = runs.find((run) => run.output?.result !== undefined)?.output;
    expect(firstApply?.plan.changes.length).toBeGreaterThan(300);
    expect(runs.flatMap((run) => run.problems)).toEqual([]);
    expect(finalPlan.changes).toEqual([]);

    const site = Object.values(sim.state.sites)[0];
    const emails = (site?.users ?? []).map((user) => normaliseEmail(user.email));
    expect(emails.length).toBe(new Set(emails).size);
    expect(new Set(emails)).toEqual(new Set(desired.users.map((row) => row.email)));
    const groupNames = rbac ? (site?.roles ?? []).map((r) => r.name) : (site?.groups ?? []).map((g) => g.name);
    expect(groupNames.length).toBe(new Set(groupNames).size);
    const injected = countInjected(sim.requests);
    expect(injected.faults + injected.drops).toBeGreaterThan(30);
    printStats(`periscope ${rbac ? "v2" : "v1"} faults`, { ...runStats(runs, logger.lines), ...injected });
  });

  it("applies through a corrupt-answer mix on every route: no plan from a bad read, every change once, converges", async () => {
    const seed = seedFor(rbac);
    // Pages of 25 users (wrapped lists carry next_page_start), so a read is several pages.
    await using sim = await startPeriscopeSimulator({ seed, faultSeed: FAULT_SEED, config: { userPageSize: 25 } });
    const desired = await readUsersCsv({ file: "users.csv", input: usersCsv() });
    const logger = recordingLogger();
    const random = createPrng(11);
    const readRoutes = rbac ? ["v2.users.list", "roles.list"] : ["v1.users.list", "v1.groups.list"];
    const schedule = corruptSchedule(sim, corruptMix({ readRate: 0.02, writeRate: 0.04 }), readRoutes);
    const { runs, finalPlan } = await applyUntilConverged({
      desired,
      policy,
      logger,
      maxRuns: 20,
      settleMs: 0,
      plansMatchCleanReads: true,
      setFaults: schedule.setFaults,
      makeVendor: (log) => {
        const [vendor] = createPeriscopeVendors(
          periscopeSimulatorEnv(sim, seed),
          { mode: "apply", logger: log },
          { sleep: async () => {}, random, timeoutMs: CORRUPT_TIMEOUT_MS },
        );
        if (vendor === undefined) throw new Error("no site");
        return vendor;
      },
    });

    const corrupt = countCorrupt(sim.requests);
    printStats(`periscope ${rbac ? "v2" : "v1"} corrupt answers`, {
      ...runStats(runs, logger.lines),
      ...corrupt,
      stoppedReads: runs.filter((run) => run.error !== undefined).length,
    });
    // A run either planned from a clean read and accounted for every change, or stopped with
    // VENDOR_PROTOCOL naming the answer it could not trust.
    expect(runs.flatMap((run) => run.problems)).toEqual([]);
    for (const run of runs.filter((r) => r.error !== undefined)) {
      expect(run.error).toMatchObject({ code: "VENDOR_PROTOCOL", vendor: "Periscope" });
      // Only a read stops a run: an unreadable answer to a write is that change's outcome.
      expect((run.error as { request?: string }).request).toMatch(/^GET |\/token/);
    }
    schedule.planted.forEach((plant, index) => {
      if (plant.served) expect(runs[index]?.output, `${plant.route} answered ${plant.kind}`).toBeUndefined();
    });
    expect(schedule.planted.filter((plant) => plant.served).length).toBeGreaterThan(0);
    expect(finalPlan.changes).toEqual([]);
    const site = Object.values(sim.state.sites)[0];
    const emails = (site?.users ?? []).map((user) => normaliseEmail(user.email));
    expect(emails.length).toBe(new Set(emails).size);
    expect(corrupt.writes).toBeGreaterThan(0);
  });
});
