import { describe, expect, it } from "vitest";
import { defaultPolicy, type Policy } from "../model/policy.js";
import type { Capabilities } from "../vendors/vendor.js";
import { planChanges } from "./plan-changes.js";
import {
  type CurrentUserInput,
  capabilitiesOf,
  type DesiredRowInput,
  desiredState,
  directoryOf,
} from "./test-builders.js";
import type { Change } from "./types.js";

function plan(
  rows: DesiredRowInput[],
  users: CurrentUserInput[],
  options: {
    policy?: Partial<Policy>;
    capabilities?: Partial<Capabilities>;
    directory?: Parameters<typeof directoryOf>[1];
  } = {},
) {
  return planChanges({
    desired: desiredState(rows),
    directory: directoryOf(users, options.directory),
    policy: { ...defaultPolicy, ...options.policy },
    vendor: { id: "sigma", capabilities: capabilitiesOf(options.capabilities) },
  });
}

const emailOf = (change: Change) => (change.kind === "create-group" ? undefined : change.email);
const kinds = (changes: readonly Change[]) => changes.map((change) => change.kind);
const codes = (p: { diagnostics: readonly { code: string }[] }) => p.diagnostics.map((d) => d.code);

describe("planChanges: users", () => {
  it("creates a user missing from the vendor with its groups, attributes and the vendor's role spelling", () => {
    const p = plan(
      [
        {
          email: "Ann@Example.com",
          firstName: "Ann",
          role: "creator",
          groups: ["Sales"],
          attributes: { region: "EU", x: null },
        },
      ],
      [],
      { directory: { groups: ["Sales"], roles: ["Creator", "Viewer"], attributes: ["region", "x"] } },
    );
    expect(p.changes).toEqual([
      {
        kind: "create-user",
        email: "ann@example.com",
        line: 2,
        user: {
          email: "ann@example.com",
          emailAsWritten: "Ann@Example.com",
          firstName: "Ann",
          role: "Creator",
          groups: ["Sales"],
          attributes: { region: "EU" },
          status: "active",
        },
      },
    ]);
    expect(p.diagnostics).toEqual([]);
  });

  it("does not create a row whose status is deactivated", () => {
    const p = plan([{ email: "a@x.io", status: "deactivated" }], []);
    expect(p.changes).toEqual([]);
    expect(p.counts.unchanged).toBe(1);
  });

  it("updates only the fields the row sets, and leaves blanks unmanaged", () => {
    const p = plan(
      [{ email: "a@x.io", lastName: "Lovelace" }],
      [{ email: "a@x.io", firstName: "Ada", lastName: "Byron" }],
    );
    expect(p.changes).toEqual([
      {
        kind: "update-user",
        email: "a@x.io",
        line: 2,
        userId: "id:a@x.io",
        fields: [{ field: "lastName", from: "Byron", to: "Lovelace" }],
        downgrade: false,
      },
    ]);
  });

  it("marks a role downgrade by rank and treats role case as equal", () => {
    const rank = (role: string) => ({ admin: 3, creator: 2, viewer: 1 })[role.toLowerCase()];
    const p = plan(
      [
        { email: "a@x.io", role: "viewer" },
        { email: "b@x.io", role: "ADMIN" },
        { email: "c@x.io", role: "creator" },
      ],
      [
        { email: "a@x.io", role: "Admin" },
        { email: "b@x.io", role: "Viewer" },
        { email: "c@x.io", role: "Creator" },
      ],
      { capabilities: { roleRank: rank }, directory: { roles: ["Admin", "Creator", "Viewer"] } },
    );
    expect(p.changes.map((c) => (c.kind === "update-user" ? [c.email, c.fields[0]?.to, c.downgrade] : c.kind))).toEqual(
      [
        ["a@x.io", "Viewer", true],
        ["b@x.io", "Admin", false],
      ],
    );
    expect(p.counts.destructive).toBe(1);
    expect(p.counts.unchanged).toBe(1);
  });

  it("warns, on the field's column, when the vendor cannot update that field for this user", () => {
    const p = plan(
      [{ email: "a@x.io", firstName: "Ann", country: "DE" }],
      [{ email: "a@x.io", firstName: "Anne", country: "FR" }],
      {
        capabilities: { updatableFields: () => ["country"] },
      },
    );
    expect(kinds(p.changes)).toEqual(["update-user"]);
    expect(p.diagnostics).toEqual([
      expect.objectContaining({ severity: "warning", code: "PLAN_UNSUPPORTED", line: 2, column: 2 }),
    ]);
  });

  it("reports an unknown role with a suggestion, and a role column for a vendor without roles once", () => {
    const unknown = plan([{ email: "a@x.io", role: "Creater" }], [{ email: "a@x.io" }], {
      directory: { roles: ["Creator", "Viewer"] },
    });
    expect(unknown.diagnostics).toEqual([
      expect.objectContaining({
        severity: "error",
        code: "PLAN_UNKNOWN_ROLE",
        line: 2,
        column: 2,
        message: expect.stringContaining('Did you mean "Creator"?'),
      }),
    ]);
    const none = plan(
      [
        { email: "a@x.io", role: "x" },
        { email: "b@x.io", role: "y" },
      ],
      [],
      { capabilities: { roles: false } },
    );
    expect(none.diagnostics).toEqual([
      expect.objectContaining({ severity: "warning", code: "PLAN_UNSUPPORTED", line: 1, column: 2 }),
    ]);
    expect(none.changes.every((c) => c.kind === "create-user" && c.user.role === undefined)).toBe(true);
  });

  it("deactivates and reactivates from status, and deactivation replaces other edits", () => {
    const p = plan(
      [
        { email: "a@x.io", status: "deactivated", firstName: "New" },
        { email: "b@x.io", status: "active" },
      ],
      [
        { email: "a@x.io", firstName: "Old" },
        { email: "b@x.io", status: "deactivated" },
      ],
    );
    expect(kinds(p.changes)).toEqual(["reactivate-user", "deactivate-user"]);
  });

  it("reports status changes the vendor cannot make as errors on the status column", () => {
    const p = plan([{ email: "a@x.io", status: "deactivated" }], [{ email: "a@x.io" }], {
      capabilities: { deactivate: false },
    });
    expect(p.changes).toEqual([]);
    expect(p.diagnostics).toEqual([
      expect.objectContaining({ severity: "error", code: "PLAN_UNSUPPORTED", column: 2 }),
    ]);
  });
});

describe("planChanges: renames", () => {
  it("renames a user to new_email", () => {
    const p = plan([{ email: "old@x.io", newEmail: "New@x.io" }], [{ email: "old@x.io" }]);
    expect(p.changes).toEqual([
      {
        kind: "rename-email",
        email: "old@x.io",
        line: 2,
        userId: "id:old@x.io",
        to: "new@x.io",
        toAsWritten: "New@x.io",
      },
    ]);
  });

  it("matches the renamed user when the rename already happened", () => {
    const p = plan(
      [{ email: "old@x.io", newEmail: "new@x.io", firstName: "A" }],
      [{ email: "new@x.io", firstName: "A" }],
    );
    expect(p.changes).toEqual([]);
    expect(p.counts.unchanged).toBe(1);
    expect(p.counts.unmanaged).toBe(0);
  });

  it("creates a user that is renamed but exists under neither address at the new address", () => {
    const p = plan([{ email: "old@x.io", newEmail: "new@x.io" }], []);
    expect(p.changes).toEqual([expect.objectContaining({ kind: "create-user", email: "new@x.io" })]);
  });

  it("reports a rename onto another existing user, or onto another row", () => {
    const taken = plan([{ email: "a@x.io", newEmail: "b@x.io" }], [{ email: "a@x.io" }, { email: "b@x.io" }]);
    expect(codes(taken)).toEqual(["PLAN_RENAME_CONFLICT"]);
    expect(taken.changes).toEqual([]);
    const rows = plan([{ email: "a@x.io", newEmail: "b@x.io" }, { email: "b@x.io" }], [{ email: "a@x.io" }]);
    expect(rows.diagnostics).toEqual([
      expect.objectContaining({ code: "PLAN_RENAME_CONFLICT", line: 2, message: expect.stringContaining("line 3") }),
    ]);
  });

  it("reports a rename the vendor cannot do", () => {
    const p = plan([{ email: "a@x.io", newEmail: "b@x.io" }], [{ email: "a@x.io" }], {
      capabilities: { renameEmail: false },
    });
    expect(p.diagnostics).toEqual([expect.objectContaining({ severity: "error", code: "PLAN_UNSUPPORTED", line: 2 })]);
  });
});

describe("planChanges: groups", () => {
  const users: CurrentUserInput[] = [{ email: "a@x.io", groups: ["Sales", "Ops", "Other"] }];

  it("manages only groups named in the file under the listed scope", () => {
    const p = plan(
      [
        { email: "a@x.io", groups: ["sales", "Eng"] },
        { email: "b@x.io", groups: ["Ops"] },
      ],
      users,
      {
        directory: { groups: ["Eng"] },
      },
    );
    const a = p.changes.filter((c) => emailOf(c) === "a@x.io");
    expect(a).toEqual([
      expect.objectContaining({ kind: "add-to-groups", groups: ["Eng"] }),
      expect.objectContaining({ kind: "remove-from-groups", groups: ["Ops"] }),
    ]);
  });

  it("removes every non-reserved unlisted group under the exact scope", () => {
    const p = plan(
      [{ email: "a@x.io", groups: ["Sales"] }],
      [{ email: "a@x.io", groups: ["Sales", "Ops", "_org_admin"] }],
      {
        policy: { groupScope: "exact" },
        capabilities: { isReservedGroup: (name) => name.startsWith("_") },
      },
    );
    expect(p.changes).toEqual([expect.objectContaining({ kind: "remove-from-groups", groups: ["Ops"] })]);
  });

  it("leaves memberships alone for a blank cell, and empties managed ones for the explicit marker", () => {
    expect(
      plan([{ email: "a@x.io" }, { email: "b@x.io", groups: ["Sales"] }], users).changes.filter(
        (c) => emailOf(c) === "a@x.io",
      ),
    ).toEqual([]);
    const none = plan(
      [
        { email: "a@x.io", groups: [] },
        { email: "b@x.io", groups: ["Sales"] },
      ],
      users,
    );
    expect(none.changes.filter((c) => emailOf(c) === "a@x.io")).toEqual([
      expect.objectContaining({ kind: "remove-from-groups", groups: ["Sales"] }),
    ]);
  });

  it("creates a missing group once when allowed, before the users that join it", () => {
    const p = plan(
      [
        { email: "a@x.io", groups: ["New"] },
        { email: "b@x.io", groups: ["new"] },
      ],
      users,
      {
        policy: { createMissingGroups: true },
      },
    );
    expect(kinds(p.changes)).toEqual(["create-group", "create-user", "add-to-groups"]);
    expect(p.changes[0]).toEqual({ kind: "create-group", group: "New", line: 2 });
  });

  it("reports an unknown group on the groups column when it may not be created", () => {
    const p = plan([{ email: "a@x.io", groups: ["Saels"] }], users, {
      policy: { createMissingGroups: true },
      capabilities: { createGroup: false },
    });
    expect(p.diagnostics).toEqual([
      expect.objectContaining({
        severity: "error",
        code: "PLAN_UNKNOWN_GROUP",
        line: 2,
        column: 2,
        message: expect.stringContaining('"Sales"'),
      }),
    ]);
  });

  it("refuses reserved groups written in the file", () => {
    const p = plan([{ email: "a@x.io", groups: ["_org_admin"] }], users, {
      capabilities: { isReservedGroup: (n) => n === "_org_admin" },
    });
    expect(codes(p)).toEqual(["PLAN_RESERVED_GROUP"]);
    expect(p.changes).toEqual([]);
  });
});

describe("planChanges: attributes", () => {
  it("sets and unsets attributes that differ", () => {
    const p = plan(
      [{ email: "a@x.io", attributes: { Region: "EU", team: null, keep: "1" } }],
      [{ email: "a@x.io", attributes: { region: "US", team: "T", keep: "1" } }],
      {
        directory: { attributes: ["region", "team", "keep"] },
      },
    );
    expect(p.changes).toEqual([
      expect.objectContaining({ kind: "set-attribute", attribute: "region", from: "US", to: "EU" }),
      expect.objectContaining({ kind: "unset-attribute", attribute: "team", from: "T" }),
    ]);
  });

  it("reports an unknown attribute on its header column, and ignores attributes a vendor lacks", () => {
    const unknown = plan([{ email: "a@x.io", attributes: { nope: "1" } }], [{ email: "a@x.io" }], {
      directory: { attributes: ["region"] },
    });
    expect(unknown.diagnostics).toEqual([
      expect.objectContaining({ severity: "error", code: "PLAN_UNSUPPORTED", line: 1, column: 2 }),
    ]);
    expect(unknown.changes).toEqual([]);
    const none = plan([{ email: "a@x.io", attributes: { region: "1" } }], [{ email: "a@x.io" }], {
      capabilities: { attributes: false },
    });
    expect(none.diagnostics).toEqual([expect.objectContaining({ severity: "warning", code: "PLAN_UNSUPPORTED" })]);
    expect(none.changes).toEqual([]);
  });
});

describe("planChanges: absent users and protection", () => {
  const users: CurrentUserInput[] = [
    { email: "kept@x.io" },
    { email: "gone@x.io", groups: ["Sales", "Private"] },
    { email: "off@x.io", status: "deactivated" },
  ];
  const rows: DesiredRowInput[] = [{ email: "kept@x.io", groups: ["Sales"] }];

  it("ignores absent users by default and counts them as unmanaged", () => {
    const p = plan(rows, users);
    expect(kinds(p.changes)).toEqual(["add-to-groups"]);
    expect(p.counts.unmanaged).toBe(2);
  });

  it.each([
    ["remove-groups", "remove-from-groups"],
    ["deactivate", "deactivate-user"],
    ["delete", "delete-user"],
  ] as const)("absentUsers %s plans %s for active absent users only", (absentUsers, kind) => {
    const p = plan(rows, users, { policy: { absentUsers } });
    const absent = p.changes.filter((c) => emailOf(c) !== "kept@x.io");
    expect(absent).toEqual([expect.objectContaining({ kind, email: "gone@x.io", line: null })]);
    if (absent[0]?.kind === "remove-from-groups") expect(absent[0].groups).toEqual(["Sales"]);
    expect(p.counts.unmanaged).toBe(1);
  });

  it("plans 200,000 absent users (more changes than a call may take as arguments)", () => {
    const many = Array.from({ length: 200_000 }, (_, i): CurrentUserInput => ({ email: `gone${i}@x.io` }));
    const p = plan(rows, [...users, ...many], { policy: { absentUsers: "deactivate" } });
    expect(p.changes.filter((c) => c.kind === "deactivate-user")).toHaveLength(200_001);
  });

  it("plans nothing for absent users while the file has errors (their rows may be the broken ones)", () => {
    const desired = desiredState(rows, {
      diagnostics: [
        { severity: "error", code: "ROW_INVALID_EMAIL", message: "bad", file: "users.csv", line: 3, column: 1 },
      ],
    });
    const p = planChanges({
      desired,
      directory: directoryOf(users),
      policy: { ...defaultPolicy, absentUsers: "delete" },
      vendor: { id: "sigma", capabilities: capabilitiesOf() },
    });
    expect(kinds(p.changes)).toEqual(["add-to-groups"]);
    expect(p.counts.unmanaged).toBe(2);
  });

  it("reports an absent-user action the vendor does not support on line 0", () => {
    const p = plan(rows, users, {
      policy: { absentUsers: "delete" },
      capabilities: { absentUserActions: ["ignore", "deactivate"] },
    });
    expect(p.diagnostics).toEqual([expect.objectContaining({ severity: "error", code: "PLAN_UNSUPPORTED", line: 0 })]);
    expect(p.changes.some((c) => c.kind === "delete-user")).toBe(false);
  });

  it("never changes protected identities, warns on their rows and skips them when absent", () => {
    const p = plan(
      [
        { email: "ME@x.io", firstName: "Changed" },
        { email: "boss@x.io", firstName: "Boss" },
      ],
      [{ email: "me@x.io", firstName: "Me" }, { email: "boss@x.io", firstName: "Boss" }, { email: "vip@x.io" }],
      { policy: { absentUsers: "delete", protectedUsers: ["VIP@x.io"] }, directory: { self: "me@x.io" } },
    );
    expect(p.changes).toEqual([]);
    expect(p.diagnostics).toEqual([
      expect.objectContaining({ severity: "warning", code: "PLAN_PROTECTED_USER", line: 2 }),
    ]);
  });
});

describe("planChanges: plan shape", () => {
  it("orders changes by kind, then line, with policy changes last, and counts them", () => {
    const p = plan(
      [{ email: "z@x.io", firstName: "Z" }, { email: "new@x.io" }, { email: "a@x.io", firstName: "A" }],
      [{ email: "a@x.io" }, { email: "z@x.io" }, { email: "old@x.io" }],
      { policy: { absentUsers: "deactivate" } },
    );
    expect(p.changes.map((c) => [c.kind, c.line])).toEqual([
      ["create-user", 3],
      ["update-user", 2],
      ["update-user", 4],
      ["deactivate-user", null],
    ]);
    expect(p.counts).toMatchObject({
      total: 4,
      "create-user": 1,
      "update-user": 2,
      "deactivate-user": 1,
      destructive: 1,
    });
    expect(p.checksum).toMatch(/^[0-9a-f]{64}$/);
  });

  it("keeps the desired state's diagnostics, sorted with its own", () => {
    const desired = desiredState([{ email: "a@x.io", role: "nope" }], {
      diagnostics: [
        { severity: "warning", code: "CSV_UNKNOWN_COLUMN", message: "x", file: "users.csv", line: 1, column: 4 },
      ],
    });
    const p = planChanges({
      desired,
      directory: directoryOf([], { roles: ["Viewer"] }),
      policy: defaultPolicy,
      vendor: { id: "sigma", capabilities: capabilitiesOf() },
    });
    expect(codes(p)).toEqual(["PLAN_UNKNOWN_ROLE", "CSV_UNKNOWN_COLUMN"]);
  });
});
