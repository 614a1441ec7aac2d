import type { Diagnostic } from "../diagnostics.js";
import type { ApplyResult, Change, Plan } from "../plan/types.js";
import { LINE_STRIDE } from "./multi-vendor.js";

/**
 * A plan made from several users files read as one (`LINE_STRIDE` lines), with every change and
 * diagnostic pointing at its own file and line again. The checksum is the engine's, untouched: it
 * leaves lines out, and the same files always give the same mapping.
 */
export function localisePlan(plan: Plan, files: readonly string[]): Plan {
  if (files.length <= 1) return plan;
  return {
    ...plan,
    changes: plan.changes.map((change) => localiseChange(change, files)),
    diagnostics: plan.diagnostics.map((d) => localiseDiagnostic(d, plan.file, files)),
  };
}

export function localiseApplyResult(result: ApplyResult, files: readonly string[]): ApplyResult {
  if (files.length <= 1) return result;
  return {
    ...result,
    plan: localisePlan(result.plan, files),
    results: result.results.map((entry) => ({ ...entry, change: localiseChange(entry.change, files) })),
  };
}

function split(line: number, files: readonly string[]): { file: string | undefined; line: number } {
  return { file: files[Math.floor(line / LINE_STRIDE)], line: line % LINE_STRIDE };
}

function localiseChange(change: Change, files: readonly string[]): Change {
  if (change.line === null || change.line === 0) return change;
  const where = split(change.line, files);
  return where.file === undefined ? change : { ...change, file: where.file, line: where.line };
}

function localiseDiagnostic(d: Diagnostic, label: string, files: readonly string[]): Diagnostic {
  if (d.file !== label || d.line === 0) return d;
  const where = split(d.line, files);
  return where.file === undefined ? d : { ...d, file: where.file, line: where.line };
}
