import { describe, expect, it } from "vitest";
import { defaultPolicy, type Policy } from "../model/policy.js";
import { planChanges } from "./plan-changes.js";
import { assessSafety } from "./safety.js";
import { capabilitiesOf, desiredState, directoryOf } from "./test-builders.js";
import type { Change } from "./types.js";

const deactivations = (n: number): Change[] =>
  Array.from({ length: n }, (_, i) => ({ kind: "deactivate-user", email: `u${i}@x.io`, line: null, userId: `${i}` }));
const policy = (overrides: Partial<Policy> = {}): Policy => ({ ...defaultPolicy, ...overrides });

describe("assessSafety", () => {
  it("allows up to the floor on a small directory", () => {
    expect(assessSafety(deactivations(5), 20, policy())).toEqual({
      destructive: 5,
      managedUsers: 20,
      limit: 5,
      unsafe: false,
      acknowledgement: null,
    });
  });

  it("uses the percentage of managed users above the floor, rounded down", () => {
    expect(assessSafety(deactivations(12), 129, policy()).limit).toBe(12);
    expect(assessSafety(deactivations(13), 129, policy()).unsafe).toBe(true);
    expect(assessSafety([], 30, policy({ removalThreshold: { percent: 10, floor: 0 } })).limit).toBe(3);
  });

  it("names the exact acknowledgement and accepts only that number", () => {
    const unsafe = assessSafety(deactivations(7), 10, policy());
    expect(unsafe).toMatchObject({ unsafe: true, acknowledgement: "allow-removals: 7" });
    expect(assessSafety(deactivations(7), 10, policy({ allowRemovals: 7 }))).toMatchObject({
      unsafe: false,
      acknowledgement: "allow-removals: 7",
    });
    expect(assessSafety(deactivations(7), 10, policy({ allowRemovals: 6 }))).toMatchObject({
      unsafe: true,
      acknowledgementMismatch: { given: 6, needed: 7 },
    });
  });

  it("does not count non-destructive changes", () => {
    const upgrade: Change = {
      kind: "update-user",
      email: "a@x.io",
      line: 2,
      userId: "1",
      fields: [],
      downgrade: false,
    };
    expect(assessSafety([upgrade, ...deactivations(1)], 1, policy()).destructive).toBe(1);
  });
});

describe("planChanges safety", () => {
  it("adds a PLAN_UNSAFE error naming the count, the limit and the acknowledgement", () => {
    const users = Array.from({ length: 8 }, (_, i) => ({ email: `u${i}@x.io` }));
    const p = planChanges({
      desired: desiredState([{ email: "u0@x.io" }]),
      directory: directoryOf(users),
      policy: policy({ absentUsers: "deactivate", allowRemovals: 3 }),
      vendor: { id: "sigma", capabilities: capabilitiesOf() },
    });
    expect(p.safety).toMatchObject({ destructive: 7, limit: 5, unsafe: true });
    const unsafe = p.diagnostics.find((d) => d.code === "PLAN_UNSAFE");
    expect(unsafe?.severity).toBe("error");
    expect(unsafe?.message).toContain("7 destructive changes exceed the limit of 5");
    expect(unsafe?.message).toContain('"allow-removals: 7"');
    expect(unsafe?.message).toContain('"allow-removals: 3"');
  });
});
