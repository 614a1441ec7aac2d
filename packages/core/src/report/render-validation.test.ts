import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../diagnostics.js";
import { renderValidationMarkdown } from "./render-validation.js";

/** A users.csv cell built to break out of a report: it must render as its characters, nothing more. */
const HOSTILE_CELL = "a` @acme/admins <img src=x> [Approve](https://evil.example) `b </details></table><h1>x";

const problem = (line: number, message: string): Diagnostic => ({
  severity: "error",
  code: "ROW_INVALID_EMAIL",
  file: "users.csv",
  line,
  column: 1,
  message,
});

describe("renderValidationMarkdown", () => {
  it("renders a hostile cell inert: no mention, image, link, HTML or broken list", () => {
    const text = renderValidationMarkdown({
      vendor: "sigma",
      file: "users.csv",
      users: 0,
      diagnostics: [problem(2, `\`${HOSTILE_CELL}\` is not a valid email: missing @`), problem(3, "second")],
    });
    expect(text).not.toMatch(/<(img|h1|\/details|\/table)/i);
    expect(text).not.toMatch(/(?<![A-Za-z0-9])@acme/);
    expect(text).not.toMatch(/\]\(https?:\/\/evil/);
    expect(text).not.toContain("https://evil");
    expect(text).not.toContain("`b");
    expect(text.split("\n").filter((l) => l.startsWith("- ❌"))).toHaveLength(2);
  });

  it("names a roster.yml run's vendors, and links a problem in another file to that file", () => {
    const text = renderValidationMarkdown({
      vendor: ["sigma", "adobe"],
      file: "users.csv",
      users: 0,
      diagnostics: [problem(2, "bad"), { ...problem(6, "unknown key"), file: "roster.yml" }],
      csvUrl: (line, file) => `https://x.test/${file ?? "users.csv"}#L${line}`,
    });
    expect(text).toContain("**No vendor was read (sigma, adobe)**: users.csv has problems to fix first.");
    expect(text).toContain("[line 2, column 1](https://x.test/users.csv#L2)");
    expect(text).toContain("[roster.yml line 6, column 1](https://x.test/roster.yml#L6)");
  });

  it("cuts a huge cell and still lists every other problem", () => {
    const diagnostics = [problem(2, `\`${"x".repeat(5_000_000)}\` is not a valid email`), problem(3, "second")];
    const text = renderValidationMarkdown({ vendor: "sigma", file: "users.csv", users: 0, diagnostics });
    expect(text.length).toBeLessThan(2_000);
    expect(text).toContain("characters cut");
    expect(text).toContain("second");
  });

  it("says how many problems a size budget left out", () => {
    const diagnostics = Array.from({ length: 500 }, (_, i) => problem(i + 2, `row ${i} is wrong`));
    const text = renderValidationMarkdown({
      vendor: "sigma",
      file: "users.csv",
      users: 0,
      diagnostics,
      maxChars: 5_000,
      fullReportHint: "the job summary",
    });
    expect(text.length).toBeLessThanOrEqual(5_000);
    expect(text).toMatch(
      /\d+ problems left out\. The counts above are complete\. The full list is in the job summary\./,
    );
  });
});
