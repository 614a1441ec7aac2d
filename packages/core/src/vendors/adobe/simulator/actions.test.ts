import { describe, expect, it } from "vitest";
import type { ActionResponse } from "../wire-types.js";
import { handleAction } from "./actions.js";
import { adobeDemoSeed } from "./demo-org.js";
import type { AdobeSimStore } from "./state.js";
import { createStore, snapshot } from "./state.js";

function run(body: unknown, testOnly = false, store: AdobeSimStore = createStore(adobeDemoSeed)) {
  const response = handleAction(store, body, testOnly);
  return { status: response.status, body: response.body as ActionResponse, store };
}

function errorCodes(body: unknown, testOnly = false): string[] {
  return (run(body, testOnly).body.errors ?? []).map((e) => `${e.index}/${e.step} ${e.errorCode}`);
}

const user = (name: string, ...steps: unknown[]) => ({ user: name, do: steps });
const fed = (email: string, extra: Record<string, unknown> = {}) => ({
  createFederatedID: { email, firstname: "F", lastname: "L", country: "US", ...extra },
});

describe("simulated POST /action/{org}", () => {
  it("needs a non-empty JSON array of at most 10 commands", () => {
    expect(run({ user: "a@b.c" })).toMatchObject({ status: 400, body: { result: "error.command.malformed" } });
    expect(run([])).toMatchObject({ status: 400 });
    const eleven = Array.from({ length: 11 }, (_, i) => user(`u${i}@x.com`, { removeFromOrg: {} }));
    expect(run(eleven)).toMatchObject({ status: 400, body: { result: "error.command.malformed" } });
  });

  it("answers counts per entry and success/partial/error", () => {
    const ok = run([user("alice@example.com", { add: { group: ["Marketing"] } })]);
    expect(ok.body).toEqual({ completed: 1, notCompleted: 0, completedInTestMode: 0, result: "success" });
    const partial = run([
      user("alice@example.com", { add: { group: ["Marketing"] } }),
      user("nobody@x.com", { add: { group: ["Marketing"] } }),
    ]);
    expect(partial.body).toMatchObject({ completed: 1, notCompleted: 1, result: "partial" });
    expect(partial.body.errors).toEqual([
      {
        index: 1,
        step: 0,
        message: "User Id does not exist: nobody@x.com",
        user: "nobody@x.com",
        errorCode: "error.user.nonexistent",
      },
    ]);
    expect(run([user("nobody@x.com", { remove: { group: ["Marketing"] } })]).body.result).toBe("error");
  });

  it("enforces list lengths, step counts and step order", () => {
    const eleven = Array.from({ length: 11 }, (_, i) => `G${i}`);
    expect(errorCodes([user("alice@example.com", { add: { group: eleven } })])).toEqual([
      "0/0 error.command.add_remove.list_too_long",
    ]);
    const steps = Array.from({ length: 11 }, () => ({ add: { group: ["Marketing"] } }));
    expect(errorCodes([user("alice@example.com", ...steps)])).toEqual(["0/10 error.command.add_remove.list_too_long"]);
    expect(errorCodes([user("n@example.com", { add: { group: ["Marketing"] } }, fed("n@example.com"))])).toEqual([
      "0/1 error.command.create.not_first",
    ]);
    expect(errorCodes([user("n@example.com", fed("n@example.com"), fed("n@example.com"))])).toEqual([
      "0/1 error.command.create.more_than_one",
    ]);
    expect(errorCodes([user("alice@example.com", { removeFromOrg: {} }, { add: { group: ["Marketing"] } })])).toEqual([
      "0/0 error.command.removefromorg.not_last",
    ]);
  });

  it("applies the identity-type rules of create and update", () => {
    expect(
      errorCodes([
        user("n@example.com", { createFederatedID: { email: "n@example.com", firstname: "A", lastname: "B" } }),
      ]),
    ).toEqual(["0/0 error.country.invalid"]);
    expect(
      errorCodes([user("n@example.com", { createEnterpriseID: { email: "n@example.com", lastname: "B" } })]),
    ).toEqual(["0/0 error.user.firstname_missing"]);
    expect(
      errorCodes([user("n@example.com", { createEnterpriseID: { email: "n@example.com", firstname: "A" } })]),
    ).toEqual(["0/0 error.user.lastname_missing"]);
    expect(errorCodes([user("n@gmail.com", { addAdobeID: { email: "n@gmail.com" } })])).toEqual([]);
    expect(errorCodes([user("frank@gmail.com", { update: { firstname: "Franz" } })])).toEqual([
      "0/0 error.update.adobeid.no",
    ]);
    expect(errorCodes([user("alice@example.com", { update: { country: "DE" } })])).toEqual([
      "0/0 error.update.country.no_update",
    ]);
    expect(errorCodes([user("alice@example.com", fed("alice@example.com"))])).toEqual([
      "0/0 error.user.already_in_org",
    ]);
    expect(
      errorCodes([user("alice@example.com", fed("alice@example.com", { option: "ignoreIfAlreadyExists" }))]),
    ).toEqual([]);
  });

  it("rejects too-long strings", () => {
    const long = `${"a".repeat(60)}@x.com`;
    expect(errorCodes([user(long, fed(long))])).toEqual(["0/0 error.command.string.too_long"]);
    expect(errorCodes([user("n@x.com", fed("n@x.com", { lastname: "x".repeat(251) }))])).toEqual([
      "0/0 error.command.string.too_long",
    ]);
  });

  it("rejects unknown groups and the _org_admin role, and supports remove all", () => {
    expect(errorCodes([user("alice@example.com", { add: { group: ["Nope"] } })])).toEqual([
      "0/0 error.group.not_found",
    ]);
    expect(errorCodes([user("alice@example.com", { add: { group: ["_org_admin"] } })])).toEqual([
      "0/0 error.command.illegal_entry",
    ]);
    const { store } = run([user("admin@example.com", { remove: "all" })]);
    expect(store.users.find((u) => u.email === "admin@example.com")?.groups).toEqual(["_org_admin"]);
  });

  it("stops an entry at its first failing step", () => {
    const { store, body } = run([
      user("alice@example.com", { add: { group: ["Nope"] } }, { add: { group: ["Marketing"] } }),
    ]);
    expect(body.errors).toHaveLength(1);
    expect(store.users.find((u) => u.email === "alice@example.com")?.groups).not.toContain("Marketing");
  });

  it("removes from the org, keeping or deleting the account", () => {
    const { store } = run([
      user("alice@example.com", { removeFromOrg: { deleteAccount: false } }),
      user("bob@example.com", { removeFromOrg: { deleteAccount: true } }),
    ]);
    expect(store.users.find((u) => u.email === "alice@example.com")?.status).toBe("removed");
    expect(store.users.find((u) => u.email === "bob@example.com")).toBeUndefined();
    // Always reported successful, even for a user who is not there.
    expect(errorCodes([user("ghost@x.com", { removeFromOrg: {} })])).toEqual([]);
  });

  it("creates, updates, fills and deletes user groups, refusing read-only and duplicate ones", () => {
    const store = createStore(adobeDemoSeed);
    const created = run(
      [
        {
          usergroup: "Ops",
          do: [
            { createUserGroup: { description: "d" } },
            { add: { user: ["carol@example.com"], productConfiguration: ["Photoshop"] } },
          ],
        },
      ],
      false,
      store,
    );
    expect(created.body.result).toBe("success");
    expect(store.users.find((u) => u.email === "carol@example.com")?.groups).toContain("Ops");
    run([{ usergroup: "Ops", do: [{ updateUserGroup: { name: "Operations" } }] }], false, store);
    expect(store.users.find((u) => u.email === "carol@example.com")?.groups).toContain("Operations");
    run([{ usergroup: "Operations", do: [{ deleteUserGroup: {} }] }], false, store);
    expect(store.groups.some((g) => g.groupName === "Operations")).toBe(false);
    expect(errorCodes([{ usergroup: "Marketing", do: [{ createUserGroup: {} }] }])).toEqual([
      "0/0 error.usergroup.already_exists",
    ]);
    expect(
      errorCodes([{ usergroup: "Marketing", do: [{ createUserGroup: { option: "ignoreIfAlreadyExists" } }] }]),
    ).toEqual([]);
    expect(errorCodes([{ usergroup: "Partners (shared)", do: [{ add: { user: ["alice@example.com"] } }] }])).toEqual([
      "0/0 error.usergroup.readonly.membership",
    ]);
    expect(errorCodes([{ usergroup: "Partners (shared)", do: [{ deleteUserGroup: {} }] }])).toEqual([
      "0/0 error.usergroup.readonly.delete",
    ]);
    expect(errorCodes([{ usergroup: "Missing", do: [{ updateUserGroup: { description: "x" } }] }])).toEqual([
      "0/0 error.usergroup.not_found",
    ]);
  });

  it("changes nothing in test mode and lets valid steps on new users pass", () => {
    const store = createStore(adobeDemoSeed);
    const before = snapshot(store);
    const body = [
      user("new@example.com", fed("new@example.com"), { add: { group: ["Marketing"] } }),
      user("new@example.com", fed("new@example.com")),
      user("frank@gmail.com", { update: { firstname: "F" } }),
      user("alice@example.com", { removeFromOrg: { deleteAccount: true } }),
      { usergroup: "Fresh", do: [{ createUserGroup: {} }, { add: { user: ["alice@example.com"] } }] },
    ];
    const response = run(body, true, store);
    expect(response.body).toMatchObject({ completed: 0, completedInTestMode: 4, notCompleted: 1, result: "partial" });
    expect(response.body.errors?.map((e) => `${e.index} ${e.errorCode}`)).toEqual(["2 error.update.adobeid.no"]);
    expect(snapshot(store)).toEqual(before);
  });
});

describe("simulated POST /action/{org}: fidelity (issue 12 item 11)", () => {
  // Entry 1 updates the user entry 0 creates: it works only when entry 0 runs first.
  const dependent = [
    user("ord@example.com", fed("ord@example.com")),
    user("ord@example.com", { update: { firstname: "Second" } }),
  ];

  it("runs the entries of a request in a seeded shuffle by default, as UMAPI guarantees no order", () => {
    const outcomes = Array.from({ length: 8 }, (_, seed) => {
      const store = createStore(adobeDemoSeed, { shuffleSeed: seed });
      return run(dependent, false, store).body.result;
    });
    expect(outcomes).toContain("partial");
    expect(outcomes).toContain("success");
    // The same seed replays the same order.
    const again = Array.from(
      { length: 8 },
      (_, seed) => run(dependent, false, createStore(adobeDemoSeed, { shuffleSeed: seed })).body.result,
    );
    expect(again).toEqual(outcomes);
  });

  it("runs them in array order with shuffleEntries off", () => {
    for (let seed = 0; seed < 8; seed += 1) {
      const store = createStore(adobeDemoSeed, { shuffleEntries: false, shuffleSeed: seed });
      expect(run(dependent, false, store).body.result).toBe("success");
    }
  });

  it("error indexes name the entry in the request, whatever order the entries ran in", () => {
    const store = createStore(adobeDemoSeed, { shuffleSeed: 3 });
    const body = [
      user("alice@example.com", { add: { group: ["Marketing"] } }),
      user("nobody@x.com", { add: { group: ["Marketing"] } }),
      user("alice@example.com", { remove: { group: ["Marketing"] } }),
    ];
    expect(run(body, false, store).body.errors?.map((e) => [e.index, e.user])).toEqual([[1, "nobody@x.com"]]);
  });

  it("a read-only shared user group refuses a user-rooted add and remove, as it refuses usergroup-rooted ones", () => {
    const seed = {
      ...adobeDemoSeed,
      groups: [...adobeDemoSeed.groups, { groupName: "Shared", type: "USER_GROUP", readOnly: true }],
      users: adobeDemoSeed.users.map((u, i) => (i === 0 ? { ...u, groups: [...(u.groups ?? []), "Shared"] } : u)),
    };
    const store = createStore(seed);
    const member = store.users[0]?.email ?? "";
    const other = store.users[1]?.email ?? "";
    const codes = (body: unknown) => (run(body, false, store).body.errors ?? []).map((e) => e.errorCode);
    expect(codes([user(other, { add: { group: ["Shared"] } })])).toEqual(["error.usergroup.readonly.membership"]);
    expect(codes([user(member, { remove: { group: ["Shared"] } })])).toEqual(["error.usergroup.readonly.membership"]);
    expect(codes([{ usergroup: "Shared", do: [{ add: { user: [other] } }] }])).toEqual([
      "error.usergroup.readonly.membership",
    ]);
    expect(snapshot(store).users.find((u) => u.email === member)?.groups).toContain("Shared");
    expect(snapshot(store).users.find((u) => u.email === other)?.groups).not.toContain("Shared");
  });
});
