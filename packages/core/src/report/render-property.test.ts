import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderPlanMarkdown } from "./render-markdown.js";
import { samplePlan } from "./sample-plan.js";

const runs = Number(process.env.FUZZ_RUNS ?? 100);
const nasty = fc.string({
  unit: fc.constantFrom(
    "<",
    ">",
    "|",
    "`",
    "@",
    "#",
    "1",
    "a",
    " ",
    "\n",
    "*",
    "_",
    "[",
    "]",
    "(",
    ")",
    "\\",
    "&",
    "$",
    "\u001b",
    "é",
  ),
});

describe("renderPlanMarkdown properties", () => {
  it("property: any name renders inside its table cell, with no HTML and no mention", () => {
    fc.assert(
      fc.property(nasty, nasty, (firstName, lastName) => {
        const plan = samplePlan({
          rows: [{ email: "x@example.com", firstName: `n${firstName}`, lastName: `n${lastName}` }],
        });
        const text = renderPlanMarkdown({ plan });
        const row = text.split("\n").find((line) => line.includes("| x@example.com |"));
        expect(row).toBeDefined();
        // | Line | User or group | Details |  -> 4 pipes, none from the data.
        expect(row?.match(/\|/g)).toHaveLength(4);
        expect(row).not.toMatch(/[<>`]/);
        expect(row).not.toContain(String.fromCharCode(0x1b));
        expect(row).not.toMatch(/(?<![A-Za-z0-9])@(?!\u200b)/);
        expect(row).not.toMatch(/(?<!&)#\d/);
      }),
      { numRuns: runs },
    );
  });

  it("property: the report never exceeds maxChars", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1_500, max: 8_000 }), fc.integer({ min: 0, max: 300 }), (maxChars, extra) => {
        const rows = Array.from({ length: extra }, (_, i) => ({ email: `u${i}@example.com`, firstName: "Name" }));
        const plan = samplePlan({ rows, policy: { absentUsers: "deactivate" } });
        expect(renderPlanMarkdown({ plan, maxChars, fullReportHint: "the job summary" }).length).toBeLessThanOrEqual(
          maxChars,
        );
      }),
      { numRuns: Math.min(runs, 200) },
    );
  });
});
