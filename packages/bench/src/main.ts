// `pnpm bench`: Roster against each vendor's simulator, the per-row baseline, the CSV engine and
// the Action's start-up. Prints one report and, on a full run, writes docs/benchmarks.md.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { availableParallelism, cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { benchActionStartup } from "./action-startup.ts";
import { benchCsvEngine } from "./csv-engine.ts";
import { renderDocument } from "./document.ts";
import {
  type BenchResults,
  baselineTable,
  otherTable,
  phaseTable,
  scenarioTable,
  verdicts,
  verdictTable,
} from "./report.ts";
import { type RunSettings, runScenario, type ScenarioRow } from "./run-scenario.ts";
import { SCENARIOS } from "./scenarios/org.ts";
import { BENCH_VENDORS, type BenchVendorId } from "./vendors.ts";

const DOC = fileURLToPath(new URL("../../../docs/benchmarks.md", import.meta.url));
const BASELINE_SCENARIO = "10k-1pct";

const { values } = parseArgs({
  options: {
    scenario: { type: "string", multiple: true },
    vendor: { type: "string", multiple: true },
    latency: { type: "string", default: "50" },
    quick: { type: "boolean", default: false },
    "adobe-time-scale": { type: "string", default: "60" },
    "baseline-rows": { type: "string" },
    write: { type: "boolean" },
    "skip-extras": { type: "boolean", default: false },
    // Runs of the Action start-up measurement (default 11, 3 with --quick).
    runs: { type: "string" },
  },
  allowPositionals: false,
});

const quick = values.quick === true;
const startupRuns = values.runs === undefined ? (quick ? 3 : 11) : Number(values.runs);
if (!Number.isInteger(startupRuns) || startupRuns < 1)
  throw new Error("--runs must be a whole number of runs, 1 or more");
const latencyMs = Number(values.latency);
const adobeTimeScale = Number(values["adobe-time-scale"]);
if (!Number.isFinite(latencyMs) || latencyMs < 0) throw new Error("--latency must be a number of ms");
if (!Number.isFinite(adobeTimeScale) || adobeTimeScale < 1) throw new Error("--adobe-time-scale must be >= 1");
const rowsFlag = values["baseline-rows"] === undefined ? undefined : Number(values["baseline-rows"]);
const baselineRows: Record<BenchVendorId, number> =
  rowsFlag !== undefined
    ? { sigma: rowsFlag, periscope: rowsFlag, adobe: rowsFlag }
    : quick
      ? { sigma: 100, periscope: 100, adobe: 20 }
      : { sigma: 500, periscope: 500, adobe: 100 };

const scenarios = SCENARIOS.filter(
  (s) => (values.scenario === undefined ? !quick || s.quick : values.scenario.includes(s.name)) && true,
);
const vendors = BENCH_VENDORS.filter((v) => values.vendor === undefined || values.vendor.includes(v));
if (scenarios.length === 0) throw new Error(`--scenario: choose from ${SCENARIOS.map((s) => s.name).join(", ")}`);
const filtered = values.scenario !== undefined || values.vendor !== undefined;
const write = values.write ?? (!quick && !filtered);

const dir = await mkdtemp(join(tmpdir(), "roster-bench-"));
const settings: RunSettings = { scale: quick ? 0.1 : 1, latencyMs, adobeTimeScale, dir, baselineRows };
const started = Date.now();
// The machine's load beside every figure: a loaded machine stretches wall times (1-min average).
const loadAtStart = loadavg()[0] ?? 0;
const rows: ScenarioRow[] = [];
let results: BenchResults;
try {
  for (const scenario of scenarios) {
    for (const vendor of vendors) {
      process.stderr.write(`${scenario.name} / ${vendor} ... `);
      const row = await runScenario(scenario, vendor, settings, scenario.name === BASELINE_SCENARIO);
      process.stderr.write(`${row.requests} requests, ${Math.round(row.wallMs)} ms\n`);
      rows.push(row);
    }
  }
  const extras = values["skip-extras"] !== true && !filtered;
  process.stderr.write(extras ? "CSV engine and Action start-up ...\n" : "");
  results = {
    rows,
    ...(extras && { csv: await benchCsvEngine(dir, quick ? 20_000 : 100_000, quick ? 3 : 5) }),
    ...(extras && { action: await benchActionStartup(dir, startupRuns) }),
  };
} finally {
  await rm(dir, { recursive: true, force: true });
}

const command = `pnpm bench${process.argv.slice(2).length > 0 ? ` -- ${process.argv.slice(2).join(" ")}` : ""}`;
const machine = `${availableParallelism()} CPUs (${cpus()[0]?.model ?? "unknown"}), Node ${process.version}, ${process.platform}, load ${loadAtStart.toFixed(1)} at start and ${(loadavg()[0] ?? 0).toFixed(1)} at end`;
const report = [
  scenarioTable(results.rows),
  phaseTable(results.rows),
  baselineTable(results.rows),
  otherTable(results),
  verdictTable(verdicts(results)),
]
  .filter((section) => section !== "")
  .join("\n\n");
process.stdout.write(
  `\n${report}\n\n${machine}; latency ${latencyMs} ms; took ${Math.round((Date.now() - started) / 1000)} s\n`,
);
if (write) {
  await writeFile(
    DOC,
    renderDocument(results, { command, machine, latencyMs, adobeTimeScale, baselineRows, date: new Date() }),
  );
  process.stdout.write(`wrote ${DOC}\n`);
}
