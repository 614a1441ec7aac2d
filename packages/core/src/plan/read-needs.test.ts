import { describe, expect, it } from "vitest";
import { defaultPolicy, type Policy } from "../model/policy.js";
import { covers, needsName, READ_EVERYTHING, type ReadNeeds } from "../model/read-needs.js";
import { planChanges } from "./plan-changes.js";
import { readNeedsOf } from "./read-needs.js";
import { capabilitiesOf, type DesiredRowInput, desiredState, directoryOf } from "./test-builders.js";

const NOTHING: ReadNeeds = { roles: false, groups: "none", attributes: "none" };

function needs(rows: DesiredRowInput[], policy: Partial<Policy> = {}, capabilities = capabilitiesOf()): ReadNeeds {
  return readNeedsOf(desiredState(rows), { ...defaultPolicy, ...policy }, capabilities);
}

describe("readNeedsOf: which vendor data a plan needs", () => {
  it("email and names: nothing but the users", () => {
    expect(needs([{ email: "a@x.test", firstName: "A", lastName: "B" }])).toEqual(NOTHING);
  });

  it("a role column: the account types, where the vendor has them", () => {
    expect(needs([{ email: "a@x.test", role: "viewer" }])).toEqual({ ...NOTHING, roles: true });
    expect(needs([{ email: "a@x.test", role: "viewer" }], {}, capabilitiesOf({ roles: false }))).toEqual(NOTHING);
  });

  it("a groups column under group-scope listed: the groups and the members of those the file names", () => {
    expect(
      needs([
        { email: "a@x.test", groups: ["Sales", "Ops"] },
        { email: "b@x.test", groups: ["Sales"] },
      ]),
    ).toEqual({ ...NOTHING, groups: { named: ["Sales", "Ops"] } });
  });

  it("a groups column naming no group (every cell `-`) under listed: nothing is managed, nothing read", () => {
    expect(needs([{ email: "a@x.test", groups: [] }])).toEqual(NOTHING);
  });

  it("group-scope exact: every membership, for a groups column or for absent users losing their groups", () => {
    expect(needs([{ email: "a@x.test", groups: [] }], { groupScope: "exact" })).toEqual({ ...NOTHING, groups: "all" });
    expect(needs([{ email: "a@x.test" }], { groupScope: "exact", absentUsers: "remove-groups" })).toEqual({
      ...NOTHING,
      groups: "all",
    });
    expect(needs([{ email: "a@x.test" }], { groupScope: "exact" })).toEqual(NOTHING);
  });

  it("absent users: remove-groups needs the listed groups' members; deactivate and delete only the users", () => {
    const row = { email: "a@x.test", groups: ["Sales"] };
    expect(needs([row], { absentUsers: "remove-groups" }).groups).toEqual({ named: ["Sales"] });
    expect(needs([{ email: "a@x.test" }], { absentUsers: "remove-groups" })).toEqual(NOTHING);
    expect(needs([{ email: "a@x.test" }], { absentUsers: "deactivate" })).toEqual(NOTHING);
    expect(needs([{ email: "a@x.test" }], { absentUsers: "delete", protectedUsers: ["p@x.test"] })).toEqual(NOTHING);
  });

  it("attr: columns: the attributes named, where the vendor has attributes", () => {
    const rows = [{ email: "a@x.test", attributes: { region: "EU", tier: null } }];
    expect(needs(rows)).toEqual({ ...NOTHING, attributes: { named: ["region", "tier"] } });
    expect(needs(rows, {}, capabilitiesOf({ attributes: false }))).toEqual(NOTHING);
  });

  it("create-groups adds nothing: the groups named are read anyway", () => {
    const row = { email: "a@x.test", groups: ["New"] };
    expect(needs([row], { createMissingGroups: true })).toEqual(needs([row]));
  });
});

describe("what was read covers what is needed", () => {
  it("matches names case-insensitively, like the planner", () => {
    expect(needsName({ named: ["sales"] }, "Sales")).toBe(true);
    expect(needsName({ named: ["sales"] }, "Ops")).toBe(false);
    expect(needsName("all", "Ops")).toBe(true);
    expect(needsName("none", "Ops")).toBe(false);
  });

  it("everything covers anything; nothing covers only nothing; names cover their subsets", () => {
    expect(covers("all", { named: ["A"] })).toBe(true);
    expect(covers("none", "none")).toBe(true);
    expect(covers("none", { named: [] })).toBe(true);
    expect(covers("none", { named: ["A"] })).toBe(false);
    expect(covers({ named: ["a", "B"] }, { named: ["A"] })).toBe(true);
    expect(covers({ named: ["A"] }, { named: ["A", "C"] })).toBe(false);
    expect(covers({ named: ["A"] }, "all")).toBe(false);
    expect(READ_EVERYTHING).toEqual({ roles: true, groups: "all", attributes: "all" });
  });
});

describe("planChanges against a directory that did not read a kind", () => {
  const vendor = { id: "sigma", capabilities: capabilitiesOf() };
  // What the vendor holds: Ann is in Sales and Ops with region EU and role viewer.
  const held = [
    { email: "ann@x.test", firstName: "Ann", role: "viewer", groups: ["Sales", "Ops"], attributes: { region: "EU" } },
  ];

  it("plans no change of an unread kind, and says it was not read (PLAN_NOT_READ on the column)", () => {
    // Read for an email-and-names file: no account types, no groups, no attributes.
    const directory = directoryOf(
      held.map((user) => ({ ...user, groups: [], attributes: {} })),
      { read: NOTHING },
    );
    const desired = desiredState([
      { email: "ann@x.test", firstName: "Ann", role: "creator", groups: ["Finance"], attributes: { region: "US" } },
    ]);
    const plan = planChanges({ desired, directory, policy: defaultPolicy, vendor });
    expect(plan.changes).toEqual([]);
    const unread = plan.diagnostics.filter((d) => d.code === "PLAN_NOT_READ");
    expect(unread.map((d) => [d.severity, d.column])).toEqual([
      ["error", desired.columns.role],
      ["error", desired.columns.groups],
      ["error", desired.attributeColumns.region],
    ]);
    expect(unread[1]?.message).toBe(
      'sigma: the members of group "Finance" were not read, so these memberships are left out of this plan.',
    );
  });

  it("with only some groups' members read, plans those and leaves the others alone", () => {
    const directory = directoryOf([{ email: "ann@x.test", groups: ["Sales"] }], {
      groups: ["Sales", "Ops"],
      read: { ...NOTHING, groups: { named: ["Sales"] } },
    });
    const desired = desiredState([{ email: "ann@x.test", groups: ["Ops"] }]);
    const plan = planChanges({ desired, directory, policy: defaultPolicy, vendor });
    // Ops' members were not read: adding Ann would state a membership nobody read. Sales is not
    // named by the file, so it is not managed and Ann stays in it.
    expect(plan.changes).toEqual([]);
    expect(plan.diagnostics.map((d) => d.code)).toEqual(["PLAN_NOT_READ"]);
  });

  it("under exact scope with memberships unread, removes nobody from any group", () => {
    const directory = directoryOf(
      [
        { email: "ann@x.test", groups: ["Sales", "Ops"] },
        { email: "bob@x.test", groups: ["Ops"] },
      ],
      {
        read: NOTHING,
      },
    );
    const desired = desiredState([{ email: "ann@x.test", groups: [] }]);
    const policy: Policy = { ...defaultPolicy, groupScope: "exact", absentUsers: "remove-groups" };
    const plan = planChanges({ desired, directory, policy, vendor });
    expect(plan.changes).toEqual([]);
  });

  it("a directory that read what the file needs plans as if it had read everything", () => {
    const desired = desiredState([{ email: "ann@x.test", firstName: "Anna", groups: ["Sales"] }]);
    const users = [{ email: "ann@x.test", firstName: "Ann", groups: [] }];
    const read = readNeedsOf(desired, defaultPolicy, vendor.capabilities);
    const partial = planChanges({
      desired,
      directory: directoryOf(users, { groups: ["Sales"], read }),
      policy: defaultPolicy,
      vendor,
    });
    const full = planChanges({
      desired,
      directory: directoryOf(users, { groups: ["Sales"] }),
      policy: defaultPolicy,
      vendor,
    });
    expect(partial.changes.map((c) => c.kind)).toEqual(["update-user", "add-to-groups"]);
    expect(partial).toEqual(full);
  });
});
