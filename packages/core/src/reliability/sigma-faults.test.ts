import { describe, expect, it } from "vitest";
import { readUsersCsv } from "../csv/read-users-csv.js";
import { normaliseEmail } from "../model/directory.js";
import { defaultPolicy, type Policy } from "../model/policy.js";
import { createPrng } from "../simulator/prng.js";
import { sigmaCapabilities } from "../vendors/sigma/capabilities.js";
import { type SigmaSeed, startSigmaSimulator } from "../vendors/sigma/simulator/index.js";
import { sigmaSimulatorEnv } from "../vendors/sigma/testing.js";
import { createSigmaVendor } from "../vendors/sigma/vendor.js";
import { applyUntilConverged, printStats, recordingLogger, runStats } from "./convergence.js";
import { corruptMix, corruptSchedule, countCorrupt, countInjected, faultMix, faultSwitch } from "./fault-mix.js";

const TIMEOUT_MS = 150;
/** No answer is slow in the corrupt-answer mix: a timeout there would only be the machine's load. */
const CORRUPT_TIMEOUT_MS = 10_000;
/** The simulator's fault RNG seed: fixed in CI, FAULT_SEED replays another sequence. */
const FAULT_SEED = Number(process.env.FAULT_SEED ?? 1);
const EXISTING = 120;
const NEW = 200;
const TEAMS = ["Sales", "Data", "Support", "Finance"];

const seed: SigmaSeed = {
  client: { clientId: "fault-client", clientSecret: "fault-secret-0123456789", memberEmail: "bot@fault.test" },
  accountTypes: ["admin", "creator", "explorer", "viewer"],
  teams: TEAMS,
  userAttributes: ["region"],
  members: Array.from({ length: EXISTING }, (_, i) => ({
    email: `user${i}@fault.test`,
    firstName: `First${i}`,
    lastName: `Last${i}`,
    memberType: "viewer",
    teams: [TEAMS[i % 4] ?? "Sales"],
    attributes: { region: "EMEA" },
  })),
};

/** ~360 changes: updates, team moves, attributes, deactivations, new teams and 200 new members. */
function usersCsv(): string {
  const rows = ["email,first_name,last_name,role,groups,status,attr:region"];
  for (let i = 0; i < EXISTING; i++) {
    const first = i < 40 ? `Renamed${i}` : `First${i}`;
    const role = i % 10 === 0 ? "creator" : "viewer";
    const groups = i >= 40 && i < 80 ? `${TEAMS[(i + 1) % 4]};Platform` : TEAMS[i % 4];
    const status = i >= 100 ? "deactivated" : "active";
    const region = i >= 80 && i < 100 ? "AMER" : "EMEA";
    rows.push(`user${i}@fault.test,${first},Last${i},${role},${groups},${status},${region}`);
  }
  for (let i = 0; i < NEW; i++) {
    rows.push(`New.User${i}@Fault.test,New${i},Person${i},explorer,${i % 2 ? "Sales;Research" : "Platform"},,APAC`);
  }
  return `${rows.join("\n")}\n`;
}

/** Every route the Sigma read uses, for the corrupt-answer suite to plant a bad answer on. */
const SIGMA_READ_ROUTES = [
  "whoami",
  "members.list",
  "accountTypes.list",
  "teams.list",
  "teams.members.list",
  "attributes.list",
  "attributes.users.list",
];

const policy: Policy = {
  ...defaultPolicy,
  createMissingGroups: true,
  // The fault suite measures delivery, not the removal brake.
  removalThreshold: { percent: 100, floor: 10_000 },
};

describe("Sigma under a bad network (fault suite, reliability/*-faults.test.ts)", () => {
  it("applies ~360 changes through 25% faults: honest outcomes, no duplicates, converges", async () => {
    await using sim = await startSigmaSimulator({ seed, faultSeed: FAULT_SEED });
    const desired = await readUsersCsv(
      { file: "users.csv", input: usersCsv() },
      { groupSeparators: sigmaCapabilities.groupSeparators },
    );
    expect(desired.diagnostics).toEqual([]);
    const logger = recordingLogger();
    const random = createPrng(7);
    const faults = faultMix({ rate: Number(process.env.FAULT_RATE ?? 0.25), clientTimeoutMs: TIMEOUT_MS });
    const { runs, finalPlan } = await applyUntilConverged({
      desired,
      policy,
      logger,
      maxRuns: 4,
      settleMs: TIMEOUT_MS * 2 + 50,
      setFaults: faultSwitch(sim, faults),
      makeVendor: (log) =>
        createSigmaVendor(
          sigmaSimulatorEnv(sim),
          { mode: "apply", logger: log },
          { sleep: async () => {}, random, timeoutMs: TIMEOUT_MS },
        ),
    });

    // A run whose read failed for good (every retry met a fault) applies nothing; the next one does.
    const first = runs.find((run) => run.output?.result !== undefined)?.output;
    expect(first?.plan.changes.length).toBeGreaterThan(300);
    expect(runs.flatMap((run) => run.problems)).toEqual([]);
    expect(finalPlan.changes).toEqual([]);
    expect(runs.length).toBeLessThanOrEqual(4);

    // The state is the file: every row once, nobody twice.
    const members = sim.snapshot().members;
    const emails = members.map((member) => normaliseEmail(member.email));
    expect(emails.length).toBe(new Set(emails).size);
    expect(members).toHaveLength(EXISTING + NEW + 1);
    for (const row of desired.users) {
      const member = members.find((m) => normaliseEmail(m.email) === row.email);
      expect(member?.firstName).toBe(row.firstName);
      expect(member?.isArchived === true ? "deactivated" : "active").toBe(row.status ?? "active");
    }
    const teamNames = sim.snapshot().teams.map((team) => team.name);
    expect(teamNames.length).toBe(new Set(teamNames).size);

    const injected = countInjected(sim.requests);
    expect(injected.faults + injected.drops).toBeGreaterThan(first === undefined ? 0 : first.plan.changes.length / 10);
    printStats("sigma faults", { ...runStats(runs, logger.lines), ...injected });
  });

  it("applies through a corrupt-answer mix on every route: no plan from a bad read, every change once, converges", async () => {
    await using sim = await startSigmaSimulator({ seed, faultSeed: FAULT_SEED });
    const desired = await readUsersCsv(
      { file: "users.csv", input: usersCsv() },
      { groupSeparators: sigmaCapabilities.groupSeparators },
    );
    const logger = recordingLogger();
    const random = createPrng(7);
    // HTML with 200, empty bodies, {}, wrong shapes, truncated JSON and JSON labelled HTML, on
    // every read and write route (the token exchange too).
    const schedule = corruptSchedule(sim, corruptMix({ readRate: 0.02, writeRate: 0.04 }), SIGMA_READ_ROUTES);
    const { runs, finalPlan } = await applyUntilConverged({
      desired,
      policy,
      logger,
      maxRuns: 25,
      settleMs: 0,
      plansMatchCleanReads: true,
      setFaults: schedule.setFaults,
      makeVendor: (log) =>
        createSigmaVendor(
          sigmaSimulatorEnv(sim),
          { mode: "apply", logger: log },
          { sleep: async () => {}, random, timeoutMs: CORRUPT_TIMEOUT_MS },
        ),
    });

    const corrupt = countCorrupt(sim.requests);
    printStats("sigma corrupt answers", {
      ...runStats(runs, logger.lines),
      ...corrupt,
      stoppedReads: runs.filter((run) => run.error !== undefined).length,
    });
    // A run either planned from a clean read and accounted for every change, or stopped with
    // VENDOR_PROTOCOL naming the answer it could not trust.
    expect(runs.flatMap((run) => run.problems)).toEqual([]);
    for (const run of runs.filter((r) => r.error !== undefined)) {
      expect(run.error).toMatchObject({ code: "VENDOR_PROTOCOL", vendor: "Sigma" });
      // Only a read stops a run: an unreadable answer to a write is that change's outcome.
      expect((run.error as { request?: string }).request).toMatch(/^GET |\/token/);
    }
    // Every run that was served a planted corrupt read stopped before planning anything.
    schedule.planted.forEach((plant, index) => {
      if (plant.served) expect(runs[index]?.output, `${plant.route} answered ${plant.kind}`).toBeUndefined();
    });
    expect(schedule.planted.filter((plant) => plant.served).length).toBeGreaterThan(0);
    expect(finalPlan.changes).toEqual([]);
    const members = sim.snapshot().members.map((member) => normaliseEmail(member.email));
    expect(members.length).toBe(new Set(members).size);
    expect(members).toHaveLength(EXISTING + NEW + 1);

    expect(corrupt.reads).toBeGreaterThan(0);
    expect(corrupt.writes).toBeGreaterThan(0);
  });
});
