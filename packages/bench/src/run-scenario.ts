import { spawn } from "node:child_process";
import { once } from "node:events";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Change } from "@roster/core";
import { type BaselineProjection, projectBaseline, runBaseline } from "./baseline.ts";
import { type FloorLimits, floorMs } from "./floor.ts";
import { minimumShape, totalRequests } from "./minimum.ts";
import { fileFacts, type ScenarioData, type ScenarioDefinition, toUsersCsv } from "./scenarios/org.ts";
import { type BenchVendorId, orgFacts, type SimOptions, scaledAdobeLimits, startBenchSimulator } from "./vendors.ts";
import type { WorkerJob, WorkerResult } from "./worker-types.ts";

const WORKER = fileURLToPath(new URL("./worker.js", import.meta.url));

/** Requests in flight at once where the vendor publishes no limit: Roster's connection pool (8). */
export const CONCURRENCY = 8;

export interface RunSettings extends SimOptions {
  readonly scale: number;
  readonly dir: string;
  /** Rows the per-row baseline really sends (the rest is extrapolated); per vendor. */
  readonly baselineRows: Readonly<Record<BenchVendorId, number>>;
}

export interface ScenarioRow {
  readonly scenario: string;
  readonly vendor: BenchVendorId;
  readonly users: number;
  readonly changes: number;
  readonly requests: number;
  /** Requests answered 429 (included in `requests`). */
  readonly throttled: number;
  readonly minimum: number;
  readonly wallMs: number;
  readonly floorMs: number;
  /** Adobe: the floor at Adobe's real (unscaled) limits. */
  readonly realFloorMs?: number;
  readonly peakRssMb: number;
  /** 100,000-user scenario: peak RSS of a plan-only run (read the CSV and the vendor, plan), the median of PLAN_MEMORY_RUNS. */
  readonly planPeakRssMb?: number;
  /** Each plan-only run's peak RSS, in the order run. */
  readonly planPeakRssRuns?: readonly number[];
  readonly worker: WorkerResult;
  readonly baseline?: BaselineProjection;
}

/** Plan-only runs of the 100,000-user scenario whose median peak RSS is reported. */
const PLAN_MEMORY_RUNS = 3;

export function floorLimits(vendor: BenchVendorId, settings: SimOptions, real = false): FloorLimits {
  if (vendor !== "adobe") return { latencyMs: settings.latencyMs, concurrency: CONCURRENCY };
  const limits = scaledAdobeLimits(real ? 1 : settings.adobeTimeScale);
  return { latencyMs: settings.latencyMs, concurrency: CONCURRENCY, windows: limits };
}

async function runWorker(job: WorkerJob, dir: string): Promise<WorkerResult> {
  const jobPath = join(dir, "job.json");
  await writeFile(jobPath, JSON.stringify(job));
  const child = spawn(
    process.execPath,
    [...(process.env.BENCH_WORKER_FLAGS?.split(" ").filter(Boolean) ?? []), WORKER, jobPath],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const [code] = (await once(child, "close")) as [number | null];
  if (code !== 0) throw new Error(`worker exited with ${code}: ${stderr.trim()}`);
  return JSON.parse(stdout.trim().split("\n").pop() ?? "{}") as WorkerResult;
}

function check(name: string, vendor: string, data: ScenarioData, result: WorkerResult): void {
  const where = `${name}/${vendor}`;
  if (result.errors.length > 0) throw new Error(`${where}: plan has errors: ${result.errors.join("; ")}`);
  if (result.unsafe) throw new Error(`${where}: plan is unsafe`);
  if (result.changes !== data.expectedChanges) {
    throw new Error(`${where}: plan has ${result.changes} changes, the scenario expects ${data.expectedChanges}`);
  }
  if (result.failed > 0 || result.applied !== result.changes) {
    throw new Error(
      `${where}: ${result.failed} failed, ${result.applied}/${result.changes} applied: ${result.firstFailure}`,
    );
  }
}

interface Measured {
  readonly result: WorkerResult;
  readonly requests: number;
  readonly throttled: number;
}

/** Runs under this many ms are repeated (REPEATS times in all) and the median run is kept. */
const REPEAT_UNDER_MS = 5000;
const REPEATS = 3;

/** One Roster run against a fresh simulator holding the scenario's organisation. */
async function measureOnce(
  vendor: BenchVendorId,
  data: ScenarioData,
  job: WorkerJob,
  settings: RunSettings,
): Promise<Measured> {
  const sim = await startBenchSimulator(vendor, data.org, settings);
  try {
    const result = await runWorker({ ...job, env: sim.env }, settings.dir);
    if (process.env.BENCH_DEBUG !== undefined) {
      const log = sim.sim.requests;
      const t0 = log[0]?.time ?? 0;
      for (const [i, r] of log.entries()) {
        if (r.injected !== undefined) {
          const near = log.slice(Math.max(0, i - 30), i + 1).filter((x) => x.route === r.route);
          process.stderr.write(`${r.route} ${r.status} at ${r.time - t0}: ${near.map((x) => x.time - t0).join(",")}\n`);
        }
      }
    }
    return { result, requests: sim.requestCount(), throttled: sim.throttledCount() };
  } finally {
    await sim.close();
  }
}

export async function runScenario(
  definition: ScenarioDefinition,
  vendor: BenchVendorId,
  settings: RunSettings,
  withBaseline: boolean,
): Promise<ScenarioRow> {
  const data = definition.build(settings.scale);
  const csv = join(settings.dir, `${definition.name}.csv`);
  await writeFile(csv, toUsersCsv(data.desired, data.columns));
  const planOut = join(settings.dir, "plan.json");
  const job: WorkerJob = {
    vendor,
    env: {},
    csv,
    mode: "apply",
    planOut,
    ...(data.allowRemovals !== undefined && { allowRemovals: data.allowRemovals }),
  };
  // Short runs are the noisiest (a busy neighbour on a 2-core machine shows up as a whole extra
  // round trip): repeat them on fresh simulators and keep the median run.
  const runs: Measured[] = [await measureOnce(vendor, data, job, settings)];
  if ((runs[0]?.result.totalMs ?? 0) < REPEAT_UNDER_MS) {
    for (let i = 1; i < REPEATS; i++) runs.push(await measureOnce(vendor, data, job, settings));
  }
  for (const run of runs) check(definition.name, vendor, data, run.result);
  const median = [...runs].sort((a, b) => a.result.totalMs - b.result.totalMs)[Math.floor(runs.length / 2)];
  if (median === undefined) throw new Error("no run");
  const { result, requests, throttled } = median;
  let planPeakRssRuns: number[] | undefined;
  if (definition.name === "100k-1pct") {
    // Planning alone, as `roster plan` and a pull request's dry run do, on a fresh simulator (a plan
    // changes nothing, so each run reads the same org). One run's peak moves 10-30 MB with when the
    // collector runs: the median of a few is the figure.
    const fresh = await startBenchSimulator(vendor, data.org, settings);
    try {
      planPeakRssRuns = [];
      for (let i = 0; i < PLAN_MEMORY_RUNS; i++) {
        const planned = await runWorker(
          { vendor, env: fresh.env, csv, mode: "plan", planOut: join(settings.dir, "plan-only.json") },
          settings.dir,
        );
        planPeakRssRuns.push(planned.peakRssMb);
      }
    } finally {
      await fresh.close();
    }
  }
  const planPeakRssMb =
    planPeakRssRuns === undefined ? undefined : [...planPeakRssRuns].sort((a, b) => a - b)[PLAN_MEMORY_RUNS >> 1];
  const changes = JSON.parse(await readFile(planOut, "utf8")) as Change[];
  const shape = minimumShape(vendor, changes, orgFacts(vendor, data.org), fileFacts(data));
  let baseline: BaselineProjection | undefined;
  if (withBaseline) {
    const fresh = await startBenchSimulator(vendor, data.org, settings);
    try {
      const sample = data.desired.slice(0, settings.baselineRows[vendor]);
      baseline = projectBaseline(await runBaseline(vendor, fresh.env, sample), data.desired.length);
    } finally {
      await fresh.close();
    }
  }
  return {
    scenario: definition.name,
    vendor,
    users: Math.max(data.org.length, data.desired.length),
    changes: result.changes,
    requests,
    throttled,
    minimum: totalRequests(shape),
    wallMs: result.totalMs,
    floorMs: floorMs(shape, floorLimits(vendor, settings)),
    ...(vendor === "adobe" && { realFloorMs: floorMs(shape, floorLimits(vendor, settings, true)) }),
    peakRssMb: result.peakRssMb,
    ...(planPeakRssMb !== undefined && planPeakRssRuns !== undefined && { planPeakRssMb, planPeakRssRuns }),
    worker: result,
    ...(baseline !== undefined && { baseline }),
  };
}
