import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { singleTarget } from "./__tests__/run-cli.js";
import { type SigmaFixture, startSigmaFixture } from "./__tests__/sigma-fixture.js";
import { createCapturingIo } from "./capture-io.js";
import { DEMO_USERS_CSV } from "./demo-csv.js";
import { main } from "./main.js";

// In-process runs of `main()`: what a child process cannot fake cheaply (a terminal that answers
// the y/N question) and the offline commands.

let fixture: SigmaFixture;
beforeEach(async () => {
  fixture = await startSigmaFixture();
});
afterEach(async () => {
  await fixture.close();
});

describe("roster apply on a terminal", () => {
  it("asks y/N and changes nothing on no", async () => {
    const csv = await fixture.writeCsv(DEMO_USERS_CSV);
    const io = createCapturingIo({ env: fixture.env, tty: true, input: "n\n" });
    expect(await main(["apply", csv, "--vendor", "sigma"], io)).toBe(1);
    expect(io.stderrText()).toMatch(/Apply \d+ changes to sigma\?/);
    expect(io.stderrText()).toContain("Apply cancelled");
    expect(io.stdoutText()).toContain("hedy.lamarr@acme.example");
    expect(fixture.mutatingRequests()).toEqual([]);
  });

  it("treats end of input as no", async () => {
    const csv = await fixture.writeCsv(DEMO_USERS_CSV);
    const io = createCapturingIo({ env: fixture.env, tty: true, input: "" });
    expect(await main(["apply", csv, "--vendor", "sigma"], io)).toBe(1);
    expect(fixture.mutatingRequests()).toEqual([]);
  });

  it("applies the plan it showed on yes", async () => {
    const csv = await fixture.writeCsv(DEMO_USERS_CSV);
    const io = createCapturingIo({ env: fixture.env, tty: true, input: "yes\n" });
    expect(await main(["apply", csv, "--vendor", "sigma"], io)).toBe(0);
    expect(fixture.mutatingRequests().length).toBeGreaterThan(0);
    const again = createCapturingIo({ env: fixture.env });
    expect(await main(["plan", csv, "--vendor", "sigma", "--json"], again)).toBe(0);
    expect(singleTarget<{ changes: unknown[] }>(again.stdoutText()).changes).toEqual([]);
  });

  it("refuses a --checksum that is not the current plan's (exit 1) and changes nothing", async () => {
    const csv = await fixture.writeCsv(DEMO_USERS_CSV);
    const io = createCapturingIo({ env: fixture.env });
    const stale = "0".repeat(64);
    expect(await main(["apply", csv, "--vendor", "sigma", "--yes", "--checksum", stale], io)).toBe(1);
    expect(io.stderrText()).toContain("checksum");
    expect(fixture.mutatingRequests()).toEqual([]);
  });
});

describe("roster apply --json", () => {
  it("prints only the apply report on stdout when asking on a terminal (the plan goes to stderr)", async () => {
    const csv = await fixture.writeCsv(DEMO_USERS_CSV);
    const io = createCapturingIo({ env: fixture.env, tty: true, input: "y\n" });
    expect(await main(["apply", csv, "--vendor", "sigma", "--json"], io)).toBe(0);
    const report = singleTarget<{ counts: { applied: number } }>(io.stdoutText());
    expect(report.counts.applied).toBe(5);
    expect(io.stderrText()).toContain("hedy.lamarr@acme.example");
  });

  it("says why nothing was applied for an unsafe plan (exit 3), naming the flag on stderr", async () => {
    const csv = await fixture.writeCsv("email\nada.lovelace@acme.example\n");
    const io = createCapturingIo({ env: fixture.env });
    const code = await main(["apply", csv, "--vendor", "sigma", "--yes", "--json", "--absent-users", "deactivate"], io);
    expect(code).toBe(3);
    const refused = singleTarget<{
      refused: string;
      plan: { safety: { destructive: number; acknowledgementValue: string } };
    }>(io.stdoutText());
    expect(refused.refused).toBe("unsafe");
    expect(refused.plan.safety.acknowledgementValue).toMatch(new RegExp(`^${refused.plan.safety.destructive}@`));
    expect(io.stderrText()).toContain(`--allow-removals ${refused.plan.safety.acknowledgementValue}`);
    expect(fixture.mutatingRequests()).toEqual([]);
  });
});

describe("roster apply --stop-on-error", () => {
  it("stops at the first failed change and reports the rest as skipped (Sigma's --abort_on_update_fail)", async () => {
    const csv = await fixture.writeCsv(DEMO_USERS_CSV);
    fixture.sim.addFault({
      route: "members.update",
      method: "PATCH",
      status: 409,
      body: { message: "Duplicate record" },
    });
    const io = createCapturingIo({ env: fixture.env });
    expect(await main(["apply", csv, "--vendor", "sigma", "--yes", "--json", "--stop-on-error"], io)).toBe(1);
    const report = singleTarget<{ counts: { applied: number; failed: number; skipped: number } }>(io.stdoutText());
    expect(report.counts).toEqual({ applied: 1, failed: 1, skipped: 3 });
  });
});

describe("roster apply --json with an unreadable write answer", () => {
  it("still prints the report, with the change whose answer was empty as unknown (exit 1)", async () => {
    const csv = await fixture.writeCsv(DEMO_USERS_CSV);
    // Every create is answered 200 with an empty body: Sigma may or may not have made them.
    fixture.sim.addFault({ route: "members.create", status: 200 });
    const io = createCapturingIo({ env: fixture.env });
    expect(await main(["apply", csv, "--vendor", "sigma", "--yes", "--json"], io)).toBe(1);
    const report = JSON.parse(io.stdoutText()) as {
      counts: { applied: number; unknown?: number };
      results: { outcome: { status: string; message?: string } }[];
    };
    expect(report.counts.unknown).toBeGreaterThan(0);
    expect(report.counts.applied).toBeGreaterThan(0);
    const unknown = report.results.filter((r) => r.outcome.status === "unknown");
    expect(unknown[0]?.outcome.message).toContain("no member in the body");
    expect(io.stderrText()).toMatch(/sigma: \d+ changes? ha(s|ve) an unknown outcome/);
  });
});

describe("roster validate", () => {
  it("exits 0 for a valid file, offline", async () => {
    const csv = await fixture.writeCsv(DEMO_USERS_CSV);
    const io = createCapturingIo({ env: {} });
    expect(await main(["validate", csv, "--vendor", "sigma"], io)).toBe(0);
    expect(io.stdoutText()).toContain("11 users, valid for sigma");
    expect(fixture.sim.requests).toEqual([]);
  });

  it("exits 1 listing every problem as file:line:col severity code message", async () => {
    const csv = await fixture.writeCsv(
      "email,frist_name\nnot-an-email,Ada\nbob@acme.example,Bob\nbob@acme.example,Bob\n",
    );
    const io = createCapturingIo({ env: {} });
    expect(await main(["validate", csv, "--vendor", "sigma"], io)).toBe(1);
    const lines = io.stdoutText().split("\n");
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/users\.csv:1:2 error CSV_UNKNOWN_COLUMN /),
        expect.stringMatching(/users\.csv:2:1 error ROW_INVALID_EMAIL /),
        expect.stringMatching(/users\.csv:\d:1 error ROW_DUPLICATE_EMAIL /),
      ]),
    );
  });

  it("exits 2 for a file that does not exist", async () => {
    const io = createCapturingIo({ env: {} });
    expect(await main(["validate", `${fixture.dir}/missing.csv`, "--vendor", "sigma"], io)).toBe(2);
    expect(io.stderrText()).toContain("missing.csv");
  });

  it("exits 2 naming the valid vendors for an unknown one", async () => {
    const io = createCapturingIo({ env: {} });
    expect(await main(["validate", "users.csv", "--vendor", "salesforce"], io)).toBe(2);
    expect(io.stderrText()).toContain("sigma, periscope, adobe");
  });
});

describe("roster sandbox in-process", () => {
  it("prints the environment first, serves, and closes on a stop signal", async () => {
    const io = createCapturingIo({ env: {} });
    const running = main(["sandbox", "--vendor", "sigma", "--port", "0"], io);
    await io.stdoutIncludes("SIGMA_CLIENT_SECRET=");
    const url = /^export SIGMA_BASE_URL=(\S+)$/m.exec(io.stdoutText())?.[1];
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const state = await fetch(`${url}/__sandbox/state`);
    expect(state.status).toBe(200);
    io.stop("SIGTERM");
    expect(await running).toBe(0);
    await expect(fetch(`${url}/__sandbox/state`)).rejects.toThrow();
  });
});

describe("usage errors and help", () => {
  it.each([
    ["--help"],
    ["validate", "--help"],
    ["plan", "--help"],
    ["apply", "--help"],
    ["sandbox", "--help"],
    ["--version"],
  ])("%s prints on stdout and exits 0", async (...args) => {
    const io = createCapturingIo({ env: {} });
    expect(await main(args, io)).toBe(0);
    expect(io.stdoutText()).not.toBe("");
  });

  it.each([
    [["frobnicate"], "unknown command"],
    [["plan", "users.csv", "--vendor", "sigma", "--frobnicate"], "unknown option"],
    [["plan", "users.csv"], "--vendor"],
    [["plan", "users.csv", "--vendor", "sigma", "--absent-users", "archive"], "--absent-users"],
    [["plan", "users.csv", "--vendor", "sigma", "--allow-removals", "some"], "--allow-removals"],
    [["plan", "users.csv", "--vendor", "salesforce"], "salesforce"],
    [["plan", "a.csv", "b.csv", "--vendor", "sigma"], "too many arguments"],
    [["sandbox", "--vendor", "sigma", "--port", "70000"], "--port"],
    [[], "Usage: roster"],
  ])("%j is a usage error: exit 2, stderr names %s", async (args, named) => {
    const io = createCapturingIo({ env: {} });
    expect(await main(args, io)).toBe(2);
    expect(io.stderrText()).toContain(named);
  });
});

describe("roster apply cancelled with Ctrl+C", () => {
  it("changes nothing when cancelled before the first change, and exits 1", async () => {
    const csv = await fixture.writeCsv(DEMO_USERS_CSV);
    const io = createCapturingIo({ env: fixture.env });
    io.stop("SIGINT");
    expect(await main(["apply", csv, "--vendor", "sigma", "--yes"], io)).toBe(1);
    expect(io.stderrText()).toContain("SIGINT: stopping");
    expect(fixture.mutatingRequests()).toEqual([]);
  });

  it("lets the change in flight finish, reports the rest as skipped, and exits 1", async () => {
    const csv = await fixture.writeCsv(DEMO_USERS_CSV);
    const io = createCapturingIo({ env: fixture.env });
    // The HTTP layer logs each request at debug level once it is answered: Ctrl+C right after the
    // first change (creating hedy.lamarr) went through.
    io.stopWhenStderrIncludes(`[POST] "${fixture.sim.url}/v2/members`, "SIGINT");
    expect(await main(["apply", csv, "--vendor", "sigma", "--yes", "--json", "--verbose"], io)).toBe(1);
    const report = singleTarget<{ counts: { applied: number; failed: number; skipped: number } }>(io.stdoutText());
    expect(report.counts).toEqual({ applied: 1, failed: 0, skipped: 4 });
    expect(fixture.mutatingRequests()).toEqual([{ method: "POST", route: "members.create" }]);
  });
});
