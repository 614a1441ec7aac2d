import fc from "fast-check";
import type { DesiredState } from "../../model/desired.js";
import type { Directory } from "../../model/directory.js";
import { normaliseEmail } from "../../model/directory.js";
import type { Policy } from "../../model/policy.js";
import {
  type CurrentUserInput,
  capabilitiesOf,
  type DesiredRowInput,
  desiredState,
  directoryOf,
} from "../test-builders.js";

// Arbitraries shared by the planner's property tests.

export const runs = Number(process.env.FUZZ_RUNS ?? 100);
// Fixed in CI so a run is reproducible; FUZZ_SEED picks another.
export const seed = Number(process.env.FUZZ_SEED ?? 20_261_122);

// A small universe so rows, vendor users, renames and groups collide often.
export const emails = ["a@x.io", "B@x.io", "c@x.io", "d@x.io", "e@x.io", "f@x.io"];
export const groupNames = ["Sales", "Ops", "Eng", "New", "_admin"];
export const roles = ["Admin", "Creator", "Viewer"];
const rank = (role: string) => ({ admin: 3, creator: 2, viewer: 1 })[role.toLowerCase()];
export const capabilities = capabilitiesOf({ roleRank: rank, isReservedGroup: (name) => name.startsWith("_") });

export const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const name = fc.constantFrom("Ann", "Bo", "Cy");

/** fast-check yields `key: undefined` for a missing optional key; the model wants the key absent. */
const withoutUndefined = <T extends object>(value: T) =>
  Object.fromEntries(Object.entries(value).filter(([, member]) => member !== undefined));

export const rowArb: fc.Arbitrary<DesiredRowInput> = fc
  .record(
    {
      email: fc.constantFrom(...emails),
      newEmail: optional(fc.constantFrom(...emails)),
      firstName: optional(name),
      lastName: optional(name),
      role: optional(fc.constantFrom("admin", "Creator", "viewer")),
      groups: optional(fc.uniqueArray(fc.constantFrom("Sales", "ops", "Eng", "New"), { maxLength: 3 })),
      status: optional(fc.constantFrom("active" as const, "deactivated" as const)),
      attributes: fc.dictionary(
        fc.constantFrom("region", "tier"),
        fc.option(fc.constantFrom("EU", "US"), { nil: null }),
        {
          maxKeys: 2,
        },
      ),
    },
    { requiredKeys: ["email", "attributes"] },
  )
  .map((row) => withoutUndefined(row) as DesiredRowInput);

export const userArb: fc.Arbitrary<CurrentUserInput> = fc
  .record(
    {
      email: fc.constantFrom(...emails),
      firstName: optional(name),
      role: optional(fc.constantFrom(...roles)),
      status: fc.constantFrom("active" as const, "deactivated" as const),
      groups: fc.uniqueArray(fc.constantFrom(...groupNames.filter((g) => g !== "New")), { maxLength: 3 }),
      attributes: optional(
        fc.dictionary(fc.constantFrom("region", "tier"), fc.constantFrom("EU", "US"), { maxKeys: 2 }),
      ),
    },
    { requiredKeys: ["email", "status", "groups"] },
  )
  .map((user) => withoutUndefined(user) as CurrentUserInput);

/** Desired states without duplicate emails (the CSV reader rejects those before planning). */
export const desiredArb: fc.Arbitrary<DesiredState> = fc
  .uniqueArray(rowArb, { selector: (row) => normaliseEmail(row.email), maxLength: 5 })
  .map((rows) => desiredState(rows));

export const directoryArb: fc.Arbitrary<Directory> = fc
  .uniqueArray(userArb, { selector: (user) => normaliseEmail(user.email), maxLength: 6 })
  .chain((users) =>
    fc.record({ self: optional(fc.constantFrom(...emails)) }).map(({ self }) =>
      directoryOf(users, {
        groups: ["Sales", "Ops", "Eng", { id: "g:_admin", name: "_admin", reserved: true }],
        roles,
        attributes: ["region", "tier"],
        ...(self === undefined ? {} : { self }),
      }),
    ),
  );

export const policyArb: fc.Arbitrary<Policy> = fc.record({
  absentUsers: fc.constantFrom("ignore" as const, "remove-groups" as const, "deactivate" as const, "delete" as const),
  groupScope: fc.constantFrom("listed" as const, "exact" as const),
  createMissingGroups: fc.boolean(),
  protectedUsers: fc.subarray(emails, { maxLength: 2 }),
  removalThreshold: fc.constant({ percent: 10, floor: 5 }),
});
