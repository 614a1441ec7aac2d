import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { normaliseEmail } from "@roster/core";
import {
  createPrng,
  periscopeSimulatorEnv,
  type SigmaSeed,
  sigmaSimulatorEnv,
  startPeriscopeSimulator,
  startSigmaSimulator,
} from "@roster/core/testing";
import { describe, expect, it } from "vitest";
import { runCli, singleTarget, spawnCli } from "./run-cli.js";

// Crash suite: `roster apply` is killed (SIGKILL) at random points of a large apply, many
// times over; every rerun picks up from what the vendor really has, and the last one converges to
// the file with nothing duplicated. The simulator runs in this process with a little latency per
// request, so an apply takes a few seconds and a kill lands in the middle of it.

const KILLS = Number(process.env.CRASH_KILLS ?? 6);
const SEED = Number(process.env.CRASH_SEED ?? 7);
const TEAMS = ["Sales", "Data", "Support"];
const EXISTING = 40;
const NEW = 250;

const seed: SigmaSeed = {
  client: { clientId: "crash-client", clientSecret: "crash-secret-0123456789", memberEmail: "bot@crash.test" },
  teams: TEAMS,
  userAttributes: ["region"],
  members: Array.from({ length: EXISTING }, (_, i) => ({
    email: `user${i}@crash.test`,
    firstName: `First${i}`,
    lastName: `Last${i}`,
    memberType: "viewer",
    teams: [TEAMS[i % 3] ?? "Sales"],
  })),
};

/** ~400 changes: 250 new members (some in a new team), renames, team moves, attributes, deactivations. */
function usersCsv(): string {
  const rows = ["email,first_name,last_name,role,groups,status,attr:region"];
  for (let i = 0; i < EXISTING; i++) {
    const status = i >= 34 ? "deactivated" : "active";
    rows.push(
      `user${i}@crash.test,Renamed${i},Last${i},${i % 4 === 0 ? "creator" : "viewer"},${TEAMS[(i + 1) % 3]};Crew,${status},EU`,
    );
  }
  for (let i = 0; i < NEW; i++) {
    rows.push(`new${i}@crash.test,New${i},Person${i},explorer,${i % 2 ? "Sales" : "Crew"},,US`);
  }
  return `${rows.join("\n")}\n`;
}

interface Kill {
  readonly afterMs: number;
  readonly writesBefore: number;
  readonly code: number | null;
  readonly signal: string | null;
}

/**
 * Spawns `roster <args>` KILLS times and SIGKILLs each at a random point: a quarter of the kills
 * during start-up and the read, the rest after a random number of writes (polling the simulator's
 * log, so the point does not depend on how fast this machine is). `check` runs after each kill.
 */
async function killRepeatedly(
  args: readonly string[],
  env: Readonly<Record<string, string>>,
  writes: () => number,
  random: () => number,
  check: () => void,
): Promise<Kill[]> {
  const kills: Kill[] = [];
  for (let round = 0; round < KILLS; round++) {
    const writesBefore = writes();
    const run = spawnCli(args, env);
    const started = Date.now();
    const duringRead = random() < 0.25;
    const delayMs = 100 + Math.floor(random() * 300);
    const afterWrites = 1 + Math.floor(random() * 12);
    const afterMs = await new Promise<number>((resolve) => {
      const poll = setInterval(() => {
        const elapsed = Date.now() - started;
        const written = writes() - writesBefore;
        if (run.child.exitCode !== null || (duringRead ? elapsed >= delayMs : written >= afterWrites)) {
          clearInterval(poll);
          resolve(elapsed);
        }
      }, 2);
    });
    run.child.kill("SIGKILL");
    const exited = await run.exited;
    kills.push({ afterMs, writesBefore, code: exited.code, signal: run.child.signalCode });
    // A write the killed process sent may still be in the simulator's latency; let it land.
    await new Promise((resolve) => setTimeout(resolve, 20));
    check();
  }
  return kills;
}

/**
 * Most kills cut an apply short, some in the middle of its writes. (Near the end little work is
 * left and batched, so a run may finish before its kill point: that is a rerun, not a failure.)
 */
function expectInterrupted(kills: readonly Kill[]): void {
  const killed = kills.filter((kill) => kill.signal === "SIGKILL");
  expect(killed.length).toBeGreaterThanOrEqual(Math.ceil(kills.length / 2));
  expect(
    kills.some((kill, i) => kill.signal === "SIGKILL" && (kills[i + 1]?.writesBefore ?? 0) > kill.writesBefore),
  ).toBe(true);
}

const APPLY_FLAGS = ["--vendor", "sigma", "--yes", "--create-groups", "--removal-threshold", "100"];

describe("roster apply killed at random points (crash suite)", () => {
  it(`converges after ${KILLS} SIGKILLs, nothing duplicated`, { timeout: 60_000 }, async () => {
    await using sim = await startSigmaSimulator({ seed, latencyMs: 15 });
    const dir = await mkdtemp(join(tmpdir(), "roster-crash-"));
    const csv = join(dir, "users.csv");
    await writeFile(csv, usersCsv());
    const env = sigmaSimulatorEnv(sim);
    const random = createPrng(SEED);
    const writes = () => sim.requests.filter((r) => r.method !== "GET" && r.route !== "auth.token").length;
    const noDuplicates = () => {
      const emails = sim.snapshot().members.map((member) => normaliseEmail(member.email));
      expect(emails.length).toBe(new Set(emails).size);
      const teams = sim.snapshot().teams.map((team) => team.name);
      expect(teams.length).toBe(new Set(teams).size);
    };
    try {
      const kills = await killRepeatedly(["apply", csv, ...APPLY_FLAGS], env, writes, random, noDuplicates);
      expectInterrupted(kills);
      expect(writes()).toBeGreaterThan(0);

      const final = await runCli(["apply", csv, ...APPLY_FLAGS, "--verbose"], env);
      // Even the debug log of a whole apply names no credential.
      const shown = `${final.stdout}\n${final.stderr}`;
      expect(shown).toContain("/v2/members");
      for (const secret of [env.SIGMA_CLIENT_SECRET ?? "", ...sim.store.accessTokens.keys()]) {
        expect(shown).not.toContain(secret);
      }
      expect(final.stderr).not.toMatch(/Error:/);
      expect(final.code).toBe(0);
      noDuplicates();
      const again = await runCli(["plan", csv, "--vendor", "sigma", "--create-groups", "--json"], env);
      expect(again.code).toBe(0);
      expect(singleTarget<{ changes: unknown[] }>(again.stdout).changes).toEqual([]);

      // The state is the file.
      const members = sim.snapshot().members;
      const lines = usersCsv().trim().split("\n").slice(1);
      expect(members).toHaveLength(EXISTING + NEW + 1);
      for (const line of lines) {
        const [email, first, , , groups, status] = line.split(",");
        const member = members.find((m) => normaliseEmail(m.email) === email);
        expect(member?.isArchived === true ? "deactivated" : "active").toBe(
          status === "deactivated" ? "deactivated" : "active",
        );
        // A row that deactivates is only that: its other cells are not applied (plan-row.ts).
        if (status === "deactivated") continue;
        expect(member?.firstName).toBe(first);
        const teams = sim
          .snapshot()
          .teams.filter((team) => member !== undefined && team.members.includes(member.memberId))
          .map((team) => team.name);
        for (const group of (groups ?? "").split(";")) expect(teams).toContain(group);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  // Periscope applies user changes 8 at a time, so a kill leaves several writes half done at once.
  it(`converges on Periscope after ${KILLS} SIGKILLs, nothing duplicated`, { timeout: 60_000 }, async () => {
    const admin = "admin@crash.test";
    const groups = ["Everyone", "Analysts", "Finance"];
    const periscopeSeed = {
      sites: [
        {
          name: "crash-site",
          apiKey: "crash-key-0123456789abcdef",
          rbac: false,
          groups,
          users: [
            { email: admin, first_name: "Ada", last_name: "Admin", groups: ["Everyone"] },
            ...Array.from({ length: EXISTING }, (_, i) => ({
              email: `user${i}@crash.test`,
              first_name: `First${i}`,
              last_name: `Last${i}`,
              groups: [groups[i % 3] ?? "Everyone"],
            })),
          ],
        },
      ],
    };
    // Everyone is built in and reserved: a file never names it.
    const cell = (...names: (string | undefined)[]) => names.filter((name) => name && name !== "Everyone").join(";");
    const rows = ["email,first_name,last_name,groups", `${admin},Ada,Admin,`];
    for (let i = 0; i < EXISTING; i++)
      rows.push(`user${i}@crash.test,Renamed${i},Last${i},${cell(groups[(i + 1) % 3], "Crew")}`);
    for (let i = 0; i < NEW; i++) rows.push(`new${i}@crash.test,New${i},Person${i},${i % 2 ? "Analysts" : "Crew"}`);
    await using sim = await startPeriscopeSimulator({ seed: periscopeSeed, latencyMs: 15 });
    const dir = await mkdtemp(join(tmpdir(), "roster-crash-"));
    const csv = join(dir, "users.csv");
    await writeFile(csv, `${rows.join("\n")}\n`);
    const env = periscopeSimulatorEnv(sim, periscopeSeed);
    const flags = ["--vendor", "periscope", "--yes", "--create-groups", "--removal-threshold", "100"];
    const site = () => sim.state.sites["crash-site"];
    const writes = () => sim.requests.filter((r) => r.method !== "GET").length;
    const noDuplicates = () => {
      const emails = (site()?.users ?? []).map((user) => normaliseEmail(user.email));
      expect(emails.length).toBe(new Set(emails).size);
      const names = (site()?.groups ?? []).map((group) => group.name);
      expect(names.length).toBe(new Set(names).size);
    };
    try {
      const kills = await killRepeatedly(["apply", csv, ...flags], env, writes, createPrng(SEED), noDuplicates);
      expectInterrupted(kills);

      const final = await runCli(["apply", csv, ...flags, "--verbose"], env);
      expect(`${final.stdout}\n${final.stderr}`).not.toContain(env.PERISCOPE_API_KEY ?? "");
      expect(final.code).toBe(0);
      noDuplicates();
      const again = await runCli(["plan", csv, "--vendor", "periscope", "--create-groups", "--json"], env);
      expect(again.code).toBe(0);
      expect(singleTarget<{ changes: unknown[] }>(again.stdout).changes).toEqual([]);

      const users = site()?.users ?? [];
      const groupName = new Map((site()?.groups ?? []).map((group) => [group.id, group.name]));
      expect(users).toHaveLength(EXISTING + NEW + 1);
      for (const line of rows.slice(1)) {
        const [email, first, , written] = line.split(",");
        const user = users.find((u) => normaliseEmail(u.email) === email);
        expect(user?.first_name).toBe(first);
        const names = (user?.groups ?? []).map((id) => groupName.get(id));
        for (const group of (written ?? "").split(";").filter(Boolean)) expect(names).toContain(group);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
