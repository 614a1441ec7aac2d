import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CurrentUser } from "../../model/directory.js";
import type { Change } from "../../plan/types.js";
import { packActions, UMAPI_PACK_LIMITS } from "./pack-actions.js";
import { createUser, existing } from "./test-helpers.js";
import type { UserEntry, UserStep } from "./wire-types.js";

const runs = Number(process.env.FUZZ_RUNS ?? 200);
const names = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

/** One user's changes: a create, or any mix of changes to an existing user. */
const userChanges = (u: number): fc.Arbitrary<Change[]> => {
  const email = `u${u}@x.com`;
  const base = { email, userId: email, line: u + 2 };
  return fc.oneof(
    fc.nat(35).map((g) => [createUser(email, { groups: names("G", g) }, u + 2)]),
    fc
      .record({
        add: fc.nat(35),
        remove: fc.nat(25),
        update: fc.boolean(),
        rename: fc.boolean(),
        end: fc.constantFrom("none", "deactivate-user", "delete-user"),
      })
      .map(({ add, remove, update, rename, end }) => {
        const out: Change[] = [];
        if (end !== "none") out.push({ ...base, kind: end as "deactivate-user" | "delete-user" });
        if (add > 0) out.push({ ...base, kind: "add-to-groups", groups: names("A", add) });
        if (remove > 0) out.push({ ...base, kind: "remove-from-groups", groups: names("R", remove) });
        if (update)
          out.push({
            ...base,
            kind: "update-user",
            downgrade: false,
            fields: [{ field: "lastName", from: null, to: "L" }],
          });
        if (rename) out.push({ ...base, kind: "rename-email", to: `v${u}@x.com`, toAsWritten: `v${u}@x.com` });
        return out;
      }),
  );
};

const plans = fc
  .tuple(fc.nat(25), fc.nat(40))
  .chain(([groups, users]) =>
    fc.tuple(fc.constant(groups), fc.tuple(...Array.from({ length: users }, (_, u) => userChanges(u)))),
  )
  .map(([groups, perUser]) => [
    ...names("New", groups).map((group): Change => ({ kind: "create-group", group, line: 2 })),
    ...perUser.flat(),
  ]);

const stepName = (step: UserStep | object): string => Object.keys(step)[0] ?? "";

describe("packActions property", () => {
  it("property: respects every limit, ordering rule and maps each step to its change", () => {
    fc.assert(
      fc.property(plans, (changes) => {
        const users = new Map<string, CurrentUser>(
          changes.flatMap((c) =>
            c.kind === "create-group" || c.kind === "create-user"
              ? []
              : [[c.userId, existing(c.email, { type: "federatedID" })]],
          ),
        );
        const { requests, unsupported } = packActions(changes, users, {
          defaultIdentityType: "federatedID",
          defaultCountry: "US",
        });
        expect(unsupported.size).toBe(0);
        const served = new Map<number, string[]>();
        const partRequest = new Map<string, number>();
        let lastGroupRequest = -1;
        let firstUserRequest = Number.POSITIVE_INFINITY;
        requests.forEach((request, r) => {
          expect(request.entries.length).toBeGreaterThan(0);
          expect(request.entries.length).toBeLessThanOrEqual(UMAPI_PACK_LIMITS.entriesPerRequest);
          request.entries.forEach((entry, i) => {
            const steps = request.steps[i] ?? [];
            expect(steps).toHaveLength(entry.do.length);
            expect(entry.do.length).toBeLessThanOrEqual(UMAPI_PACK_LIMITS.stepsPerEntry);
            if (!("user" in entry)) {
              lastGroupRequest = Math.max(lastGroupRequest, r);
              return;
            }
            firstUserRequest = Math.min(firstUserRequest, r);
            const user = entry as UserEntry;
            const previous = partRequest.get(user.user);
            if (previous !== undefined) expect(r).toBeGreaterThan(previous);
            partRequest.set(user.user, r);
            user.do.forEach((step, s) => {
              const name = stepName(step);
              if (name.startsWith("create")) expect({ s, previous }).toEqual({ s: 0, previous: undefined });
              if (name === "removeFromOrg") expect(s).toBe(user.do.length - 1);
              if ("add" in step) expect(step.add.group.length).toBeLessThanOrEqual(UMAPI_PACK_LIMITS.namesPerStep);
              if ("remove" in step && step.remove !== "all") {
                expect(step.remove.group.length).toBeLessThanOrEqual(UMAPI_PACK_LIMITS.namesPerStep);
              }
              const change = steps[s] ?? -1;
              const groups =
                "add" in step ? step.add.group : "remove" in step && step.remove !== "all" ? step.remove.group : [];
              served.set(change, [...(served.get(change) ?? []), ...groups]);
            });
          });
        });
        expect(lastGroupRequest).toBeLessThan(firstUserRequest);
        changes.forEach((change, index) => {
          if (change.kind === "create-group") return;
          expect(served.has(index)).toBe(true);
          const wanted = change.kind === "create-user" ? change.user.groups : "groups" in change ? change.groups : [];
          expect(served.get(index)).toEqual(wanted);
        });
        // As few requests as the limits allow when no entry had to be split.
        const entries = requests.reduce((n, r) => n + r.entries.length, 0);
        const groupEntries = changes.filter((c) => c.kind === "create-group").length;
        if (entries === groupEntries + partRequest.size) {
          expect(requests).toHaveLength(Math.ceil(groupEntries / 10) + Math.ceil(partRequest.size / 10));
        }
      }),
      { numRuns: runs },
    );
  });
});
