import { spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync, statSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startSigmaSimulator } from "@roster/core/testing";

/** The committed Action bundle, as the runner starts it (`runs.using: node24`, `main`). */
export const ACTION_BUNDLE = fileURLToPath(new URL("../../action/dist/index.js", import.meta.url));

export interface ActionStartupResult {
  readonly bundleBytes: number;
  readonly runs: number;
  /** Median ms from spawning `node dist/index.js` to the first request the vendor simulator logs. */
  readonly firstRequestMs: number;
  readonly firstRequestRuns: readonly number[];
  /** Median ms from spawn to exit (a whole scheduled dry run of one row). */
  readonly wholeRunMs: number;
}

/**
 * Spawns the bundle `runs` times on a scheduled dry run (a drift report: plan mode) against the
 * Sigma simulator, with the runner's INPUT_* and GITHUB_* environment and a fake GitHub API on
 * 127.0.0.1 that accepts every call. Nothing from this process's environment leaks in.
 */
export async function benchActionStartup(dir: string, runs: number): Promise<ActionStartupResult | undefined> {
  if (!existsSync(ACTION_BUNDLE)) return undefined;
  const github = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(request.method === "GET" ? "[]" : "{}");
    });
  });
  await new Promise<void>((resolve) => github.listen(0, "127.0.0.1", resolve));
  const githubUrl = `http://127.0.0.1:${(github.address() as AddressInfo).port}`;
  const sim = await startSigmaSimulator();
  const first: number[] = [];
  const whole: number[] = [];
  try {
    await writeFile(join(dir, "users.csv"), "email,first_name,last_name,role\nnew@acme.test,New,User,viewer\n");
    await writeFile(join(dir, "event.json"), "{}");
    for (let i = 0; i < runs; i++) {
      await writeFile(join(dir, "output"), "");
      await writeFile(join(dir, "summary"), "");
      sim.clearRequests();
      const env: Record<string, string> = {
        PATH: process.env.PATH ?? "",
        GITHUB_ACTIONS: "true",
        GITHUB_EVENT_NAME: "schedule",
        GITHUB_EVENT_PATH: join(dir, "event.json"),
        GITHUB_REPOSITORY: "acme/people",
        GITHUB_SHA: "1".repeat(40),
        GITHUB_REF: "refs/heads/main",
        GITHUB_API_URL: githubUrl,
        GITHUB_OUTPUT: join(dir, "output"),
        GITHUB_STEP_SUMMARY: join(dir, "summary"),
        GITHUB_WORKSPACE: dir,
        RUNNER_TEMP: dir,
        INPUT_VENDOR: "sigma",
        "INPUT_SIGMA-CLIENT-ID": sim.clientId,
        "INPUT_SIGMA-CLIENT-SECRET": sim.clientSecret,
        "INPUT_SIGMA-BASE-URL": sim.url,
        INPUT_COMMENT: "false",
      };
      const started = Date.now();
      const child = spawn(process.execPath, [ACTION_BUNDLE], { env, stdio: "ignore" });
      const [code] = (await once(child, "close")) as [number | null];
      whole.push(Date.now() - started);
      const request = sim.requests[0];
      if (request === undefined) throw new Error(`action run ${i} exited with ${code} before any vendor request`);
      first.push(request.time - started);
    }
  } finally {
    await sim.close();
    github.closeAllConnections();
    await new Promise<void>((resolve) => github.close(() => resolve()));
  }
  const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  return {
    bundleBytes: statSync(ACTION_BUNDLE).size,
    runs,
    firstRequestMs: median(first),
    firstRequestRuns: first,
    wholeRunMs: median(whole),
  };
}
