import type { Diagnostic } from "@roster/core";
import { describe, expect, it } from "vitest";
import { type AnnotationSink, annotateDiagnostics } from "./annotations.js";

const diag = (severity: Diagnostic["severity"], line: number, column?: number): Diagnostic => ({
  severity,
  code: "ROW_INVALID_EMAIL",
  message: `problem on ${line}`,
  file: "users.csv",
  line,
  ...(column === undefined ? {} : { column }),
});

function recordingSink() {
  const calls: { level: string; message: string; line?: number | undefined; column?: number | undefined }[] = [];
  const sink: AnnotationSink = {
    error: (message, p) => calls.push({ level: "error", message, line: p.startLine, column: p.startColumn }),
    warning: (message, p) => calls.push({ level: "warning", message, line: p.startLine }),
    notice: (message, p) => calls.push({ level: "notice", message, line: p?.startLine }),
  };
  return { calls, sink };
}

describe("annotateDiagnostics", () => {
  it("annotates each problem on its line and column", () => {
    const { calls, sink } = recordingSink();
    expect(annotateDiagnostics([diag("warning", 9), diag("error", 4, 2)], sink)).toBe(0);
    expect(calls).toEqual([
      { level: "error", message: "problem on 4 (ROW_INVALID_EMAIL)", line: 4, column: 2 },
      { level: "warning", message: "problem on 9 (ROW_INVALID_EMAIL)", line: 9 },
    ]);
  });

  it("keeps the first 10 errors by line and adds one notice counting the rest", () => {
    const { calls, sink } = recordingSink();
    const many = Array.from({ length: 25 }, (_, i) => diag("error", 30 - i));
    expect(annotateDiagnostics(many, sink)).toBe(15);
    const errors = calls.filter((c) => c.level === "error");
    expect(errors.map((c) => c.line)).toEqual([6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
    expect(calls.at(-1)).toMatchObject({ level: "notice", message: expect.stringContaining("15 more problems") });
  });
});
