// Benchmark: Roster's users.csv engine against bare csv-parse on the same 100,000-row file.
// Build first (`pnpm --filter @roster/core build`), then: `node bench/csv-engine.ts [rows]`.
// Each engine runs in its own child process so each peak RSS is its own.
import { spawnSync } from "node:child_process";
import { createReadStream } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse";

const RUNS = 5;
const self = fileURLToPath(import.meta.url);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function usersCsv(rows: number): string {
  const roles = ["Viewer", "Creator", "Admin"];
  const teams = ["Sales", "Ops", "Finance; Ops", "Eng", ""];
  const lines = ["email,first_name,last_name,role,groups,status,attr:Region"];
  for (let i = 0; i < rows; i++) {
    const region = i % 7 === 0 ? '"Nord, Süd"' : i % 3 === 0 ? "-" : "EU";
    const last = i % 11 === 0 ? `"O""Brien ${i}"` : `Lee${i}`;
    lines.push(
      `user${i}@Example.com,Ann${i},${last},${roles[i % 3]},${teams[i % 5]},${i % 13 === 0 ? "deactivated" : "active"},${region}`,
    );
  }
  return `${lines.join("\n")}\n`;
}

async function bare(path: string): Promise<number> {
  let count = 0;
  const parser = createReadStream(path).pipe(parse({ columns: true }));
  for await (const _ of parser) count++;
  return count;
}

async function roster(path: string): Promise<number> {
  const { readUsersCsvFile } = await import("../dist/csv/index.js");
  const state = await readUsersCsvFile(path);
  if (state.diagnostics.length > 0) throw new Error(`unexpected diagnostics: ${state.diagnostics[0]?.message}`);
  return state.users.length;
}

/** One timed read in a fresh process (after a small warm-up file), with its own peak RSS. */
async function child(mode: string, path: string, warmUp: string): Promise<void> {
  const run = mode === "bare" ? bare : roster;
  await run(warmUp);
  const start = performance.now();
  const rows = await run(path);
  const ms = performance.now() - start;
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ rows, ms, peakRssMb }));
}

interface Sample {
  readonly rows: number;
  readonly ms: number;
  readonly peakRssMb: number;
}

async function main(): Promise<void> {
  const [mode, path, warmUp] = process.argv.slice(2);
  if ((mode === "bare" || mode === "roster") && path !== undefined && warmUp !== undefined) {
    return child(mode, path, warmUp);
  }
  const rows = Number(mode ?? 100_000);
  const dir = await mkdtemp(join(tmpdir(), "roster-bench-"));
  try {
    const file = join(dir, "users.csv");
    const content = usersCsv(rows);
    await writeFile(file, content);
    const small = join(dir, "warm-up.csv");
    await writeFile(small, usersCsv(2_000));
    console.log(`users.csv: ${rows} rows, ${(Buffer.byteLength(content) / 1e6).toFixed(1)} MB; ${RUNS} runs each`);
    const samples: Record<string, Sample[]> = { bare: [], roster: [] };
    // Interleaved, so a busy machine slows both engines alike.
    for (let i = 0; i < RUNS; i++) {
      for (const engine of ["bare", "roster"]) {
        const out = spawnSync(process.execPath, [self, engine, file, small], { encoding: "utf8" });
        if (out.status !== 0) throw new Error(`${engine} failed: ${out.stderr}`);
        samples[engine]?.push(JSON.parse(out.stdout) as Sample);
      }
    }
    const summary = (list: Sample[] = []) => ({
      median: median(list.map((s) => s.ms)),
      times: list.map((s) => s.ms.toFixed(0)).join("/"),
      peakRssMb: Math.max(...list.map((s) => s.peakRssMb)),
      rows: list[0]?.rows ?? 0,
    });
    const b = summary(samples.bare);
    const r = summary(samples.roster);
    for (const [name, x] of [
      ["csv-parse (columns: true)", b],
      ["readUsersCsvFile", r],
    ] as const) {
      console.log(
        `${name.padEnd(26)} median ${x.median.toFixed(0).padStart(5)} ms  runs ${x.times}  peak RSS ${x.peakRssMb.toFixed(0)} MB  rows ${x.rows}`,
      );
    }
    console.log(`ratio readUsersCsvFile / csv-parse: ${(r.median / b.median).toFixed(2)}x (target <= 2x)`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
