import { describe, expect, it } from "vitest";
import { ADOBE_RATE_LIMITS, formatRateLimits, parseRateLimits, predictApplyWallTimeMs } from "./rate-limits.js";

describe("rate limits", () => {
  it("parses and formats the ADOBE_RATE_LIMITS setting", () => {
    const limits = parseRateLimits("action=10/300ms, users=25/1m, groups=5/60s");
    expect(limits).toEqual({
      action: { limit: 10, windowMs: 300 },
      users: { limit: 25, windowMs: 60_000 },
      groups: { limit: 5, windowMs: 60_000 },
      global: ADOBE_RATE_LIMITS.global,
    });
    expect(limits === false ? "" : parseRateLimits(formatRateLimits(limits))).toEqual(limits);
    expect(parseRateLimits("off")).toBe(false);
    expect(() => parseRateLimits("actions=1/1s")).toThrow(expect.objectContaining({ setting: "ADOBE_RATE_LIMITS" }));
    expect(() => parseRateLimits("action=0/1s")).toThrow(/positive/);
  });

  it("predicts the wall time of an apply from the action window", () => {
    expect(predictApplyWallTimeMs(0)).toBe(0);
    expect(predictApplyWallTimeMs(10)).toBe(0);
    // The pacer keeps a 60 s window 2% + 5 ms wider: 61,205 ms.
    expect(predictApplyWallTimeMs(11)).toBe(60_250);
    // 5,000 new users = 500 requests of 10 entries: 49 paced waits, about 49 minutes.
    expect(predictApplyWallTimeMs(500)).toBe(49 * 60_250);
    expect(predictApplyWallTimeMs(500, ADOBE_RATE_LIMITS, 2000)).toBe(49 * 60_250 + 9 * 2000 + 2000);
    const fast = { ...ADOBE_RATE_LIMITS, action: { limit: 1000, windowMs: 60_000 } };
    expect(predictApplyWallTimeMs(250, fast)).toBe(2 * 60_250);
  });
});
