import { describe, expect, it } from "vitest";
import { readUsersCsv } from "../csv/read-users-csv.js";
import { normaliseEmail } from "../model/directory.js";
import { defaultPolicy, type Policy } from "../model/policy.js";
import { createPrng } from "../simulator/prng.js";
import { adobeCapabilities } from "../vendors/adobe/capabilities.js";
import { parseAdobeSettings } from "../vendors/adobe/settings.js";
import { type AdobeSeed, adobeSimulatorEnv, startAdobeSimulator } from "../vendors/adobe/simulator/index.js";
import { createAdobeVendor } from "../vendors/adobe/vendor.js";
import { applyUntilConverged, printStats, recordingLogger, runStats } from "./convergence.js";
import { corruptMix, corruptSchedule, countCorrupt, countInjected, faultMix, faultSwitch } from "./fault-mix.js";

const TIMEOUT_MS = 150;
/** No answer is slow in the corrupt-answer mix: a timeout there would only be the machine's load. */
const CORRUPT_TIMEOUT_MS = 10_000;
/** The simulator's fault RNG seed: fixed in CI, FAULT_SEED replays another sequence. */
const FAULT_SEED = Number(process.env.FAULT_SEED ?? 1);
const EXISTING = 100;
const NEW = 200;
const GROUPS = ["Sales", "Data", "Support", "Finance"];

const seed: AdobeSeed = {
  orgId: "FAULT0123456789@AdobeOrg",
  clientId: "fault-adobe-client",
  clientSecret: "fault-adobe-secret-0123456789",
  groups: GROUPS.map((groupName) => ({ groupName, type: "USER_GROUP" })),
  users: Array.from({ length: EXISTING }, (_, i) => ({
    email: `user${i}@fault.test`,
    type: "federatedID" as const,
    firstname: `First${i}`,
    lastname: `Last${i}`,
    country: "US",
    groups: [GROUPS[i % 4] ?? "Sales"],
  })),
};

/** ~340 changes: 40 renames, 40 group moves (into a new group too), 20 removals, 200 new users. */
function usersCsv(): string {
  const rows = ["email,first_name,last_name,country,type,groups"];
  for (let i = 0; i < EXISTING - 20; i++) {
    const first = i < 40 ? `Renamed${i}` : `First${i}`;
    const groups = i >= 40 ? `${GROUPS[(i + 1) % 4]};Platform` : GROUPS[i % 4];
    rows.push(`user${i}@fault.test,${first},Last${i},US,federatedID,${groups}`);
  }
  for (let i = 0; i < NEW; i++) {
    rows.push(`new.user${i}@fault.test,New${i},Person${i},US,federatedID,${i % 2 ? "Data" : "Platform"}`);
  }
  return `${rows.join("\n")}\n`;
}

const policy: Policy = {
  ...defaultPolicy,
  createMissingGroups: true,
  absentUsers: "deactivate",
  removalThreshold: { percent: 100, floor: 10_000 },
};

describe("Adobe UMAPI under a bad network (fault suite, reliability/*-faults.test.ts)", () => {
  it("applies ~340 changes through 25% faults: honest outcomes, no duplicates, converges", async () => {
    await using sim = await startAdobeSimulator({ seed, rateLimits: false, faultSeed: FAULT_SEED });
    const desired = await readUsersCsv(
      { file: "users.csv", input: usersCsv() },
      { groupSeparators: adobeCapabilities.groupSeparators },
    );
    expect(desired.diagnostics).toEqual([]);
    const logger = recordingLogger();
    const random = createPrng(13);
    const faults = faultMix({ rate: Number(process.env.FAULT_RATE ?? 0.25), clientTimeoutMs: TIMEOUT_MS });
    const settings = parseAdobeSettings({ ...adobeSimulatorEnv(sim), ADOBE_RATE_LIMITS: "off" });
    const { runs, finalPlan } = await applyUntilConverged({
      desired,
      policy,
      logger,
      maxRuns: 4,
      settleMs: TIMEOUT_MS * 2 + 50,
      setFaults: faultSwitch(sim, faults),
      makeVendor: (log) =>
        createAdobeVendor(settings, {
          mode: "apply",
          logger: log,
          sleep: async () => {},
          random,
          timeoutMs: TIMEOUT_MS,
          // One request at a time, so the seeded fault sequence meets the same requests every run.
          actionLanes: 1,
        }),
    });

    // A run whose read failed for good (every retry met a fault) applies nothing; the next one does.
    const firstApply = runs.find((run) => run.output?.result !== undefined)?.output;
    expect(firstApply?.plan.changes.length).toBeGreaterThan(300);
    expect(runs.flatMap((run) => run.problems)).toEqual([]);
    expect(finalPlan.changes).toEqual([]);

    const users = sim.state().users;
    const emails = users.map((user) => normaliseEmail(user.email));
    expect(emails.length).toBe(new Set(emails).size);
    for (const row of desired.users) expect(emails).toContain(row.email);
    const groupNames = sim.state().groups.map((group) => group.groupName.toLowerCase());
    expect(groupNames.length).toBe(new Set(groupNames).size);
    const injected = countInjected(sim.requests);
    expect(injected.faults + injected.drops).toBeGreaterThan(2);
    printStats("adobe faults", { ...runStats(runs, logger.lines), ...injected });
  });

  it("applies through a corrupt-answer mix on every route: no plan from a bad read, every change once, converges", async () => {
    // Small pages, so a read is several users and groups pages; entries run in a shuffled order.
    await using sim = await startAdobeSimulator({
      seed,
      rateLimits: false,
      faultSeed: FAULT_SEED,
      config: { usersPageSize: 50, groupsPageSize: 2 },
    });
    const desired = await readUsersCsv(
      { file: "users.csv", input: usersCsv() },
      { groupSeparators: adobeCapabilities.groupSeparators },
    );
    const logger = recordingLogger();
    const random = createPrng(13);
    const schedule = corruptSchedule(sim, corruptMix({ readRate: 0.02, writeRate: 0.08 }), [
      "users.list",
      "groups.list",
    ]);
    const settings = parseAdobeSettings({ ...adobeSimulatorEnv(sim), ADOBE_RATE_LIMITS: "off" });
    const { runs, finalPlan } = await applyUntilConverged({
      desired,
      policy,
      logger,
      maxRuns: 20,
      settleMs: 0,
      plansMatchCleanReads: true,
      setFaults: schedule.setFaults,
      makeVendor: (log) =>
        createAdobeVendor(settings, {
          mode: "apply",
          logger: log,
          sleep: async () => {},
          random,
          timeoutMs: CORRUPT_TIMEOUT_MS,
          actionLanes: 1,
        }),
    });

    const corrupt = countCorrupt(sim.requests);
    printStats("adobe corrupt answers", {
      ...runStats(runs, logger.lines),
      ...corrupt,
      stoppedReads: runs.filter((run) => run.error !== undefined).length,
    });
    // A run either planned from a clean read and accounted for every change, or stopped with
    // VENDOR_PROTOCOL naming the answer it could not trust.
    expect(runs.flatMap((run) => run.problems)).toEqual([]);
    for (const run of runs.filter((r) => r.error !== undefined)) {
      expect(run.error).toMatchObject({ code: "VENDOR_PROTOCOL" });
      // Only a read stops a run: an unreadable answer to a write is that change's outcome.
      expect((run.error as { request?: string }).request).toMatch(/^GET |\/token/);
    }
    schedule.planted.forEach((plant, index) => {
      if (plant.served) expect(runs[index]?.output, `${plant.route} answered ${plant.kind}`).toBeUndefined();
    });
    expect(schedule.planted.filter((plant) => plant.served).length).toBeGreaterThan(0);
    expect(finalPlan.changes).toEqual([]);
    const emails = sim.state().users.map((user) => normaliseEmail(user.email));
    expect(emails.length).toBe(new Set(emails).size);
    expect(corrupt.writes).toBeGreaterThan(0);
  });
});
