import { describe, expect, it } from "vitest";
import { planChecksum } from "../plan/checksum.js";
import { classifyChanges } from "../plan/classify.js";
import { countChanges } from "../plan/order.js";
import type { ApplyResult, Change, Plan } from "../plan/types.js";
import { renderPlanMarkdown } from "./render-markdown.js";
import { samplePlan } from "./sample-plan.js";

const csvUrl = (line: number) => `https://github.com/acme/people/blob/abc123/users.csv#L${line}`;

function applied(plan: Plan, fail: (change: Change) => string | undefined): ApplyResult {
  const results = plan.changes.map((change) => {
    const message = fail(change);
    return {
      change,
      outcome: message === undefined ? ({ status: "applied" } as const) : ({ status: "failed", message } as const),
    };
  });
  const failed = results.filter((r) => r.outcome.status === "failed").length;
  return { plan, results, counts: { applied: results.length - failed, failed, skipped: 0 }, durationMs: 12 };
}

describe("renderPlanMarkdown", () => {
  it("renders a dry run with counts, destructive changes first, details per kind and line links", () => {
    const text = renderPlanMarkdown({ plan: samplePlan(), csvUrl, heading: "Roster plan · sigma" });
    expect(text.split("\n")[0]).toMatch(/^🟡 \*\*DRY RUN — nothing was changed\.\*\*/);
    expect(text.indexOf("Destructive changes")).toBeLessThan(text.indexOf("<details>"));
    expect(text).toContain("[line 3](https://github.com/acme/people/blob/abc123/users.csv#L3)");
    expect(text).toMatchSnapshot();
  });

  it("marks origins when given", () => {
    const plan = samplePlan();
    const base = samplePlan({ rows: [{ email: "bob@example.com", role: "Viewer", groups: ["Sales"] }] });
    const text = renderPlanMarkdown({ plan, origins: classifyChanges(plan, base) });
    expect(text).toContain("⏳ already pending");
    expect(text).toContain("🆕 introduced by this PR");
    expect(text).toMatchSnapshot();
  });

  it("renders an apply report with per-change outcomes", () => {
    const plan = samplePlan();
    const result = applied(plan, (change) =>
      change.kind === "create-group" && change.group === "Ghosts" ? "Team name already taken <b>" : undefined,
    );
    const text = renderPlanMarkdown({ plan, result });
    expect(text.split("\n")[0]).toMatch(/^❌ \*\*Failed: 1 of \d+ changes failed\*\*/);
    expect(text).toContain("❌ failed: Team name already taken &lt;b&gt;");
    expect(text.indexOf("#### ❌ Failed changes (1)")).toBeGreaterThan(0);
    expect(text.indexOf("#### ❌ Failed changes (1)")).toBeLessThan(text.indexOf("Destructive changes"));
    expect(text).toMatchSnapshot();
    expect(renderPlanMarkdown({ plan, result: applied(plan, () => undefined) }).split("\n")[0]).toMatch(
      /^✅ \*\*Applied: \d+ changes\*\*/,
    );
  });

  it("names the exact acknowledgement for an unsafe plan, and shows an invalid file's problems with lines", () => {
    const unsafe = samplePlan({ policy: { absentUsers: "deactivate", removalThreshold: { percent: 0, floor: 0 } } });
    expect(unsafe.safety.unsafe).toBe(true);
    expect(renderPlanMarkdown({ plan: unsafe }).split("\n")[0]).toContain(
      `acknowledge it with \`allow-removals: ${unsafe.safety.destructive}@`,
    );
    const invalid = samplePlan({ policy: { createMissingGroups: false } });
    const text = renderPlanMarkdown({ plan: invalid, csvUrl });
    expect(text.split("\n")[0]).toMatch(
      /^❌ \*\*Invalid users\.csv — nothing was changed\.\*\* 2 errors must be fixed/,
    );
    expect(text).toContain(
      "- ❌ **error** · [line 6, column 6](https://github.com/acme/people/blob/abc123/users.csv#L6) · Unknown group",
    );
  });

  it("escapes names from the CSV or a vendor: no HTML, no broken table, no mention, no reference", () => {
    const plan = samplePlan({
      rows: [
        {
          email: "x@example.com",
          firstName: "<img src=x> | @octocat",
          lastName: "#123 `code` *bold* [l](http://e.vil) $x$",
        },
      ],
    });
    const text = renderPlanMarkdown({ plan });
    const row = text.split("\n").find((line) => line.includes("x@example.com")) ?? "";
    expect(row).toContain("&lt;img src=x&gt; &#124; @\u200boctocat");
    expect(row).toContain("#\u200b123 &#96;code&#96; &#42;bold&#42; &#91;l&#93;(http&#58;//e.vil) &#36;x&#36;");
    expect(row).not.toMatch(/<img|@octocat|#123|`/);
    // The table row still has exactly its columns: | Line | User or group | Details |
    expect(row.split("|").length - 2).toBe(3);
    expect(text).toContain("x@example.com");
  });

  it("stays under maxChars with 50,000 changes, keeping every destructive change and saying what was left out", () => {
    const changes: Change[] = Array.from(
      { length: 50_000 },
      (_, i): Change =>
        i % 10_000 === 0
          ? { kind: "delete-user", email: `gone${i}@example.com`, line: null, userId: `d${i}` }
          : {
              kind: "create-user",
              email: `user${i}@example.com`,
              line: i + 2,
              user: {
                email: `user${i}@example.com`,
                emailAsWritten: `user${i}@example.com`,
                groups: ["Sales"],
                attributes: {},
                status: "active",
              },
            },
    );
    const base = samplePlan({ rows: [] });
    const plan: Plan = {
      ...base,
      changes,
      counts: countChanges(changes, { unmanaged: 0, unchanged: 0 }),
      checksum: planChecksum({ version: 1, vendor: "sigma", changes }),
    };
    const text = renderPlanMarkdown({ plan, fullReportHint: "the job summary", csvUrl });
    expect(text.length).toBeLessThanOrEqual(60_000);
    for (let i = 0; i < 50_000; i += 10_000) expect(text).toContain(`gone${i}@example.com`);
    const shown = (text.match(/^\| \[line \d+\]/gm) ?? []).length;
    expect(text).toContain(`${(changes.length - 5 - shown).toLocaleString("en-US")} lines were left out`);
    expect(text).toContain("The full plan is in the job summary.");
    expect(text).toContain("| **Total** | **50000** |");
  });

  it("links the full report when given its URL, escaping the URL", () => {
    const changes: Change[] = Array.from(
      { length: 3000 },
      (_, i): Change => ({ kind: "delete-user", email: `gone${i}@example.com`, line: null, userId: `d${i}` }),
    );
    const base = samplePlan({ rows: [] });
    const plan: Plan = { ...base, changes, counts: countChanges(changes, { unmanaged: 0, unchanged: 0 }) };
    const text = renderPlanMarkdown({
      plan,
      fullReportHint: "the roster-plan artifact",
      fullReportUrl: "https://github.com/o/r/actions/runs/1/artifacts/2?a=(b)",
      maxChars: 20_000,
    });
    expect(text).toContain(
      "The full plan is in [the roster-plan artifact](https://github.com/o/r/actions/runs/1/artifacts/2?a=%28b%29).",
    );
  });

  it("cuts even destructive changes when they alone overflow, and says how many", () => {
    const changes: Change[] = Array.from(
      { length: 5_000 },
      (_, i): Change => ({ kind: "deactivate-user", email: `u${i}@example.com`, line: null, userId: `${i}` }),
    );
    const base = samplePlan({ rows: [] });
    const plan: Plan = { ...base, changes, counts: countChanges(changes, { unmanaged: 0, unchanged: 0 }) };
    const text = renderPlanMarkdown({ plan, maxChars: 10_000 });
    expect(text.length).toBeLessThanOrEqual(10_000);
    const shown = (text.match(/^\| — \| Deactivate user/gm) ?? []).length;
    expect(shown).toBeGreaterThan(0);
    expect(text).toContain(`_… ${(5_000 - shown).toLocaleString("en-US")} more not shown._`);
  });
});

describe("renderPlanMarkdown with long values", () => {
  it("cuts a long cell, never a row: every change stays listed", () => {
    const plan = samplePlan({
      rows: [
        { email: "long@example.com", firstName: "L".repeat(100_000), role: "Viewer" },
        { email: "short@example.com", firstName: "S", role: "Viewer" },
      ],
    });
    const text = renderPlanMarkdown({ plan, maxChars: 20_000 });
    expect(text).toContain("characters cut");
    expect(text).not.toContain("L".repeat(1_000));
    expect(text).toContain("long@example.com");
    expect(text).toContain("short@example.com");
    expect(text).not.toContain("left out");
  });
});
