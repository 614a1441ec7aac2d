import { describe, expect, it } from "vitest";
import { fitSummary } from "./summary.js";

describe("fitSummary", () => {
  it("keeps a small report whole", () => {
    expect(fitSummary(["# a", "b"])).toBe("# a\n\nb");
  });

  it("cuts a large report on a line boundary under the byte budget and says so", () => {
    const row = "| ü@example.com | create |\n";
    const text = fitSummary([row.repeat(10_000)], 5_000);
    expect(Buffer.byteLength(text, "utf8")).toBeLessThanOrEqual(5_000);
    expect(text).toContain("1 MiB job summary limit");
    expect(
      text
        .split("\n")
        .filter((line) => line.startsWith("| "))
        .every((line) => line === row.trim()),
    ).toBe(true);
  });
});
