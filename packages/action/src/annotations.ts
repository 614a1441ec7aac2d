import * as core from "@actions/core";
import type { Diagnostic, Severity } from "@roster/core";
import { renderDiagnosticLine, sortDiagnostics } from "@roster/core";

/**
 * GitHub shows at most 10 annotations of each level per step and silently drops the rest
 * (docs/plan-in-pr.md#annotations; https://github.com/actions/toolkit/blob/main/docs/problem-matchers.md#limitations). We emit the
 * worst first and, when anything is left out, one notice saying how many and where to look.
 */
export const ANNOTATIONS_PER_LEVEL = 10;

export interface AnnotationSink {
  error(message: string, properties: core.AnnotationProperties): void;
  warning(message: string, properties: core.AnnotationProperties): void;
  notice(message: string, properties?: core.AnnotationProperties): void;
}

const toolkitSink: AnnotationSink = {
  error: (message, properties) => core.error(message, properties),
  warning: (message, properties) => core.warning(message, properties),
  notice: (message, properties) => core.notice(message, properties),
};

function propertiesOf(d: Diagnostic): core.AnnotationProperties {
  // No `title`: it would come first (`::error title=…,file=…`) and GitHub shows the code anyway.
  if (d.line === 0) return { file: d.file };
  return d.column === undefined
    ? { file: d.file, startLine: d.line }
    : { file: d.file, startLine: d.line, startColumn: d.column };
}

/** Annotates diagnostics on their users.csv lines. Returns how many were left out. */
export function annotateDiagnostics(diagnostics: readonly Diagnostic[], sink: AnnotationSink = toolkitSink): number {
  const used: Record<Severity, number> = { error: 0, warning: 0, notice: 0 };
  // One notice slot is kept for the "N more" line.
  const caps: Record<Severity, number> = {
    error: ANNOTATIONS_PER_LEVEL,
    warning: ANNOTATIONS_PER_LEVEL,
    notice: ANNOTATIONS_PER_LEVEL - 1,
  };
  let omitted = 0;
  for (const d of sortDiagnostics(diagnostics)) {
    if (used[d.severity] >= caps[d.severity]) {
      omitted += 1;
      continue;
    }
    used[d.severity] += 1;
    // Rendered by core: one line, cut, control characters shown (a message quotes a users.csv cell).
    sink[d.severity](renderDiagnosticLine(d), propertiesOf(d));
  }
  if (omitted > 0) {
    sink.notice(
      `${omitted} more problem${omitted === 1 ? "" : "s"} not annotated (GitHub shows 10 per level); the job summary lists them all.`,
    );
  }
  return omitted;
}
