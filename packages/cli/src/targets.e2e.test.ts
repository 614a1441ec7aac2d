import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type PeriscopeSimulator,
  periscopeDemoSeed,
  periscopeSimulatorEnv,
  startPeriscopeSimulator,
} from "@roster/core/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "./__tests__/run-cli.js";
import { startSigmaFixture } from "./__tests__/sigma-fixture.js";
import { createCapturingIo } from "./capture-io.js";
import { DEMO_USERS_CSV } from "./demo-csv.js";
import { main } from "./main.js";

// Several Periscope sites (the sandbox's v1 site and RBAC site): every target is planned and shown
// before anything is asked or applied, and --json has one shape whatever the number of targets.

let sim: PeriscopeSimulator;
let env: Record<string, string>;
beforeEach(async () => {
  sim = await startPeriscopeSimulator({ seed: periscopeDemoSeed });
  env = periscopeSimulatorEnv(sim);
});
afterEach(async () => {
  await sim.close();
});

const writes = (): number => sim.requests.filter((r) => r.method !== "GET").length;

async function csvFile(text: string): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), "roster-sites-")), "users.csv");
  await writeFile(path, text);
  return path;
}

// Names only: valid for a v1 site and for an RBAC site alike.
const BOTH_SITES =
  "email,first_name,last_name\ngrace.hopper@acme.example,Grace,H.\nnew.person@acme.example,New,Person\n";

describe("apply with several Periscope sites", () => {
  it("shows both plans and applies nothing when one site's plan is invalid, even with --yes", async () => {
    // The v1 example: valid for acme-analytics, unknown roles for acme-rbac.
    const run = await runCli(["apply", "../../examples/periscope-users.csv", "--vendor", "periscope", "--yes"], env);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("(periscope (acme-analytics), ");
    expect(run.stdout).toContain("INVALID ../../examples/periscope-users.csv");
    expect(run.stderr).toContain("Nothing was applied to any target: periscope (acme-rbac) must be fixed first");
    expect(writes()).toBe(0);
  });

  it("--json is an array with one element per site, the valid one marked as held back", async () => {
    const run = await runCli(
      ["apply", "../../examples/periscope-users.csv", "--vendor", "periscope", "--yes", "--json"],
      env,
    );
    const targets = JSON.parse(run.stdout) as { refused: string; plan: { target: string } }[];
    expect(targets.map((t) => [t.plan.target, t.refused])).toEqual([
      ["acme-analytics", "another-target"],
      ["acme-rbac", "invalid"],
    ]);
  });

  it("asks once for every site on a terminal, then applies each", async () => {
    const csv = await csvFile(BOTH_SITES);
    const io = createCapturingIo({ env, tty: true, input: "y\n" });
    expect(await main(["apply", csv, "--vendor", "periscope"], io)).toBe(0);
    const questions = io.stderrText().match(/Apply .*\? \[y\/N\]/g) ?? [];
    expect(questions).toEqual([
      "Apply 2 changes to periscope (acme-analytics) and 2 changes to periscope (acme-rbac)? [y/N]",
    ]);
    // Both plans were on screen before the question.
    const stdout = io.stdoutText();
    expect(stdout.indexOf("(periscope (acme-rbac)")).toBeGreaterThan(stdout.indexOf("(periscope (acme-analytics)"));
    expect(writes()).toBeGreaterThan(0);
    const again = await runCli(["plan", csv, "--vendor", "periscope", "--json"], env);
    expect((JSON.parse(again.stdout) as { changes: unknown[] }[]).map((p) => p.changes)).toEqual([[], []]);
  });

  it("answering no changes nothing on any site", async () => {
    const csv = await csvFile(BOTH_SITES);
    const io = createCapturingIo({ env, tty: true, input: "n\n" });
    expect(await main(["apply", csv, "--vendor", "periscope", "--json"], io)).toBe(1);
    expect(writes()).toBe(0);
    const targets = JSON.parse(io.stdoutText()) as { refused: string; plan: { target: string } }[];
    expect(targets.map((t) => [t.plan.target, t.refused])).toEqual([
      ["acme-analytics", "declined"],
      ["acme-rbac", "declined"],
    ]);
  });
});

describe("--json has one shape whatever the number of targets", () => {
  it("plan: an array of plans, one for Sigma and two for two Periscope sites", async () => {
    const fixture = await startSigmaFixture();
    try {
      const sigmaCsv = await fixture.writeCsv(DEMO_USERS_CSV);
      const sigma = JSON.parse((await runCli(["plan", sigmaCsv, "--vendor", "sigma", "--json"], fixture.env)).stdout);
      const periscope = JSON.parse(
        (await runCli(["plan", await csvFile(BOTH_SITES), "--vendor", "periscope", "--json"], env)).stdout,
      );
      expect(Array.isArray(sigma) && sigma.length).toBe(1);
      expect(Array.isArray(periscope) && periscope.length).toBe(2);
      // The same plan document; only Periscope's names its site (`target`).
      const keys = (plan: object): string[] =>
        Object.keys(plan)
          .filter((key) => key !== "target")
          .sort();
      expect(keys(sigma[0])).toEqual(keys(periscope[0]));
    } finally {
      await fixture.close();
    }
  });
});
