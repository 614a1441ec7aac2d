import { describe, expect, it } from "vitest";
import { handleAction } from "./actions.js";
import { adobeDemoSeed } from "./demo-org.js";
import { activeUsers, createStore, findUser } from "./state.js";

describe("Adobe simulator listings stay linear", () => {
  it("filters the active users once for all pages, and again only after the users change", () => {
    const store = createStore(adobeDemoSeed);
    const first = activeUsers(store);
    expect(activeUsers(store)).toBe(first);
    const [leaving] = first;
    if (leaving === undefined) throw new Error("the demo org has users");
    handleAction(store, [{ user: leaving.email, do: [{ removeFromOrg: { deleteAccount: false } }] }], false);
    const afterRemoval = activeUsers(store);
    expect(afterRemoval).not.toContain(leaving);
    expect(afterRemoval).toHaveLength(first.length - 1);
    handleAction(
      store,
      [
        {
          user: "new.hire@acme.example",
          do: [
            {
              createFederatedID: {
                email: "new.hire@acme.example",
                firstname: "New",
                lastname: "Hire",
                country: "US",
              },
            },
          ],
        },
      ],
      false,
    );
    expect(activeUsers(store).map((u) => u.email)).toContain("new.hire@acme.example");
  });

  it("finds users by email and username after an account is deleted, and no longer the deleted one", () => {
    const store = createStore(adobeDemoSeed);
    const [deleted, kept, last] = [store.users[0], store.users[1], store.users.at(-1)];
    if (deleted === undefined || kept === undefined || last === undefined) throw new Error("the demo org has users");
    handleAction(store, [{ user: deleted.email, do: [{ removeFromOrg: { deleteAccount: true } }] }], false);
    expect(store.users).not.toContain(deleted);
    expect(findUser(store, deleted.email, undefined, false)).toBeUndefined();
    expect(findUser(store, deleted.username.toUpperCase(), deleted.domain, false)).toBeUndefined();
    expect(findUser(store, kept.email.toUpperCase(), undefined, false)).toBe(kept);
    expect(findUser(store, last.username, last.domain, false)).toBe(last);
    // A user created after the deletion is found too.
    handleAction(
      store,
      [
        {
          user: "new.hire@acme.example",
          do: [
            {
              createFederatedID: { email: "new.hire@acme.example", firstname: "New", lastname: "Hire", country: "US" },
            },
          ],
        },
      ],
      false,
    );
    expect(findUser(store, "NEW.HIRE@acme.example", undefined, false)?.email).toBe("new.hire@acme.example");
  });
});
