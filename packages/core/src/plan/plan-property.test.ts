import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DesiredState } from "../model/desired.js";
import type { Directory } from "../model/directory.js";
import { normaliseEmail } from "../model/directory.js";
import type { Policy } from "../model/policy.js";
import { capabilities, desiredArb, directoryArb, policyArb, runs, seed } from "./__tests__/arbitraries.js";
import { applyPlanToDirectory } from "./apply-to-directory.js";
import { planChanges } from "./plan-changes.js";

const plan = (desired: DesiredState, directory: Directory, policy: Policy) =>
  planChanges({ desired, directory, policy, vendor: { id: "memory", capabilities } });

describe("planChanges properties", () => {
  it("property: applying a valid plan and planning again gives no changes", () => {
    fc.assert(
      fc.property(desiredArb, directoryArb, policyArb, (desired, directory, policy) => {
        const first = plan(desired, directory, policy);
        // Rows with errors are not applied by anyone; convergence is promised for valid plans.
        fc.pre(!first.diagnostics.some((d) => d.severity === "error" && d.code !== "PLAN_UNSAFE"));
        const after = applyPlanToDirectory(first, directory);
        expect(plan(desired, after, policy).changes).toEqual([]);
      }),
      { numRuns: runs, seed },
    );
  });

  it("property: planning is deterministic and independent of the vendor's user order", () => {
    fc.assert(
      fc.property(desiredArb, directoryArb, policyArb, (desired, directory, policy) => {
        const once = plan(desired, directory, policy);
        const again = plan(desired, directory, policy);
        const reversed = plan(
          desired,
          { ...directory, users: [...directory.users].reverse(), groups: [...directory.groups].reverse() },
          policy,
        );
        expect(again.checksum).toBe(once.checksum);
        expect(reversed.checksum).toBe(once.checksum);
        expect(reversed).toEqual(once);
      }),
      { numRuns: runs, seed },
    );
  });

  it("property: no change ever targets a protected identity", () => {
    fc.assert(
      fc.property(desiredArb, directoryArb, policyArb, (desired, directory, policy) => {
        const protectedEmails = new Set(
          [...policy.protectedUsers, ...(directory.self ? [directory.self] : [])].map(normaliseEmail),
        );
        const protectedIds = new Set(
          directory.users.filter((u) => protectedEmails.has(normaliseEmail(u.email))).map((u) => u.id),
        );
        for (const change of plan(desired, directory, policy).changes) {
          if (change.kind === "create-group") continue;
          expect(protectedEmails.has(change.email)).toBe(false);
          if ("userId" in change) expect(protectedIds.has(change.userId)).toBe(false);
          if (change.kind === "rename-email") expect(protectedEmails.has(change.to)).toBe(false);
        }
      }),
      { numRuns: runs, seed },
    );
  });
});
