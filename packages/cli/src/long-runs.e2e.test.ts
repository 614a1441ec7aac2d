import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { adobeSimulatorEnv, startAdobeSimulator } from "@roster/core/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "./__tests__/run-cli.js";
import { type SigmaFixture, startSigmaFixture } from "./__tests__/sigma-fixture.js";
import { createCapturingIo } from "./capture-io.js";
import { DEMO_USERS_CSV } from "./demo-csv.js";
import { main } from "./main.js";

describe("long runs without a terminal (CI logs)", () => {
  it("prints a progress line every few seconds, saying when it waits for Adobe's rate limit", async () => {
    // The simulator does not throttle; the client paces itself to one action request per 4 s, so
    // 40 creates (4 requests of 10) take about 12 s.
    const sim = await startAdobeSimulator({ rateLimits: false });
    try {
      const env = {
        ...adobeSimulatorEnv(sim),
        ADOBE_RATE_LIMITS: "action=1/4000ms,users=100/1000ms,groups=100/1000ms,global=100/1000ms",
      };
      const rows = Array.from({ length: 40 }, (_, i) => `p${i}@example.com,P,${i},US,federatedID`).join("\n");
      const csv = join(await mkdtemp(join(tmpdir(), "roster-long-")), "users.csv");
      await writeFile(csv, `email,first_name,last_name,country,type\n${rows}\n`);
      const run = await runCli(["apply", csv, "--vendor", "adobe", "--yes"], env);
      expect(run.code).toBe(0);
      const progress = run.stderr.split("\n").filter((line) => line.startsWith("Applying"));
      expect(progress.length).toBeGreaterThanOrEqual(1);
      expect(progress.join("\n")).toMatch(/Applying \d+\/4, waiting for Adobe's rate limit \(\d+ s\)/);
      expect(run.stderr).not.toContain("\r");
    } finally {
      await sim.close();
    }
  }, 60_000);

  it("a quick run prints no progress line at all", async () => {
    const fixture = await startSigmaFixture();
    try {
      const csv = await fixture.writeCsv(DEMO_USERS_CSV);
      const run = await runCli(["plan", csv, "--vendor", "sigma"], fixture.env);
      expect(run.stderr).toBe("");
    } finally {
      await fixture.close();
    }
  });
});

describe("apply on a terminal", () => {
  let fixture: SigmaFixture;
  beforeEach(async () => {
    fixture = await startSigmaFixture();
  });
  afterEach(async () => {
    await fixture.close();
  });

  it("heads the plan it asks about PLAN, not DRY RUN", async () => {
    const csv = await fixture.writeCsv(DEMO_USERS_CSV);
    const io = createCapturingIo({ env: fixture.env, tty: true, input: "n\n" });
    expect(await main(["apply", csv, "--vendor", "sigma"], io)).toBe(1);
    expect(io.stdoutText()).toMatch(/^PLAN: 5 changes to apply \(sigma, /);
    expect(io.stdoutText()).not.toContain("DRY RUN");
  });

  it("Ctrl+C stops the bar at once and says what is finishing", async () => {
    const csv = await fixture.writeCsv(DEMO_USERS_CSV);
    const io = createCapturingIo({ env: fixture.env, tty: true });
    io.stopWhenStderrIncludes("Applying", "SIGINT");
    expect(await main(["apply", csv, "--vendor", "sigma", "--yes"], io)).toBe(1);
    const stderr = io.stderrText();
    const message = stderr.indexOf("SIGINT: stopping (Applying ");
    expect(message).toBeGreaterThan(-1);
    expect(stderr).toContain("the change in flight finishes, the rest are reported as skipped");
    // Nothing of the bar is drawn after the message.
    expect(stderr.slice(message).split("Applying").length).toBe(2);
  });
});
