import { defaultPolicy } from "@roster/core";
import { describe, expect, it } from "vitest";
import { parseCount, policyFromFlags } from "./options.js";

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
    expect(policyFromFlags({})).toEqual({ ...defaultPolicy, surface: "cli" });
    expect(policyFromFlags({})).not.toHaveProperty("allowRemovals");
  });

  it("maps every policy flag onto the Policy", () => {
    const policy = policyFromFlags({
      absentUsers: "deactivate",
      groupScope: "exact",
      createGroups: true,
      protect: ["ceo@acme.example", "cfo@acme.example"],
      allowRemovals: "37@3fa9c1d2",
      removalThreshold: "25%",
    });
    expect(policy).toEqual({
      absentUsers: "deactivate",
      groupScope: "exact",
      createMissingGroups: true,
      protectedUsers: ["ceo@acme.example", "cfo@acme.example"],
      removalThreshold: { percent: 25, floor: defaultPolicy.removalThreshold.floor },
      allowRemovals: { count: 37, digest: "3fa9c1d2" },
      surface: "cli",
    });
  });

  it("reads a bare count, which the plan then refuses with the exact value to use", () => {
    expect(policyFromFlags({ allowRemovals: "7" }).allowRemovals).toEqual({ count: 7 });
  });

  it("reads --removal-threshold with core's parser: 0 means none, 0%,0 is accepted", () => {
    expect(policyFromFlags({ removalThreshold: "0" }).removalThreshold).toEqual({ percent: 0, floor: 0 });
    expect(policyFromFlags({ removalThreshold: "0%,0" }).removalThreshold).toEqual({ percent: 0, floor: 0 });
    expect(policyFromFlags({ removalThreshold: "10%,2" }).removalThreshold).toEqual({ percent: 10, floor: 2 });
  });

  it.each([
    [{ absentUsers: "archive" }, "--absent-users"],
    [{ groupScope: "all" }, "--group-scope"],
    [{ allowRemovals: "-1" }, "--allow-removals"],
    [{ allowRemovals: "2.5" }, "--allow-removals"],
    [{ allowRemovals: "many" }, "--allow-removals"],
    [{ allowRemovals: "7@xyz" }, "--allow-removals"],
    [{ removalThreshold: "150" }, "--removal-threshold"],
    [{ removalThreshold: "ten" }, "--removal-threshold"],
    [{ removalThreshold: "" }, "--removal-threshold"],
  ])("rejects %o with a ConfigError naming %s", (flags, flag) => {
    expect(settingOf(() => policyFromFlags(flags))).toBe(flag);
  });
});

describe("parsers", () => {
  it("reads counts as typed", () => {
    expect(parseCount("--port", " 4010 ")).toBe(4010);
  });
});
