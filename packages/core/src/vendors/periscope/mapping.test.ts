import { describe, expect, it } from "vitest";
import { indexGroups, resultingGroups, resultingNames, toCurrentUser } from "./mapping.js";
import { groupSchema, userSchema } from "./wire-schemas.js";

const parseGroup = (raw: unknown) => groupSchema.parse(raw);
const parseUser = (raw: unknown) => userSchema.parse(raw);

const roles = indexGroups([parseGroup({ id: 1, name: "Viewer" }), parseGroup({ id: 2, name: "Editor" })]);

describe("toCurrentUser", () => {
  it("resolves role ids, names and objects to the site's role names", () => {
    const user = parseUser({ id: 5, email: "a@x.io", roles: [1, { id: 2 }, "viewer"] });
    expect(toCurrentUser(user, roles).groups).toEqual(["Viewer", "Editor"]);
  });

  it("keeps an id the roles list does not know, so it is not silently dropped", () => {
    expect(toCurrentUser(parseUser({ id: 5, email: "a@x.io", roles: [99] }), roles).groups).toEqual(["99"]);
  });

  it("maps status (ASSUMPTION STATUS)", () => {
    expect(toCurrentUser(parseUser({ id: 1, email: "a@x.io", status: "Disabled" }), roles).status).toBe("deactivated");
    expect(toCurrentUser(parseUser({ id: 1, email: "a@x.io", status: "invited" }), roles).status).toBe("active");
    expect(toCurrentUser(parseUser({ id: 1, email: "a@x.io" }), roles).status).toBe("active");
  });
});

describe("resultingGroups (ASSUMPTION V1_GROUPS_REPLACE)", () => {
  it("is current minus removed plus added, case-insensitively, keeping current spelling", () => {
    expect(resultingGroups(["Everyone", "Analysts"], ["finance", "EVERYONE"], ["analysts"])).toEqual([
      "Everyone",
      "finance",
    ]);
  });
});

describe("resultingNames (ASSUMPTION UPDATE_NAMES)", () => {
  it("sends both names, the current one when unchanged", () => {
    expect(
      resultingNames({ firstName: "Ada", lastName: "Old" }, [{ field: "lastName", from: "Old", to: "New" }]),
    ).toEqual({ first_name: "Ada", last_name: "New" });
  });
});
