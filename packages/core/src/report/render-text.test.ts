import { describe, expect, it } from "vitest";
import type { ApplyResult } from "../plan/types.js";
import { renderApplyJson, renderPlanJson } from "./render-json.js";
import { renderDiagnosticsText, renderPlanText } from "./render-text.js";
import { samplePlan } from "./sample-plan.js";

describe("renderPlanText", () => {
  it("groups changes by kind with users.csv:LINE, flags destructive ones and ends with a summary", () => {
    const text = renderPlanText(samplePlan());
    const lines = text.split("\n");
    expect(lines[0]).toBe("DRY RUN: nothing was changed (sigma, users.csv)");
    expect(text).toContain('Update user (1)\n  − users.csv:3  bob@example.com  role: "Admin" → "Viewer" (downgrade)');
    expect(text).toContain("  − (policy)  old@example.com  − Sales (absent from the file)");
    expect(lines.at(-1)).toMatch(
      /^Summary: 11 changes \(2 create group, .*\), 3 destructive \(limit 4\); 0 unchanged, 0 not in users\.csv; checksum [0-9a-f]{12}\.$/,
    );
    expect(text).toMatchSnapshot();
  });

  it("marks + creates, ~ updates, − destructive changes, and styles each line by its tone", () => {
    const styled = renderPlanText(samplePlan(), undefined, { style: (tone, text) => `<${tone}>${text}` });
    expect(styled).toContain("<create>  + ");
    expect(styled).toContain("<update>  ~ ");
    expect(styled).toContain("<destructive>  − users.csv:3  bob@example.com");
    expect(styled.split("\n")[0]).toBe("<heading>DRY RUN: nothing was changed (sigma, users.csv)");
  });

  it("heads a plan shown before applying it PLAN, not DRY RUN", () => {
    const text = renderPlanText(samplePlan(), undefined, { preview: true });
    expect(text.split("\n")[0]).toBe("PLAN: 11 changes to apply (sigma, users.csv)");
  });

  it("shows outcomes after an apply", () => {
    const plan = samplePlan();
    const result: ApplyResult = {
      plan,
      results: plan.changes.map((change, i) => ({
        change,
        outcome: i === 0 ? { status: "failed", message: "nope", code: "409" } : { status: "applied" },
      })),
      counts: { applied: plan.changes.length - 1, failed: 1, skipped: 0 },
      durationMs: 5,
    };
    const text = renderPlanText(plan, result);
    expect(text.split("\n")[0]).toBe(`FAILED: 1 of ${plan.changes.length} changes failed (sigma, users.csv)`);
    expect(text).toContain("[failed: nope (409)]");
    expect(text.split("\n").at(-1)).toContain(`; ${plan.changes.length - 1} applied, 1 failed, 0 skipped;`);
  });

  it("neutralises terminal escape sequences from the data", () => {
    const text = renderPlanText(samplePlan({ rows: [{ email: "a@example.com", firstName: "\u001b]0;pwned\u0007" }] }));
    expect(text).not.toContain("\u001b");
    expect(text).toContain("\\x1b]0;pwned\\x07");
  });
});

describe("renderDiagnosticsText", () => {
  it("prints file:line:column, severity, message and code", () => {
    expect(
      renderDiagnosticsText([
        {
          severity: "error",
          code: "PLAN_UNKNOWN_ROLE",
          message: "Unknown role",
          file: "users.csv",
          line: 4,
          column: 3,
        },
        { severity: "warning", code: "PLAN_UNSUPPORTED", message: "Ignored", file: "users.csv", line: 0 },
      ]),
    ).toBe("users.csv:4:3: error: Unknown role [PLAN_UNKNOWN_ROLE]\nusers.csv: warning: Ignored [PLAN_UNSUPPORTED]");
  });
});

describe("renderPlanJson / renderApplyJson", () => {
  it("is stable: sorted keys, parseable, equal to the plan", () => {
    const plan = samplePlan();
    const json = renderPlanJson(plan);
    expect(JSON.parse(json)).toEqual(plan);
    expect(json).toBe(renderPlanJson(JSON.parse(json)));
    expect(Object.keys(JSON.parse(json))).toEqual([
      "changes",
      "checksum",
      "counts",
      "diagnostics",
      "file",
      "safety",
      "vendor",
      "version",
    ]);
  });

  it("renders an apply result with its plan and counts", () => {
    const plan = samplePlan();
    const result: ApplyResult = { plan, results: [], counts: { applied: 0, failed: 0, skipped: 0 }, durationMs: 1 };
    expect(Object.keys(JSON.parse(renderApplyJson(result)))).toEqual(["counts", "durationMs", "plan", "results"]);
  });
});
