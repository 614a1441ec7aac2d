import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "./__tests__/run-cli.js";
import { type SigmaFixture, startSigmaFixture } from "./__tests__/sigma-fixture.js";
import { createCapturingIo } from "./capture-io.js";
import { DEMO_USERS_CSV } from "./demo-csv.js";
import { main } from "./main.js";

const ESC = "\u001b[";
const GREEN = `${ESC}32m`;
const YELLOW = `${ESC}33m`;
const RED = `${ESC}31m`;

let fixture: SigmaFixture;
beforeEach(async () => {
  fixture = await startSigmaFixture();
});
afterEach(async () => {
  await fixture.close();
});

describe("--quiet and --verbose", () => {
  it("--quiet prints only the summary line", async () => {
    const csv = await fixture.writeCsv(DEMO_USERS_CSV);
    const run = await runCli(["plan", csv, "--vendor", "sigma", "--quiet"], fixture.env);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Summary: 5 changes .* checksum [0-9a-f]{12}\.\n$/);
    expect(run.stderr).toBe("");
  });

  it("--quiet still prints errors (on stderr) and the summary", async () => {
    const csv = await fixture.writeCsv("email,groups\nada.lovelace@acme.example,Nope\n");
    const run = await runCli(["plan", csv, "--vendor", "sigma", "-q"], fixture.env);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("error PLAN_UNKNOWN_GROUP");
    expect(run.stdout.trim().split("\n")).toHaveLength(1);
  });

  it("--verbose prints debug logs (each vendor request)", async () => {
    const csv = await fixture.writeCsv(DEMO_USERS_CSV);
    const run = await runCli(["plan", csv, "--vendor", "sigma", "--verbose"], fixture.env);
    expect(run.stderr).toMatch(/^debug: \[GET\] /m);
  });

  it("--quiet with --verbose is a usage error", async () => {
    const run = await runCli(["plan", "users.csv", "--vendor", "sigma", "--quiet", "--verbose"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--quiet and --verbose");
  });
});

describe("colours", () => {
  it("on a terminal: + creates green, ~ updates yellow, − destructive red", async () => {
    const csv = await fixture.writeCsv(DEMO_USERS_CSV);
    const io = createCapturingIo({ env: fixture.env, stdoutTty: true });
    expect(await main(["plan", csv, "--vendor", "sigma"], io)).toBe(0);
    const out = io.stdoutText();
    expect(out).toContain(`${GREEN}  + `);
    expect(out).toContain(`${YELLOW}  ~ `);
    expect(out).toContain(`${RED}  − `);
  });

  it("off with NO_COLOR, and off in a pipe", async () => {
    const csv = await fixture.writeCsv(DEMO_USERS_CSV);
    const io = createCapturingIo({ env: { ...fixture.env, NO_COLOR: "1" }, stdoutTty: true });
    expect(await main(["plan", csv, "--vendor", "sigma"], io)).toBe(0);
    expect(io.stdoutText()).not.toContain(ESC);
    const piped = await runCli(["plan", csv, "--vendor", "sigma"], fixture.env);
    expect(piped.stdout).toContain("  + ");
    expect(piped.stdout).not.toContain(ESC);
  });
});
