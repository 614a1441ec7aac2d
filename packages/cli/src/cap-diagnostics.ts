import { type Diagnostic, sortDiagnostics } from "@roster/core";

/**
 * How many problems a terminal lists before counting the rest: one row with 3,000 unknown groups
 * printed 3,000 lines (570 KB). `--verbose` and `--json` list every one.
 */
export const DIAGNOSTIC_CAPS = { perRow: 5, perCode: 20 } as const;

export interface CappedDiagnostics {
  /** In report order (worst first, then by position). */
  readonly shown: readonly Diagnostic[];
  /** One line per code with problems left out: how many, on how many lines. */
  readonly summary: readonly string[];
}

/** At most `perRow` problems per line of the file and `perCode` per code; the rest are counted by code. */
export function capDiagnostics(
  diagnostics: readonly Diagnostic[],
  caps: { readonly perRow: number; readonly perCode: number } = DIAGNOSTIC_CAPS,
): CappedDiagnostics {
  const perRow = new Map<string, number>();
  const perCode = new Map<string, number>();
  const omitted = new Map<string, { count: number; lines: Set<string> }>();
  const shown: Diagnostic[] = [];
  for (const diagnostic of sortDiagnostics(diagnostics)) {
    const row = `${diagnostic.file}\u0000${diagnostic.line}`;
    const inRow = perRow.get(row) ?? 0;
    const ofCode = perCode.get(diagnostic.code) ?? 0;
    // Problems about the whole file (line 0) are few and all different: never capped by row.
    if ((diagnostic.line !== 0 && inRow >= caps.perRow) || ofCode >= caps.perCode) {
      const left = omitted.get(diagnostic.code) ?? { count: 0, lines: new Set<string>() };
      left.count += 1;
      left.lines.add(row);
      omitted.set(diagnostic.code, left);
      continue;
    }
    perRow.set(row, inRow + 1);
    perCode.set(diagnostic.code, ofCode + 1);
    shown.push(diagnostic);
  }
  const summary = [...omitted].map(
    ([code, { count, lines }]) =>
      `… and ${count} more ${code} ${count === 1 ? "problem" : "problems"} on ${lines.size} ${lines.size === 1 ? "line" : "lines"} (--verbose lists them all)`,
  );
  return { shown, summary };
}
