import { describe, expect, it } from "vitest";
import { isCoreError } from "../errors.js";
import { defaultPolicy, type Policy } from "../model/policy.js";
import { parseAllowRemovals, parseRemovalThreshold } from "../model/safety-settings.js";
import { planChanges } from "./plan-changes.js";
import { assessSafety, destructiveDigest, hasInputErrors, inputErrors, removalLimit, unsafeMessage } from "./safety.js";
import { targetLabel } from "./target-label.js";
import { capabilitiesOf, desiredState, directoryOf } from "./test-builders.js";
import type { Change } from "./types.js";

const deactivations = (n: number, from = 0): Change[] =>
  Array.from({ length: n }, (_, i) => ({
    kind: "deactivate-user",
    email: `u${i + from}@x.io`,
    line: null,
    userId: `${i + from}`,
  }));
const policy = (overrides: Partial<Policy> = {}): Policy => ({ ...defaultPolicy, ...overrides });
const ackOf = (changes: readonly Change[]) => `${changes.length}@${destructiveDigest(changes)}`;

describe("assessSafety", () => {
  it("allows up to the floor on a small directory", () => {
    expect(assessSafety(deactivations(5), 20, policy())).toEqual({
      destructive: 5,
      managedUsers: 20,
      limit: 5,
      unsafe: false,
      acknowledgement: null,
      acknowledgementValue: null,
    });
  });

  it("uses the percentage of managed users above the floor, rounded down", () => {
    expect(assessSafety(deactivations(12), 129, policy()).limit).toBe(12);
    expect(assessSafety(deactivations(13), 129, policy()).unsafe).toBe(true);
    expect(assessSafety([], 30, policy({ removalThreshold: { percent: 10, floor: 0 } })).limit).toBe(3);
  });

  it("never allows more than half of the active managed users, whatever the floor", () => {
    // Issue 12 item 4: the floor of 5 let a 6-user organisation lose 5 without acknowledgement.
    expect(removalLimit(6, defaultPolicy.removalThreshold)).toBe(3);
    expect(assessSafety(deactivations(5), 6, policy()).unsafe).toBe(true);
    expect(assessSafety(deactivations(3), 6, policy()).unsafe).toBe(false);
    expect(removalLimit(0, defaultPolicy.removalThreshold)).toBe(0);
    // Only an explicit percentage over 50 allows more than half.
    expect(removalLimit(1000, { percent: 80, floor: 5 })).toBe(800);
    expect(removalLimit(10, { percent: 10, floor: 10_000 })).toBe(5);
  });

  it("names the exact acknowledgement, count@digest, and accepts only that set", () => {
    const seven = deactivations(7);
    const unsafe = assessSafety(seven, 10, policy());
    expect(unsafe).toMatchObject({
      unsafe: true,
      acknowledgement: `allow-removals: ${ackOf(seven)}`,
      acknowledgementValue: ackOf(seven),
    });
    expect(ackOf(seven)).toMatch(/^7@[0-9a-f]{8}$/);
    const given = parseAllowRemovals(ackOf(seven), "allow-removals");
    expect(assessSafety(seven, 10, policy({ allowRemovals: given }))).toMatchObject({ unsafe: false });
    // One value per target: another target's acknowledgement beside it does no harm.
    const both = parseAllowRemovals(`3@00000000, ${ackOf(seven)}`, "allow-removals");
    expect(assessSafety(seven, 10, policy({ allowRemovals: both }))).toMatchObject({ unsafe: false });
  });

  it("blocks a different destructive set of the same size (issue 12 item 5)", () => {
    const reviewed = deactivations(7);
    const later = deactivations(7, 100);
    const given = parseAllowRemovals(ackOf(reviewed), "allow-removals");
    const verdict = assessSafety(later, 10, policy({ allowRemovals: given }));
    expect(verdict).toMatchObject({
      unsafe: true,
      acknowledgementMismatch: { given: ackOf(reviewed), needed: ackOf(later) },
    });
    expect(ackOf(later)).not.toBe(ackOf(reviewed));
  });

  it("refuses a bare count and says which value to use", () => {
    const seven = deactivations(7);
    const verdict = assessSafety(seven, 10, policy({ allowRemovals: [{ count: 7 }] }));
    expect(verdict).toMatchObject({ unsafe: true, acknowledgementMismatch: { given: "7", needed: ackOf(seven) } });
  });

  it("does not depend on users.csv lines, only on what the changes do", () => {
    const onLine: Change[] = [{ kind: "remove-from-groups", email: "a@x.io", userId: "1", line: 4, groups: ["G"] }];
    const moved: Change[] = [{ kind: "remove-from-groups", email: "a@x.io", userId: "1", line: 9, groups: ["G"] }];
    const other: Change[] = [{ kind: "remove-from-groups", email: "a@x.io", userId: "1", line: 4, groups: ["H"] }];
    expect(destructiveDigest(moved)).toBe(destructiveDigest(onLine));
    expect(destructiveDigest(other)).not.toBe(destructiveDigest(onLine));
    const downgrade = (firstName: string): Change[] => [
      {
        kind: "update-user",
        email: "a@x.io",
        userId: "1",
        line: 2,
        downgrade: true,
        fields: [
          { field: "role", from: "admin", to: "viewer" },
          { field: "firstName", from: null, to: firstName },
        ],
      },
    ];
    expect(destructiveDigest(downgrade("Ann"))).toBe(destructiveDigest(downgrade("Anne")));
  });

  it("names the hint on the policy's surface: CLI flag or Action input", () => {
    const seven = deactivations(7);
    expect(assessSafety(seven, 10, policy({ surface: "cli" })).acknowledgement).toBe(
      `--allow-removals ${ackOf(seven)}`,
    );
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
    expect(assessSafety([upgrade, ...deactivations(1)], 2, policy()).destructive).toBe(1);
  });
});

describe("safety settings (one parser for the CLI and the Action)", () => {
  it("reads 0 as none allowed, and 0%,0 alike", () => {
    expect(parseRemovalThreshold("0", "--removal-threshold")).toEqual({ percent: 0, floor: 0 });
    expect(parseRemovalThreshold("0%", "removal-threshold")).toEqual({ percent: 0, floor: 0 });
    expect(parseRemovalThreshold("0%,0", "--removal-threshold")).toEqual({ percent: 0, floor: 0 });
    expect(parseRemovalThreshold("10%", "x")).toEqual({ percent: 10, floor: 5 });
    expect(parseRemovalThreshold("12.5, 2", "x")).toEqual({ percent: 12.5, floor: 2 });
    expect(removalLimit(200, parseRemovalThreshold("0", "x"))).toBe(0);
  });

  it.each(["150", "ten", "", "10%,-1"])("rejects removal threshold %j naming the setting", (text) => {
    let caught: unknown;
    try {
      parseRemovalThreshold(text, "--removal-threshold");
    } catch (error) {
      caught = error;
    }
    expect(isCoreError(caught) && caught.code).toBe("CONFIG_INVALID");
    expect((caught as { setting?: string }).setting).toBe("--removal-threshold");
  });

  it("reads count@digest case-insensitively, a bare count, and one per target; refuses anything else", () => {
    expect(parseAllowRemovals(" 7@3FA9C1D2 ", "x")).toEqual([{ count: 7, digest: "3fa9c1d2" }]);
    expect(parseAllowRemovals("7", "x")).toEqual([{ count: 7 }]);
    expect(parseAllowRemovals("7@3fa9c1d2, 2@00ff00ff\n", "x")).toEqual([
      { count: 7, digest: "3fa9c1d2" },
      { count: 2, digest: "00ff00ff" },
    ]);
    for (const bad of ["7@3fa9", "-1", "2.5", "many", "7@zzzzzzzz", " , "]) {
      expect(() => parseAllowRemovals(bad, "allow-removals")).toThrow(/allow-removals/);
    }
  });
});

describe("planChanges safety", () => {
  it("adds a PLAN_UNSAFE error naming the count, the limit and the acknowledgement", () => {
    const users = Array.from({ length: 8 }, (_, i) => ({ email: `u${i}@x.io` }));
    const p = planChanges({
      desired: desiredState([{ email: "u0@x.io" }]),
      directory: directoryOf(users),
      policy: policy({ absentUsers: "deactivate", allowRemovals: [{ count: 3, digest: "00000000" }] }),
      vendor: { id: "sigma", capabilities: capabilitiesOf() },
    });
    expect(p.safety).toMatchObject({ destructive: 7, limit: 4, unsafe: true });
    const unsafe = p.diagnostics.find((d) => d.code === "PLAN_UNSAFE");
    expect(unsafe?.severity).toBe("error");
    expect(unsafe?.message).toContain("7 destructive changes exceed the limit of 4");
    expect(unsafe?.message).toContain(`"allow-removals: ${p.safety.acknowledgementValue}"`);
    expect(unsafe?.message).toContain('"allow-removals: 3@00000000"');
  });

  it("measures the threshold against active managed users, not archived ones (issue 12 item 4)", () => {
    // 20 active and 300 archived members; the file keeps 6: 14 deactivations are 70% of the active.
    const active = Array.from({ length: 20 }, (_, i) => ({ email: `a${i}@x.io` }));
    const archived = Array.from({ length: 300 }, (_, i) => ({ email: `z${i}@x.io`, status: "deactivated" as const }));
    const p = planChanges({
      desired: desiredState(active.slice(0, 6)),
      directory: directoryOf([...active, ...archived]),
      policy: policy({ absentUsers: "deactivate" }),
      vendor: { id: "sigma", capabilities: capabilitiesOf() },
    });
    expect(p.safety).toMatchObject({ destructive: 14, managedUsers: 20, limit: 5, unsafe: true });
  });

  it("leaves protected users and absent users the policy ignores out of the base", () => {
    const users = Array.from({ length: 40 }, (_, i) => ({ email: `u${i}@x.io`, groups: ["G"] }));
    const p = planChanges({
      desired: desiredState(users.slice(0, 10).map((u) => ({ email: u.email, groups: [] }))),
      directory: directoryOf(users, { self: "u0@x.io" }),
      policy: policy({ protectedUsers: ["u1@x.io"], groupScope: "exact" }),
      vendor: { id: "sigma", capabilities: capabilitiesOf() },
    });
    // Rows u2..u9 each lose G; u0 (self) and u1 (protected) are untouched, 30 absent users ignored.
    expect(p.safety).toMatchObject({ destructive: 8, managedUsers: 8, limit: 4, unsafe: true });
  });

  it("leaves an absent administrator alone and says so (issue 12 item 7)", () => {
    const p = planChanges({
      desired: desiredState([{ email: "keep@x.io" }]),
      directory: directoryOf([
        { email: "keep@x.io" },
        { email: "boss@x.io", admin: "it holds the Adobe admin role _org_admin" },
        { email: "gone@x.io" },
      ]),
      policy: policy({ absentUsers: "delete" }),
      vendor: { id: "adobe", capabilities: capabilitiesOf() },
    });
    expect(p.changes.map((c) => (c.kind === "create-group" ? c.group : `${c.kind} ${c.email}`))).toEqual([
      "delete-user gone@x.io",
    ]);
    const warning = p.diagnostics.find((d) => d.code === "PLAN_PROTECTED_USER");
    expect(warning?.message).toContain("boss@x.io is left alone");
    expect(warning?.message).toContain('status "deactivated"');
  });
});

describe("the rules the CLI and the Action share", () => {
  const unsafe = (surface: "cli" | "action", given?: string) => {
    const changes = deactivations(7);
    const allowRemovals = given === undefined ? undefined : parseAllowRemovals(given, "allow-removals");
    const safety = assessSafety(
      changes,
      20,
      policy({ surface, ...(allowRemovals === undefined ? {} : { allowRemovals }) }),
    );
    return { vendor: "periscope", target: "acme", safety, ack: ackOf(changes) };
  };

  it("targetLabel names a target the same way everywhere: the vendor, and the site when there is one", () => {
    expect(targetLabel({ vendor: "sigma" })).toBe("sigma");
    expect(targetLabel({ vendor: "periscope", target: "acme" })).toBe("periscope (acme)");
  });

  it("unsafeMessage names the count, the limit and the exact acknowledgement as typed on each surface", () => {
    const cli = unsafe("cli");
    expect(unsafeMessage(cli, "cli")).toContain("the plan for periscope (acme) is unsafe: 7 destructive changes");
    expect(unsafeMessage(cli, "cli")).toContain(`rerun with --allow-removals ${cli.ack} to acknowledge`);
    const action = unsafe("action");
    expect(unsafeMessage(action, "action")).toContain(`set the input "allow-removals: ${action.ack}"`);
    expect(unsafeMessage(action, "action", `allow-removals: periscope.acme=${action.ack}`)).toContain(
      `"allow-removals: periscope.acme=${action.ack}"`,
    );
  });

  it("unsafeMessage says why an acknowledgement given does not apply", () => {
    expect(unsafeMessage(unsafe("cli", "7"), "cli")).toContain('"--allow-removals 7" is a bare count');
  });

  it("inputErrors are every error but the safety verdict", () => {
    const at = { file: "users.csv", line: 2, message: "m" };
    const unsafeOnly = [{ ...at, severity: "error" as const, code: "PLAN_UNSAFE" as const }];
    const invalid = [...unsafeOnly, { ...at, severity: "error" as const, code: "ROW_INVALID_EMAIL" as const }];
    expect(hasInputErrors({ diagnostics: unsafeOnly })).toBe(false);
    expect(inputErrors({ diagnostics: invalid }).map((d) => d.code)).toEqual(["ROW_INVALID_EMAIL"]);
    expect(hasInputErrors({ diagnostics: invalid })).toBe(true);
  });
});
