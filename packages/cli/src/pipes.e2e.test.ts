import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { ROSTER_BIN, runCli, singleTarget } from "./__tests__/run-cli.js";
import { startSigmaFixture } from "./__tests__/sigma-fixture.js";
import { DEMO_USERS_CSV } from "./demo-csv.js";

/** `roster <args> | head -0`: the reader is gone before roster writes anything. */
function runIntoClosedPipe(
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [ROSTER_BIN, ...args], {
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.destroy();
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stderr })));
}

describe.concurrent("a closed pipe on stdout (roster … | head)", () => {
  it.each([["help", "plan"], ["--help"], ["plan", "--help"]])("roster %s exits quietly", async (...args) => {
    const run = await runIntoClosedPipe(args);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
  });

  it("roster plan exits quietly with the plan's own exit code", async () => {
    const fixture = await startSigmaFixture();
    try {
      const csv = await fixture.writeCsv(DEMO_USERS_CSV);
      const run = await runIntoClosedPipe(["plan", csv, "--vendor", "sigma"], fixture.env);
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
    } finally {
      await fixture.close();
    }
  });

  it("roster apply --yes still applies everything when nobody reads its report", async () => {
    const fixture = await startSigmaFixture();
    try {
      const csv = await fixture.writeCsv(DEMO_USERS_CSV);
      const run = await runIntoClosedPipe(["apply", csv, "--vendor", "sigma", "--yes"], fixture.env);
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      const again = await runCli(["plan", csv, "--vendor", "sigma", "--json"], fixture.env);
      expect(singleTarget<{ changes: unknown[] }>(again.stdout).changes).toEqual([]);
    } finally {
      await fixture.close();
    }
  });
});
