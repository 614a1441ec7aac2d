import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { SIGMA_DEMO_CLIENT_SECRET } from "@roster/core/testing";
import { describe, expect, it } from "vitest";
import { DEMO_USERS_CSV } from "./demo-csv.js";

const DEMO = fileURLToPath(new URL("../dist/demo.js", import.meta.url));

function runDemo(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [DEMO], {
    env: { PATH: process.env.PATH ?? "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}

describe("pnpm demo (node packages/cli/dist/demo.js)", () => {
  it("plans, applies and ends with an empty plan, printing the commands a user would type", async () => {
    const run = await runDemo();
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("users.csv:13  hedy.lamarr@acme.example");
    expect(run.stdout).toContain("Second plan: 0 changes. Apply converged.");
    expect(run.stdout).toContain("roster sandbox --vendor sigma");
    expect(run.stdout).not.toContain(SIGMA_DEMO_CLIENT_SECRET);
  });

  it("shows examples/company: every vendor planned and applied from one users.csv, and an export that plans to 0 changes", async () => {
    const run = await runDemo();
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("##### One file, every vendor: examples/company");
    expect(run.stdout).toMatch(/periscope \(acme-rbac\): 5 changes \(0 destructive\); applied 5, failed 0, skipped 0/);
    expect(run.stdout).toContain("Plan of the exported file: 0 changes across 4 vendors and sites.");
    expect(run.stdout).toContain("roster sandbox --vendor all");
  });

  it("uses the same users.csv as examples/sigma-users.csv", async () => {
    const example = await readFile(new URL("../../../examples/sigma-users.csv", import.meta.url), "utf8");
    expect(example).toBe(DEMO_USERS_CSV);
  });
});
