// Roster's users.csv engine against bare csv-parse on the same file. Each timed read runs in a
// fresh child process (after a small warm-up read), so each peak RSS is its own; the two engines
// are interleaved so a busy machine slows both alike. Child mode: node src/csv-engine.ts <engine> <file> <warm-up>.
import { spawnSync } from "node:child_process";
import { createReadStream } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readUsersCsvFile } from "@roster/core";
import { parse } from "csv-parse";

const self = fileURLToPath(import.meta.url);

/** A file that exercises the engine: aliases, quotes, `;` lists, statuses, an attribute column. */
export function engineCsv(rows: number): string {
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
  const state = await readUsersCsvFile(path);
  if (state.diagnostics.length > 0) throw new Error(`unexpected diagnostics: ${state.diagnostics[0]?.message}`);
  return state.users.length;
}

interface Sample {
  readonly rows: number;
  readonly ms: number;
  readonly peakRssMb: number;
}

export interface CsvEngineResult {
  readonly rows: number;
  readonly megabytes: number;
  readonly runs: number;
  readonly bareMs: number;
  readonly rosterMs: number;
  readonly bareRssMb: number;
  readonly rosterRssMb: number;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

export async function benchCsvEngine(dir: string, rows: number, runs: number): Promise<CsvEngineResult> {
  const file = join(dir, "engine.csv");
  const content = engineCsv(rows);
  await writeFile(file, content);
  const warmUp = join(dir, "engine-warm-up.csv");
  await writeFile(warmUp, engineCsv(2_000));
  const samples: Record<"bare" | "roster", Sample[]> = { bare: [], roster: [] };
  for (let i = 0; i < runs; i++) {
    for (const engine of ["bare", "roster"] as const) {
      const out = spawnSync(process.execPath, [self, engine, file, warmUp], { encoding: "utf8" });
      if (out.status !== 0) throw new Error(`${engine} failed: ${out.stderr}`);
      samples[engine].push(JSON.parse(out.stdout) as Sample);
    }
  }
  for (const sample of [...samples.bare, ...samples.roster]) {
    if (sample.rows !== rows) throw new Error(`an engine read ${sample.rows} rows, expected ${rows}`);
  }
  return {
    rows,
    megabytes: Buffer.byteLength(content) / 1e6,
    runs,
    bareMs: median(samples.bare.map((s) => s.ms)),
    rosterMs: median(samples.roster.map((s) => s.ms)),
    bareRssMb: Math.max(...samples.bare.map((s) => s.peakRssMb)),
    rosterRssMb: Math.max(...samples.roster.map((s) => s.peakRssMb)),
  };
}

async function child(engine: string, path: string, warmUp: string): Promise<void> {
  const read = engine === "bare" ? bare : roster;
  await read(warmUp);
  const start = performance.now();
  const rows = await read(path);
  const ms = performance.now() - start;
  process.stdout.write(JSON.stringify({ rows, ms, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
}

if (process.argv[1] === self) {
  const [engine, path, warmUp] = process.argv.slice(2);
  if (engine === undefined || path === undefined || warmUp === undefined) {
    throw new Error("usage: node src/csv-engine.ts bare|roster <file> <warm-up>");
  }
  await child(engine, path, warmUp);
}
