// One measured Roster run in its own process, so its peak RSS is its own (the simulator lives in
// the parent). Plain JavaScript on purpose: a .ts entry makes Node load its type stripper, about
// 17 MB of RSS that Roster's own `dist/` (what the CLI and the Action run) never pays.
// Usage: node src/worker.js <job.json>; prints one JSON line (WorkerResult, worker-types.ts).
import { readFile, writeFile } from "node:fs/promises";
import { relaunchWithRosterHeap } from "@roster/core/heap";

// As the CLI and the Action start (core's runtime/heap.ts): re-run with Roster's heap options first,
// so the peak measured here is the one users get. BENCH_WORKER_FLAGS that set a heap size win.
relaunchWithRosterHeap();
const { applyPlan, defaultPolicy, getVendorModule, planForVendor, readUsersCsvFile } = await import("@roster/core");

const quiet = { info: () => {}, warn: () => {}, debug: () => {} };

/** @param {import("./worker-types.ts").WorkerJob} job */
async function run(job) {
  const module = getVendorModule(job.vendor);
  // The scenario knows how many removals it plans but not their digest (the acknowledgement names
  // the exact set, plan/safety.ts), so a run that expects removals lifts the threshold instead.
  const policy = {
    ...defaultPolicy,
    ...(job.allowRemovals !== undefined && { removalThreshold: { percent: 100, floor: job.allowRemovals } }),
  };
  const context = { logger: quiet };
  const started = performance.now();
  const validateUser = module.validateUser;
  // As the CLI reads it (packages/cli/src/targets.ts): the vendor's separators and row checks, parsed
  // while the vendor is read; an invalid file stops the plan before it is made.
  let csvDone = started;
  const valid = readUsersCsvFile(job.csv, {
    groupSeparators: module.capabilities.groupSeparators,
    ...(validateUser === undefined ? {} : { validateUser: validateUser.bind(module) }),
  }).then((desired) => {
    csvDone = performance.now();
    const invalid = desired.diagnostics.filter((d) => d.severity === "error");
    if (invalid.length > 0) throw new Error(`invalid CSV: ${invalid.map((d) => `${d.code}: ${d.message}`).join("; ")}`);
    return desired;
  });
  valid.catch(() => {});
  const [vendor] = module.create(job.env, { mode: job.mode, logger: quiet });
  if (vendor === undefined) throw new Error("no vendor target");
  const { directory, plan } = await planForVendor({ desired: valid, vendor, policy, context }).catch(async (error) => {
    await vendor.close();
    throw error;
  });
  const planned = performance.now();
  const errors = plan.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.code}: ${d.message}`);
  let counts = { applied: 0, failed: 0, skipped: 0 };
  let firstFailure;
  if (job.mode === "apply" && errors.length === 0 && plan.changes.length > 0) {
    const result = await applyPlan(vendor, plan, directory, { stopOnError: false }, context);
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
if (jobPath === undefined) throw new Error("usage: node src/worker.js <job.json>");
const job = JSON.parse(await readFile(jobPath, "utf8"));
process.stdout.write(`${JSON.stringify(await run(job))}\n`);
