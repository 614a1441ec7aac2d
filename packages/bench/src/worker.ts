// One measured Roster run in its own process, so its peak RSS is its own (the simulator lives in
// the parent). Usage: node src/worker.ts <job.json>; prints one JSON line (WorkerResult).
import { readFile, writeFile } from "node:fs/promises";
import {
  defaultPolicy,
  getVendorModule,
  type Logger,
  type Policy,
  planForVendor,
  readUsersCsvFile,
  type VendorContext,
} from "@roster/core";

export interface WorkerJob {
  readonly vendor: string;
  readonly env: Readonly<Record<string, string>>;
  readonly csv: string;
  readonly mode: "plan" | "apply";
  readonly allowRemovals?: number;
  /** Where to write the plan's changes (JSON) for the independent minimum. */
  readonly planOut: string;
}

export interface WorkerResult {
  readonly csvMs: number;
  /** Reading the vendor and planning. */
  readonly planMs: number;
  readonly applyMs: number;
  readonly totalMs: number;
  readonly changes: number;
  readonly applied: number;
  readonly failed: number;
  readonly skipped: number;
  readonly errors: readonly string[];
  readonly unsafe: boolean;
  readonly firstFailure?: string;
  readonly peakRssMb: number;
}

const quiet: Logger = { info: () => {}, warn: () => {}, debug: () => {} };

async function run(job: WorkerJob): Promise<WorkerResult> {
  const module = getVendorModule(job.vendor);
  const policy: Policy = {
    ...defaultPolicy,
    ...(job.allowRemovals !== undefined && { allowRemovals: job.allowRemovals }),
  };
  const context: VendorContext = { logger: quiet };
  const started = performance.now();
  const validateUser = module.validateUser;
  const desired = await readUsersCsvFile(job.csv, {
    groupSeparators: module.capabilities.groupSeparators,
    ...(validateUser === undefined ? {} : { validateUser: validateUser.bind(module) }),
  });
  const csvDone = performance.now();
  const [vendor] = module.create(job.env, { mode: job.mode, logger: quiet });
  if (vendor === undefined) throw new Error("no vendor target");
  const { directory, plan } = await planForVendor({ desired, vendor, policy, context });
  const planned = performance.now();
  const errors = plan.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.code}: ${d.message}`);
  let counts = { applied: 0, failed: 0, skipped: 0 };
  let firstFailure: string | undefined;
  if (job.mode === "apply" && errors.length === 0 && plan.changes.length > 0) {
    const result = await vendor.apply(plan, directory, { stopOnError: false }, context);
    counts = result.counts;
    const failed = result.results.find((r) => r.outcome.status !== "applied");
    if (failed !== undefined) firstFailure = `${failed.change.kind}: ${JSON.stringify(failed.outcome)}`;
  }
  const finished = performance.now();
  await vendor.close();
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  await writeFile(job.planOut, JSON.stringify(plan.changes));
  return {
    csvMs: csvDone - started,
    planMs: planned - csvDone,
    applyMs: finished - planned,
    totalMs: finished - started,
    changes: plan.changes.length,
    ...counts,
    errors: errors.slice(0, 5),
    unsafe: plan.safety.unsafe,
    ...(firstFailure !== undefined && { firstFailure }),
    peakRssMb,
  };
}

const jobPath = process.argv[2];
if (jobPath === undefined) throw new Error("usage: node src/worker.ts <job.json>");
const job = JSON.parse(await readFile(jobPath, "utf8")) as WorkerJob;
process.stdout.write(`${JSON.stringify(await run(job))}\n`);
