import { readFileSync } from "node:fs";
import { getHeapStatistics } from "node:v8";
import { rosterHeapFlags } from "@roster/core/heap";
import { describe, expect, it } from "vitest";
import { ROSTER_BIN, spawnCli } from "./__tests__/run-cli.js";

/** The running process's command line or environment, as the system sees it (Linux's /proc). */
function proc(pid: number, file: "cmdline" | "environ"): string[] {
  return readFileSync(`/proc/${pid}/${file}`, "utf8").split("\0").filter(Boolean);
}

/** Runs `roster sandbox` (it stays up) and reads its command line once it serves. */
async function sandboxCommandLine(env: Record<string, string> = {}): Promise<{ line: string[]; environ: string[] }> {
  const sandbox = spawnCli(["sandbox", "--vendor", "sigma", "--port", "0"], env);
  const pid = sandbox.child.pid ?? -1;
  try {
    await sandbox.firstLines(1);
    return { line: proc(pid, "cmdline"), environ: proc(pid, "environ") };
  } finally {
    sandbox.child.kill("SIGTERM");
    await sandbox.exited;
  }
}

describe.skipIf(process.platform !== "linux")("roster's heap options (core runtime/heap.ts)", () => {
  it("re-runs itself once, in the same process, with the semi-space and old-generation caps and two malloc arenas", async () => {
    const { line, environ } = await sandboxCommandLine();
    expect(environ).toContain("MALLOC_ARENA_MAX=2");
    expect(line).toEqual([
      process.execPath,
      ...rosterHeapFlags(getHeapStatistics().heap_size_limit),
      ROSTER_BIN,
      "sandbox",
      "--vendor",
      "sigma",
      "--port",
      "0",
    ]);
  });

  it("leaves the heap alone when NODE_OPTIONS chooses a size", async () => {
    const { line, environ } = await sandboxCommandLine({ NODE_OPTIONS: "--max-old-space-size=3000" });
    expect(environ.filter((entry) => entry.startsWith("MALLOC_ARENA_MAX="))).toEqual([]);
    expect(line).toEqual([process.execPath, ROSTER_BIN, "sandbox", "--vendor", "sigma", "--port", "0"]);
  });
});
