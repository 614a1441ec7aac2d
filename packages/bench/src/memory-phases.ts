// Where a run's memory goes, phase by phase: `node src/memory-phases.ts --vendor sigma [--scenario 100k-1pct]
// [--scale 3]` (a scale of 3 makes the 100k scenario 300,000 users).
// Unlike the bench rows (worker.js), the child runs the phases one after another (read users.csv,
// read the vendor, plan), so each checkpoint is one phase's: after a full GC it prints the RSS,
// the live heap, each V8 space's size and the resident memory by kind of mapping (/proc/self/smaps:
// the node binary, V8's heap pages, malloc). `--snapshot <phase>` also writes a heap snapshot.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { SCENARIOS, toUsersCsv } from "./scenarios/org.ts";
import { BENCH_VENDORS, type BenchVendorId, startBenchSimulator } from "./vendors.ts";

const CHILD = fileURLToPath(new URL("./memory-phases-child.js", import.meta.url));

const { values } = parseArgs({
  options: {
    vendor: { type: "string", default: "sigma" },
    scenario: { type: "string", default: "100k-1pct" },
    scale: { type: "string", default: "1" },
    snapshot: { type: "string" },
    "node-flags": { type: "string", default: "" },
  },
});
const vendor = values.vendor as BenchVendorId;
if (!BENCH_VENDORS.includes(vendor)) throw new Error(`--vendor: choose from ${BENCH_VENDORS.join(", ")}`);
const scenario = SCENARIOS.find((s) => s.name === values.scenario);
if (scenario === undefined) throw new Error(`--scenario: choose from ${SCENARIOS.map((s) => s.name).join(", ")}`);

const scale = Number(values.scale);
if (!Number.isFinite(scale) || scale <= 0) throw new Error("--scale must be a positive number");
const data = scenario.build(scale);
const dir = await mkdtemp(join(tmpdir(), "roster-memory-"));
const sim = await startBenchSimulator(vendor, data.org, { latencyMs: 50, adobeTimeScale: 60 });
try {
  const csv = join(dir, "users.csv");
  await writeFile(csv, toUsersCsv(data.desired));
  const job = join(dir, "job.json");
  await writeFile(job, JSON.stringify({ vendor, env: sim.env, csv, snapshot: values.snapshot, snapshotDir: dir }));
  const flags = ["--expose-gc", ...values["node-flags"].split(" ").filter(Boolean)];
  const child = spawn(process.execPath, [...flags, CHILD, job], { stdio: ["ignore", "inherit", "inherit"] });
  const [code] = (await once(child, "close")) as [number | null];
  if (code !== 0) throw new Error(`memory-phases child exited with ${code}`);
} finally {
  await sim.close();
  if (values.snapshot === undefined) await rm(dir, { recursive: true, force: true });
  else process.stdout.write(`heap snapshot kept in ${dir}\n`);
}
