import { describe, expect, it } from "vitest";
import { handleAction } from "./actions.js";
import { adobeDemoSeed } from "./demo-org.js";
import { activeUsers, createStore } from "./state.js";

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
});
