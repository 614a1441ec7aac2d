import { defaultPolicy } from "@roster/core";
import { describe, expect, it } from "vitest";
import { acknowledgementFlag, parseCount, parsePercent, policyFromFlags } from "./options.js";

function settingOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return (error as { code?: string; setting?: string }).code === "CONFIG_INVALID"
      ? (error as { setting: string }).setting
      : "not a ConfigError";
  }
  return undefined;
}

describe("policyFromFlags", () => {
  it("keeps the safe defaults when no flag is given", () => {
    expect(policyFromFlags({})).toEqual(defaultPolicy);
    expect(policyFromFlags({})).not.toHaveProperty("allowRemovals");
  });

  it("maps every policy flag onto the Policy", () => {
    const policy = policyFromFlags({
      absentUsers: "deactivate",
      groupScope: "exact",
      createGroups: true,
      protect: ["ceo@acme.example", "cfo@acme.example"],
      allowRemovals: "37",
      removalThreshold: "25%",
    });
    expect(policy).toEqual({
      absentUsers: "deactivate",
      groupScope: "exact",
      createMissingGroups: true,
      protectedUsers: ["ceo@acme.example", "cfo@acme.example"],
      removalThreshold: { percent: 25, floor: defaultPolicy.removalThreshold.floor },
      allowRemovals: 37,
    });
  });

  it("accepts --allow-removals 0 (acknowledging a plan with no destructive change)", () => {
    expect(policyFromFlags({ allowRemovals: "0" }).allowRemovals).toBe(0);
  });

  it.each([
    [{ absentUsers: "archive" }, "--absent-users"],
    [{ groupScope: "all" }, "--group-scope"],
    [{ allowRemovals: "-1" }, "--allow-removals"],
    [{ allowRemovals: "2.5" }, "--allow-removals"],
    [{ allowRemovals: "many" }, "--allow-removals"],
    [{ removalThreshold: "150" }, "--removal-threshold"],
    [{ removalThreshold: "ten" }, "--removal-threshold"],
    [{ removalThreshold: "" }, "--removal-threshold"],
  ])("rejects %o with a ConfigError naming %s", (flags, flag) => {
    expect(settingOf(() => policyFromFlags(flags))).toBe(flag);
  });
});

describe("parsers", () => {
  it("reads counts and percentages as typed", () => {
    expect(parseCount("--port", " 4010 ")).toBe(4010);
    expect(parsePercent("--removal-threshold", "12.5")).toBe(12.5);
    expect(parsePercent("--removal-threshold", "0%")).toBe(0);
  });

  it("names the exact acknowledgement flag", () => {
    expect(acknowledgementFlag(37)).toBe("--allow-removals 37");
  });
});
