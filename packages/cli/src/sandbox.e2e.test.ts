import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { parseExportLines, runCli, spawnCli } from "./__tests__/run-cli.js";
import { exportLine } from "./commands/sandbox.js";

describe("roster sandbox (as a process)", () => {
  it("prints export NAME=value lines first, serves the simulator, plans against it, stops cleanly on SIGTERM", async () => {
    const sandbox = spawnCli(["sandbox", "--vendor", "sigma", "--port", "0"]);
    try {
      const lines = await sandbox.firstLines(3);
      expect(lines[0]).toMatch(/^export SIGMA_BASE_URL=http:\/\/127\.0\.0\.1:\d+$/);
      const env = parseExportLines(lines);
      expect(Object.keys(env).sort()).toEqual(["SIGMA_BASE_URL", "SIGMA_CLIENT_ID", "SIGMA_CLIENT_SECRET"]);

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
      const env = parseExportLines(lines);
      const names = Object.keys(env);
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

  it("prints lines a shell can paste: sh evaluates them to the same values", async () => {
    const sandbox = spawnCli(["sandbox", "--vendor", "periscope", "--port", "0"]);
    try {
      const lines = await sandbox.firstLines(5);
      const script = `${lines.join("\n")}\nenv | grep ^PERISCOPE_ | sort`;
      const shell = spawnSync("sh", ["-c", script], { encoding: "utf8", env: { PATH: process.env.PATH ?? "" } });
      expect(shell.status).toBe(0);
      const fromShell = Object.fromEntries(
        shell.stdout
          .trim()
          .split("\n")
          .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
      );
      expect(fromShell).toEqual(parseExportLines(lines));
      expect(fromShell.PERISCOPE_SITE).toBe("acme-analytics,acme-rbac");
    } finally {
      sandbox.child.kill("SIGTERM");
    }
    await sandbox.exited;
  });

  it("quotes a seed's value that a shell would interpret", () => {
    expect(exportLine("PERISCOPE_SITE", "it's $HOME")).toBe(`export PERISCOPE_SITE='it'\\''s $HOME'`);
    const shell = spawnSync("sh", ["-c", `${exportLine("X", "it's $HOME; rm -rf /")}\nprintf %s "$X"`], {
      encoding: "utf8",
    });
    expect(shell.stdout).toBe("it's $HOME; rm -rf /");
  });

  it("--site prints the settings of one Periscope site only", async () => {
    const sandbox = spawnCli(["sandbox", "--vendor", "periscope", "--site", "acme-rbac"]);
    try {
      const env = parseExportLines(await sandbox.firstLines(5));
      expect(env.PERISCOPE_SITE).toBe("acme-rbac");
      expect(env.PERISCOPE_API).toBe("v2");
    } finally {
      sandbox.child.kill("SIGTERM");
    }
    await sandbox.exited;
  });

  it("exits 2 naming the sites for an unknown --site", async () => {
    const run = await runCli(["sandbox", "--vendor", "periscope", "--site", "acme"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("acme-analytics, acme-rbac");
  });
});
