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

  it("exits 2 for a seed file that does not exist", async () => {
    const run = await runCli(["sandbox", "--vendor", "sigma", "--seed", "no-such-seed.json"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("no-such-seed.json");
  });
});
