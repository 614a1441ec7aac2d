import type { ActionStartupResult } from "./action-startup.ts";
import type { CsvEngineResult } from "./csv-engine.ts";
import type { ScenarioRow } from "./run-scenario.ts";

export interface BenchResults {
  readonly rows: readonly ScenarioRow[];
  readonly csv?: CsvEngineResult;
  readonly action?: ActionStartupResult | undefined;
}

export interface Targets {
  readonly floorRatio: number;
  readonly requestRatio: number;
  readonly wallRatio: number;
  readonly planMemoryMb: number;
  readonly csvRatio: number;
  readonly actionStartMs: number;
}

export const TARGETS: Targets = {
  floorRatio: 1.3,
  requestRatio: 50,
  wallRatio: 20,
  planMemoryMb: 200,
  csvRatio: 2,
  actionStartMs: 300,
};

const int = (n: number) => Math.round(n).toLocaleString("en-US");

export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 120_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  if (ms < 7_200_000) return `${(ms / 60_000).toFixed(1)} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const align = header.map((_, i) => (i < 2 ? "---" : "---:"));
  return [header, align, ...rows].map((cells) => `| ${cells.join(" | ")} |`).join("\n");
}

export function scenarioTable(rows: readonly ScenarioRow[]): string {
  return table(
    ["scenario", "vendor", "users", "changes", "requests", "minimum", "wall time", "floor", "wall / floor", "peak RSS"],
    rows.map((r) => [
      r.scenario,
      r.vendor,
      int(r.users),
      int(r.changes),
      r.throttled > 0 ? `${int(r.requests)} (${int(r.throttled)} × 429)` : int(r.requests),
      int(r.minimum),
      formatMs(r.wallMs),
      formatMs(r.floorMs),
      `${(r.wallMs / r.floorMs).toFixed(2)}×`,
      `${int(r.peakRssMb)} MB`,
    ]),
  );
}

export function phaseTable(rows: readonly ScenarioRow[]): string {
  return table(
    ["scenario", "vendor", "read CSV", "read vendor + plan", "apply", "Adobe floor at real limits"],
    rows.map((r) => [
      r.scenario,
      r.vendor,
      formatMs(r.worker.csvMs),
      formatMs(r.worker.planMs),
      formatMs(r.worker.applyMs),
      r.realFloorMs === undefined ? "" : formatMs(r.realFloorMs),
    ]),
  );
}

export function baselineTable(rows: readonly ScenarioRow[]): string {
  if (rows.every((r) => r.baseline === undefined)) return "";
  return table(
    ["scenario", "vendor", "baseline requests", "Roster", "fewer", "baseline wall time", "Roster", "less"],
    rows.flatMap((r) =>
      r.baseline === undefined
        ? []
        : [
            [
              r.scenario,
              r.vendor,
              `${int(r.baseline.requests)}${r.baseline.extrapolated ? "*" : ""}`,
              int(r.requests),
              `${(r.baseline.requests / r.requests).toFixed(0)}×`,
              `${formatMs(r.baseline.wallMs)}${r.baseline.extrapolated ? "*" : ""}`,
              formatMs(r.wallMs),
              `${(r.baseline.wallMs / r.wallMs).toFixed(0)}×`,
            ],
          ],
    ),
  );
}

export function otherTable(results: BenchResults): string {
  const lines: string[][] = [];
  const { csv, action } = results;
  if (csv !== undefined) {
    lines.push([
      `CSV engine: readUsersCsvFile vs bare csv-parse (columns: true), ${int(csv.rows)} rows, ${csv.megabytes.toFixed(1)} MB, median of ${csv.runs}`,
      `${formatMs(csv.rosterMs)} vs ${formatMs(csv.bareMs)} = ${(csv.rosterMs / csv.bareMs).toFixed(2)}× (peak RSS ${int(csv.rosterRssMb)} vs ${int(csv.bareRssMb)} MB)`,
    ]);
  }
  if (action !== undefined) {
    lines.push([
      `Action bundle (${int(action.bundleBytes / 1024)} KiB): spawn → first vendor request, median of ${action.runs}`,
      `${formatMs(action.firstRequestMs)} (runs ${action.firstRequestRuns.join(", ")} ms; whole dry run ${formatMs(action.wholeRunMs)})`,
    ]);
  }
  return lines.length === 0 ? "" : table(["measure", "result"], lines);
}

export interface Verdict {
  readonly target: string;
  readonly measured: string;
  readonly met: boolean;
}

export function verdicts(results: BenchResults, targets: Targets = TARGETS): Verdict[] {
  const out: Verdict[] = [];
  const { rows } = results;
  if (rows.length > 0) {
    const over = rows.filter((r) => r.requests !== r.minimum);
    out.push({
      target: "requests used equal to the minimum (every row)",
      measured:
        over.length === 0
          ? `${rows.length}/${rows.length} rows equal`
          : over.map((r) => `${r.scenario}/${r.vendor} ${r.requests} vs ${r.minimum}`).join("; "),
      met: over.length === 0,
    });
    const worst = [...rows].sort((a, b) => b.wallMs / b.floorMs - a.wallMs / a.floorMs)[0];
    if (worst !== undefined) {
      const ratio = worst.wallMs / worst.floorMs;
      out.push({
        target: `wall time within ${targets.floorRatio}× the latency/rate-limit floor (every row)`,
        measured: `worst ${ratio.toFixed(2)}× (${worst.scenario}/${worst.vendor})`,
        met: ratio <= targets.floorRatio,
      });
    }
  }
  for (const r of rows) {
    if (r.baseline === undefined) continue;
    const fewer = r.baseline.requests / r.requests;
    const less = r.baseline.wallMs / r.wallMs;
    out.push({
      target: `${r.scenario}/${r.vendor}: ≥${targets.requestRatio}× fewer requests and ≥${targets.wallRatio}× less wall time than the per-row baseline`,
      measured: `${fewer.toFixed(0)}× fewer requests, ${less.toFixed(0)}× less wall time`,
      met: fewer >= targets.requestRatio && less >= targets.wallRatio,
    });
  }
  const big = rows.filter((r) => r.scenario === "100k-1pct" && r.planPeakRssMb !== undefined);
  if (big.length > 0) {
    const plan = Math.max(...big.map((r) => r.planPeakRssMb ?? 0));
    const apply = Math.max(...big.map((r) => r.peakRssMb));
    out.push({
      target: `planning 100,000 users under ${targets.planMemoryMb} MB peak memory`,
      measured: `plan: ${int(plan)} MB peak RSS (worst vendor, median of ${big[0]?.planPeakRssRuns?.length ?? 1} runs; ${big.map((r) => `${r.vendor} ${int(r.planPeakRssMb ?? 0)} (${(r.planPeakRssRuns ?? []).map(int).join("/")})`).join(", ")}); plan + apply: ${int(apply)} MB`,
      met: plan < targets.planMemoryMb,
    });
  }
  if (results.csv !== undefined) {
    const ratio = results.csv.rosterMs / results.csv.bareMs;
    out.push({
      target: `CSV engine at most ${targets.csvRatio}× bare csv-parse`,
      measured: `${ratio.toFixed(2)}×`,
      met: ratio <= targets.csvRatio,
    });
  }
  if (results.action !== undefined) {
    out.push({
      target: `Action bundle start → first vendor request under ${targets.actionStartMs} ms`,
      measured: `${int(results.action.firstRequestMs)} ms (median)`,
      met: results.action.firstRequestMs < targets.actionStartMs,
    });
  }
  return out;
}

export function verdictTable(list: readonly Verdict[]): string {
  return table(
    ["target", "measured", "met"],
    list.map((v) => [v.target, v.measured, v.met ? "yes" : "**no**"]),
  );
}
