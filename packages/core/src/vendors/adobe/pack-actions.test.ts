import { describe, expect, it } from "vitest";
import type { CurrentUser } from "../../model/directory.js";
import type { Change } from "../../plan/types.js";
import { changeForStep, packActions, UMAPI_PACK_LIMITS } from "./pack-actions.js";
import { createUser, existing } from "./test-helpers.js";
import type { UserEntry } from "./wire-types.js";

const options = { defaultIdentityType: "federatedID" as const, defaultCountry: "US" };
const noUsers = new Map<string, CurrentUser>();
const groups = (n: number): string[] => Array.from({ length: n }, (_, i) => `G${i}`);

describe("packActions", () => {
  it("packs 95 creates with 3 groups each into 10 requests of at most 10 entries", () => {
    const changes = Array.from({ length: 95 }, (_, i) =>
      createUser(`u${i}@example.com`, { firstName: "F", lastName: "L", groups: ["A", "B", "C"] }),
    );
    const { requests } = packActions(changes, noUsers, options);
    expect(requests).toHaveLength(10);
    expect(requests.map((r) => r.entries.length)).toEqual([10, 10, 10, 10, 10, 10, 10, 10, 10, 5]);
    const first = requests[0]?.entries[0] as UserEntry;
    expect(first.do).toEqual([
      {
        createFederatedID: {
          email: "u0@example.com",
          country: "US",
          firstname: "F",
          lastname: "L",
          option: "ignoreIfAlreadyExists",
        },
      },
      { add: { group: ["A", "B", "C"] } },
    ]);
  });

  it("puts one user joining 25 groups in one request with 3 add steps of at most 10", () => {
    const change: Change = { kind: "add-to-groups", email: "a@x.com", userId: "a@x.com", line: 2, groups: groups(25) };
    const { requests } = packActions(
      [change],
      new Map([["a@x.com", existing("a@x.com", { type: "enterpriseID" })]]),
      options,
    );
    expect(requests).toHaveLength(1);
    const entry = requests[0]?.entries[0] as UserEntry;
    expect(entry.do.map((s) => ("add" in s ? s.add.group.length : 0))).toEqual([10, 10, 5]);
    expect(requests[0]?.steps[0]).toEqual([0, 0, 0]);
  });

  it("splits an entry over 10 steps into parts in successive requests, create first", () => {
    const { requests } = packActions([createUser("a@x.com", { groups: groups(150) })], noUsers, options);
    expect(requests).toHaveLength(2);
    const [one, two] = requests.map((r) => r.entries[0] as UserEntry);
    expect(one?.do).toHaveLength(UMAPI_PACK_LIMITS.stepsPerEntry);
    expect(Object.keys(one?.do[0] ?? {})).toEqual(["createFederatedID"]);
    expect(two?.do).toHaveLength(6);
    expect(two?.user).toBe("a@x.com");
  });

  it("fills later parts into requests that still have room", () => {
    const changes = [
      createUser("big@x.com", { groups: groups(150) }),
      ...Array.from({ length: 12 }, (_, i) => createUser(`s${i}@x.com`)),
    ];
    const { requests } = packActions(changes, noUsers, options);
    expect(requests.map((r) => r.entries.length)).toEqual([10, 4]);
  });

  it("sends user-group creates in requests before the user entries", () => {
    const changes: Change[] = [
      { kind: "create-group", group: "New", line: 2 },
      createUser("a@x.com", { groups: ["New"] }),
    ];
    const { requests } = packActions(changes, noUsers, options);
    expect(requests).toHaveLength(2);
    expect(requests[0]?.entries).toEqual([
      { usergroup: "New", do: [{ createUserGroup: { option: "ignoreIfAlreadyExists" } }] },
    ]);
    expect(requests[1]?.entries[0]).toMatchObject({ user: "a@x.com" });
  });

  it("orders one user's steps: update, remove, add, rename, removeFromOrg last", () => {
    const base = { email: "a@x.com", userId: "a", line: 2 };
    const changes: Change[] = [
      { ...base, kind: "delete-user" },
      { ...base, kind: "add-to-groups", groups: ["B"] },
      { ...base, kind: "remove-from-groups", groups: ["A"] },
      { ...base, kind: "rename-email", to: "b@x.com", toAsWritten: "B@x.com" },
      { ...base, kind: "update-user", downgrade: false, fields: [{ field: "firstName", from: null, to: "Al" }] },
    ];
    const { requests } = packActions(
      changes,
      new Map([["a", existing("a@x.com", { id: "a", type: "federatedID" })]]),
      options,
    );
    const entry = requests[0]?.entries[0] as UserEntry;
    expect(entry.do).toEqual([
      { update: { firstname: "Al" } },
      { remove: { group: ["A"] } },
      { add: { group: ["B"] } },
      { update: { email: "B@x.com" } },
      { removeFromOrg: { deleteAccount: true } },
    ]);
    expect(requests[0]?.steps[0]).toEqual([4, 2, 1, 3, 0]);
    expect(changeForStep(requests, 0, 0, 4)).toBe(0);
    expect(changeForStep(requests, 0, 1, 0)).toBeUndefined();
  });

  it("addresses Adobe IDs with useAdobeID and non-email usernames with their domain", () => {
    const users = new Map([
      ["f@gmail.com", existing("f@gmail.com", { type: "adobeID" })],
      ["erin", existing("erin@x.com", { id: "erin", username: "erin", domain: "x.com", type: "federatedID" })],
    ]);
    const changes: Change[] = [
      { kind: "deactivate-user", email: "f@gmail.com", userId: "f@gmail.com", line: null },
      { kind: "deactivate-user", email: "erin@x.com", userId: "erin", line: null },
    ];
    const entries = packActions(changes, users, options).requests[0]?.entries;
    expect(entries).toEqual([
      { user: "f@gmail.com", useAdobeID: true, do: [{ removeFromOrg: { deleteAccount: false } }] },
      { user: "erin", domain: "x.com", do: [{ removeFromOrg: { deleteAccount: false } }] },
    ]);
  });

  it("creates by identity type, row type first, case-insensitive", () => {
    const changes = [
      createUser("a@x.com", { type: "ADOBEID" }),
      createUser("b@x.com", { type: "enterpriseid" }),
      createUser("c@x.com", { country: "de" }),
    ];
    const entries = packActions(changes, noUsers, { defaultIdentityType: "federatedID" }).requests[0]
      ?.entries as UserEntry[];
    expect(entries.map((e) => Object.keys(e.do[0] ?? {})[0])).toEqual([
      "addAdobeID",
      "createEnterpriseID",
      "createFederatedID",
    ]);
    expect(entries[0]?.useAdobeID).toBe(true);
    expect(entries[2]?.do[0]).toMatchObject({ createFederatedID: { country: "DE" } });
  });

  it("never sends what Adobe cannot express and says why", () => {
    const base = { email: "a@x.com", userId: "a", line: 2 };
    const changes: Change[] = [
      { ...base, kind: "reactivate-user" },
      { ...base, kind: "update-user", downgrade: false, fields: [{ field: "country", from: "US", to: "DE" }] },
      { ...base, kind: "set-attribute", attribute: "x", from: null, to: "y" },
    ];
    const result = packActions(changes, noUsers, options);
    expect(result.requests).toHaveLength(0);
    expect([...result.unsupported.keys()]).toEqual([0, 1, 2]);
    expect(result.unsupported.get(1)).toMatch(/country/);
  });
});
