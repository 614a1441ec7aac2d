import { describe, expect, it } from "vitest";
import { readUsersCsv } from "../csv/read-users-csv.js";
import { normaliseEmail } from "../model/directory.js";
import { createPrng } from "../simulator/prng.js";
import { applyUntilConverged, printStats, recordingLogger, runStats } from "./convergence.js";
import { corruptMix, corruptSchedule, countCorrupt, countInjected, faultMix, faultSwitch } from "./fault-mix.js";
import { RELIABILITY_SUBJECTS } from "./subjects/index.js";
import type { HeldState } from "./subjects/subject.js";

// The fault suite, one for every vendor (each brings a subjects/<vendor>.ts entry): a few hundred
// changes through a bad network and through corrupt answers, with honest outcomes, no duplicates,
// and a rerun that converges.

const TIMEOUT_MS = 150;
/** No answer is slow in the corrupt-answer mix: a timeout there would only be the machine's load. */
const CORRUPT_TIMEOUT_MS = 10_000;
/** The simulator's fault RNG seed: fixed in CI, FAULT_SEED replays another sequence. */
const FAULT_SEED = Number(process.env.FAULT_SEED ?? 1);

/** Nobody twice, no group twice. */
function expectNoDuplicates(held: HeldState): void {
  const emails = held.users.map((user) => normaliseEmail(user.email));
  expect(emails.length).toBe(new Set(emails).size);
  const groups = held.groupNames.map((name) => name.toLowerCase());
  expect(groups.length).toBe(new Set(groups).size);
}

describe.each(RELIABILITY_SUBJECTS)(
  "$name under a bad network (fault suite, reliability/faults.test.ts)",
  (subject) => {
    const scenario = subject.faults;

    it(`applies ~${scenario.changes} changes through 25% faults: honest outcomes, no duplicates, converges`, async () => {
      await using run = await scenario.start({ faultSeed: FAULT_SEED, corrupt: false });
      const desired = await readUsersCsv(
        { file: "users.csv", input: scenario.usersCsv },
        { groupSeparators: subject.module.capabilities.groupSeparators },
      );
      expect(desired.diagnostics).toEqual([]);
      const logger = recordingLogger();
      const random = createPrng(scenario.randomSeed);
      const faults = faultMix({ rate: Number(process.env.FAULT_RATE ?? 0.25), clientTimeoutMs: TIMEOUT_MS });
      const { runs, finalPlan } = await applyUntilConverged({
        desired,
        policy: scenario.policy,
        logger,
        maxRuns: 4,
        settleMs: TIMEOUT_MS * 2 + 50,
        setFaults: faultSwitch(run.sim, faults),
        makeVendor: (log) => run.makeVendor(log, { random, timeoutMs: TIMEOUT_MS }),
      });

      // A run whose read failed for good (every retry met a fault) applies nothing; the next one does.
      const first = runs.find((r) => r.output?.result !== undefined)?.output;
      expect(first?.plan.changes.length).toBeGreaterThan(300);
      expect(runs.flatMap((r) => r.problems)).toEqual([]);
      expect(finalPlan.changes).toEqual([]);
      expect(runs.length).toBeLessThanOrEqual(4);

      // The state is the file: every row there, nobody twice.
      const held = run.held();
      expectNoDuplicates(held);
      const emails = held.users.map((user) => normaliseEmail(user.email));
      for (const row of desired.users) expect(emails).toContain(row.email);
      scenario.checkConverged?.(held, desired);

      const injected = countInjected(run.sim.requests);
      expect(injected.faults + injected.drops).toBeGreaterThan(scenario.minInjected(first?.plan.changes.length));
      printStats(`${subject.label} faults`, { ...runStats(runs, logger.lines), ...injected });
    });

    it("applies through a corrupt-answer mix on every route: no plan from a bad read, every change once, converges", async () => {
      await using run = await scenario.start({ faultSeed: FAULT_SEED, corrupt: true });
      const desired = await readUsersCsv(
        { file: "users.csv", input: scenario.usersCsv },
        { groupSeparators: subject.module.capabilities.groupSeparators },
      );
      const logger = recordingLogger();
      const random = createPrng(scenario.randomSeed);
      // HTML with 200, empty bodies, {}, wrong shapes, truncated JSON and JSON labelled HTML, on
      // every read and write route (token exchanges too).
      const schedule = corruptSchedule(
        run.sim,
        corruptMix({ readRate: 0.02, writeRate: scenario.corrupt.writeRate }),
        scenario.corrupt.readRoutes,
      );
      const { runs, finalPlan } = await applyUntilConverged({
        desired,
        policy: scenario.policy,
        logger,
        maxRuns: scenario.corrupt.maxRuns,
        settleMs: 0,
        plansMatchCleanReads: true,
        setFaults: schedule.setFaults,
        makeVendor: (log) => run.makeVendor(log, { random, timeoutMs: CORRUPT_TIMEOUT_MS }),
      });

      const corrupt = countCorrupt(run.sim.requests);
      printStats(`${subject.label} corrupt answers`, {
        ...runStats(runs, logger.lines),
        ...corrupt,
        stoppedReads: runs.filter((r) => r.error !== undefined).length,
      });
      // A run either planned from a clean read and accounted for every change, or stopped with
      // VENDOR_PROTOCOL naming the answer it could not trust.
      expect(runs.flatMap((r) => r.problems)).toEqual([]);
      for (const stopped of runs.filter((r) => r.error !== undefined)) {
        // The vendor, or its token service ("Adobe IMS").
        expect(stopped.error).toMatchObject({
          code: "VENDOR_PROTOCOL",
          vendor: expect.stringMatching(new RegExp(`^${subject.protocolVendor}\\b`)),
        });
        // Only a read stops a run: an unreadable answer to a write is that change's outcome.
        expect((stopped.error as { request?: string }).request).toMatch(/^GET |\/token/);
      }
      // Every run that was served a planted corrupt read stopped before planning anything.
      schedule.planted.forEach((plant, index) => {
        if (plant.served) expect(runs[index]?.output, `${plant.route} answered ${plant.kind}`).toBeUndefined();
      });
      expect(schedule.planted.filter((plant) => plant.served).length).toBeGreaterThan(0);
      expect(finalPlan.changes).toEqual([]);
      const held = run.held();
      const emails = held.users.map((user) => normaliseEmail(user.email));
      expect(emails.length).toBe(new Set(emails).size);
      scenario.corrupt.checkConverged?.(held);

      expect(corrupt.reads).toBeGreaterThan(0);
      expect(corrupt.writes).toBeGreaterThan(0);
    });
  },
);
