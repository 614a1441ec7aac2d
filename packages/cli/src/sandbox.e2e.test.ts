import { describe, expect, it } from "vitest";
import { runCli, spawnCli } from "./__tests__/run-cli.js";

describe("roster sandbox (as a process)", () => {
  it("prints NAME=value lines first, serves the simulator, plans against it, stops cleanly on SIGTERM", async () => {
    const sandbox = spawnCli(["sandbox", "--vendor", "sigma", "--port", "0"]);
    try {
      const lines = await sandbox.firstLines(3);
      expect(lines[0]).toMatch(/^SIGMA_BASE_URL=http:\/\/127\.0\.0\.1:\d+$/);
      expect(lines.map((line) => line.split("=")[0]).sort()).toEqual([
        "SIGMA_BASE_URL",
        "SIGMA_CLIENT_ID",
        "SIGMA_CLIENT_SECRET",
      ]);
      const env = Object.fromEntries(
        lines.map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
      );

      const state = await fetch(`${env.SIGMA_BASE_URL}/__sandbox/state`);
      expect(state.status).toBe(200);
      expect(JSON.stringify(await state.json())).toContain("ada.lovelace@acme.example");

      const plan = await runCli(["plan", "../../examples/sigma-users.csv", "--vendor", "sigma"], env);
      expect(plan.code).toBe(0);
      expect(plan.stdout).toContain("hedy.lamarr@acme.example");
    } finally {
      sandbox.child.kill("SIGTERM");
    }
    const exit = await sandbox.exited;
    expect(exit.code).toBe(0);
    expect(exit.stderr).toContain("stopping");
  });

  it("--vendor all: the three simulators, every variable first, and examples/company plans cleanly against them", {
    timeout: 120_000,
  }, async () => {
    const sandbox = spawnCli(["sandbox", "--vendor", "all"]);
    try {
      // Sigma 3, Periscope 5, Adobe 6 or 7 (ADOBE_RATE_LIMITS): wait for the last Adobe line.
      const lines = (await sandbox.firstLines(15)).filter((line) => line.includes("="));
      const names = lines.map((line) => line.slice(0, line.indexOf("=")));
      for (const name of [
        "SIGMA_BASE_URL",
        "SIGMA_CLIENT_SECRET",
        "PERISCOPE_SITE",
        "PERISCOPE_API_KEY",
        "ADOBE_ORG_ID",
        "ADOBE_UMAPI_URL",
      ]) {
        expect(names).toContain(name);
      }
      const env = Object.fromEntries(
        lines.map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
      );
      const plan = await runCli(["plan", "--config", "../../examples/company/roster.yml"], env);
      expect(plan.code, plan.stderr).toBe(0);
      expect(plan.stdout).toContain("periscope (acme-rbac): 5 changes (0 destructive)");
      expect(plan.stdout).not.toMatch(/error|warning/i);
    } finally {
      sandbox.child.kill("SIGTERM");
    }
    const exit = await sandbox.exited;
    expect(exit.code).toBe(0);
    expect(exit.stderr).toContain("stopping the sandboxes");
  });

  it("exits 2 for a seed file that does not exist", async () => {
    const run = await runCli(["sandbox", "--vendor", "sigma", "--seed", "no-such-seed.json"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("no-such-seed.json");
  });
});
