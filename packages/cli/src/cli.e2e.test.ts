import { afterAll, describe, expect, it } from "vitest";
import { type CliRun, runCli, singleTarget } from "./__tests__/run-cli.js";
import { type SigmaFixture, startSigmaFixture } from "./__tests__/sigma-fixture.js";
import { DEMO_USERS_CSV } from "./demo-csv.js";

// End to end: `node bin/roster.js` as its own process against a Sigma simulator in this process,
// one simulator per test so the tests (each mostly waiting on a child process) run concurrently.

const outputs: string[] = [];
const secrets = new Set<string>();

async function roster(args: readonly string[], env: Record<string, string>): Promise<CliRun> {
  const run = await runCli(args, env);
  outputs.push(run.stdout, run.stderr);
  return run;
}

async function withSigma(test: (fixture: SigmaFixture) => Promise<void>): Promise<void> {
  const fixture = await startSigmaFixture();
  secrets.add(fixture.env.SIGMA_CLIENT_SECRET ?? "");
  try {
    await test(fixture);
  } finally {
    await fixture.close();
  }
}

describe.concurrent("roster plan", () => {
  it("prints the changes and makes no mutating vendor request", () =>
    withSigma(async (fixture) => {
      const csv = await fixture.writeCsv(DEMO_USERS_CSV);
      const before = fixture.sim.snapshot();
      const run = await roster(["plan", csv, "--vendor", "sigma"], fixture.env);
      expect(run.stderr).not.toContain("error");
      expect(run.code).toBe(0);
      for (const email of ["hedy.lamarr@acme.example", "radia@acme.example", "linus.pauling@acme.example"]) {
        expect(run.stdout).toContain(email);
      }
      expect(fixture.mutatingRequests()).toEqual([]);
      expect(fixture.sim.snapshot()).toEqual(before);
    }));

  it("prints a plan that parses as JSON with --json, logs kept off stdout", () =>
    withSigma(async (fixture) => {
      const csv = await fixture.writeCsv(DEMO_USERS_CSV);
      const run = await roster(["plan", csv, "--vendor", "sigma", "--json"], fixture.env);
      expect(run.code).toBe(0);
      const plan = singleTarget<{ vendor: string; changes: { kind: string }[]; checksum: string }>(run.stdout);
      expect(plan.vendor).toBe("sigma");
      expect(plan.changes.map((change) => change.kind)).toEqual(
        expect.arrayContaining(["create-user", "rename-email", "update-user", "add-to-groups", "deactivate-user"]),
      );
      expect(plan.checksum).toMatch(/^[0-9a-f]{64}$/);
    }));

  it("reports an invalid users.csv with file:line:col, exit 1, changing nothing", () =>
    withSigma(async (fixture) => {
      const csv = await fixture.writeCsv("email,first_name\nok@acme.example,Ok\nnot-an-email,Bad\n");
      const run = await roster(["plan", csv, "--vendor", "sigma"], fixture.env);
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/users\.csv:3:1 error ROW_INVALID_EMAIL /);
      // The vendor read that overlapped the parse (targets.ts) is discarded: no plan, no writes.
      expect(fixture.mutatingRequests()).toEqual([]);
    }));

  it("blocks an unsafe plan with exit 3 naming the exact --allow-removals N@digest, and accepts only that set", () =>
    withSigma(async (fixture) => {
      const csv = await fixture.writeCsv("email\nada.lovelace@acme.example\n");
      const deactivate = ["plan", csv, "--vendor", "sigma", "--absent-users", "deactivate"];
      const blocked = await roster(deactivate, fixture.env);
      expect(blocked.code).toBe(3);
      const value = /--allow-removals (\d+@[0-9a-f]{8})/.exec(blocked.stderr)?.[1] ?? "";
      const count = Number(value.split("@")[0]);
      expect(count).toBeGreaterThan(5);
      // The hint names the CLI flag, never the Action input (issue 13 item 6).
      expect(blocked.stderr + blocked.stdout).not.toMatch(/allow-removals: /);

      // A bare count, or the same count with another digest, acknowledges nothing.
      for (const given of [`${count}`, `${count}@00000000`]) {
        const wrong = await roster([...deactivate, "--allow-removals", given], fixture.env);
        expect(wrong.code).toBe(3);
        expect(wrong.stderr).toContain(`--allow-removals ${value}`);
      }

      const acknowledged = await roster([...deactivate, "--allow-removals", value], fixture.env);
      expect(acknowledged.code).toBe(0);
    }));

  it("names CLI flags in its hints, not Action inputs (issue 13 item 6)", () =>
    withSigma(async (fixture) => {
      const csv = await fixture.writeCsv("email,groups\nada.lovelace@acme.example,Nowhere Team\n");
      const run = await roster(["plan", csv, "--vendor", "sigma"], fixture.env);
      expect(run.code).toBe(1);
      expect(run.stdout + run.stderr).toContain("(--create-groups)");
      expect(run.stdout + run.stderr).not.toContain("create-missing-groups");
    }));

  it("accepts --removal-threshold 0%,0 and allows no destructive change with 0", () =>
    withSigma(async (fixture) => {
      const csv = await fixture.writeCsv("email\nada.lovelace@acme.example\n");
      const zero = await roster(
        ["plan", csv, "--vendor", "sigma", "--absent-users", "deactivate", "--removal-threshold", "0%,0"],
        fixture.env,
      );
      expect(zero.code).toBe(3);
      expect(zero.stderr).toContain("exceed the limit of 0");
    }));

  it("exits 2 naming SIGMA_CLIENT_SECRET when it is missing", () =>
    withSigma(async (fixture) => {
      const csv = await fixture.writeCsv(DEMO_USERS_CSV);
      const { SIGMA_CLIENT_SECRET: _omitted, ...env } = fixture.env;
      const run = await roster(["plan", csv, "--vendor", "sigma"], env);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain("SIGMA_CLIENT_SECRET");
    }));

  it("never prints a wrong secret the vendor rejected", () =>
    withSigma(async (fixture) => {
      const csv = await fixture.writeCsv(DEMO_USERS_CSV);
      const wrongSecret = "wrong-secret-value-4242";
      const run = await roster(["plan", csv, "--vendor", "sigma"], {
        ...fixture.env,
        SIGMA_CLIENT_SECRET: wrongSecret,
      });
      expect(run.code).not.toBe(0);
      expect(`${run.stdout}${run.stderr}`).not.toContain(wrongSecret);
    }));

  it("plans offline against a --state snapshot, with no credentials at all", async () => {
    const run = await roster(
      ["plan", "../../examples/sigma-users.csv", "--vendor", "sigma", "--state", "../../examples/sigma-snapshot.json"],
      {},
    );
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("hedy.lamarr@acme.example");
  });
});

describe.concurrent("roster apply", () => {
  it("converges with --yes: every change applied, then a second plan is empty", () =>
    withSigma(async (fixture) => {
      const csv = await fixture.writeCsv(DEMO_USERS_CSV);
      // --verbose: the debug log of every request is part of what must never show a secret.
      const applied = await roster(["apply", csv, "--vendor", "sigma", "--yes", "--verbose"], fixture.env);
      expect(applied.code).toBe(0);
      expect(applied.stdout).toContain("hedy.lamarr@acme.example");

      const again = await roster(["plan", csv, "--vendor", "sigma", "--json"], fixture.env);
      expect(again.code).toBe(0);
      expect(singleTarget<{ changes: unknown[] }>(again.stdout).changes).toEqual([]);
    }));

  it("exits 1 and lists the change as failed when the vendor rejects it", () =>
    withSigma(async (fixture) => {
      const csv = await fixture.writeCsv("email,new_email\nradia.perlman@acme.example,radia@acme.example\n");
      fixture.sim.addFault({
        route: "members.update",
        method: "PATCH",
        status: 409,
        body: { message: "Duplicate record", code: "conflict", requestId: "req-409" },
      });
      const run = await roster(["apply", csv, "--vendor", "sigma", "--yes", "--json"], fixture.env);
      expect(run.code).toBe(1);
      const report = singleTarget<{
        counts: { failed: number };
        results: { change: { kind: string }; outcome: { status: string; message?: string } }[];
      }>(run.stdout);
      expect(report.counts.failed).toBe(1);
      expect(report.results[0]?.change.kind).toBe("rename-email");
      expect(report.results[0]?.outcome.status).toBe("failed");
      expect(report.results[0]?.outcome.message).toContain("Duplicate record");
      expect(run.stderr).toMatch(/1 change failed/);
    }));

  it("refuses without --yes when there is no terminal to ask on (exit 2)", () =>
    withSigma(async (fixture) => {
      const csv = await fixture.writeCsv(DEMO_USERS_CSV);
      const run = await roster(["apply", csv, "--vendor", "sigma"], fixture.env);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain("--yes");
      expect(fixture.sim.requests).toEqual([]);
    }));
});

describe.concurrent("usage (the rest runs in-process in main.test.ts)", () => {
  it.each([["--help"], ["plan", "--help"]])("%s prints help on stdout and exits 0", async (...args) => {
    const run = await roster(args, {});
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Usage: roster");
  });

  it("exits 2 for an unknown flag", async () => {
    const run = await roster(["plan", "users.csv", "--vendor", "sigma", "--frobnicate"], {});
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--frobnicate");
  });
});

afterAll(() => {
  // Across every run above: no simulator's client secret reached stdout or stderr.
  expect(secrets.size).toBeGreaterThan(0);
  for (const secret of secrets) {
    expect(secret.length).toBeGreaterThan(8);
    for (const text of outputs) expect(text).not.toContain(secret);
  }
  for (const text of outputs) expect(text).not.toMatch(/Bearer\s+(?!\[REDACTED\])\S/);
});
