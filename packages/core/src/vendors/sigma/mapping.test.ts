import { describe, expect, it } from "vitest";
import { rankSigmaRole, resolveRoleName, toCreateMemberBody, toCurrentUser, toUpdateMemberBody } from "./mapping.js";
import type { SigmaMember } from "./wire-types.js";

const member: SigmaMember = {
  organizationId: "o",
  memberId: "m1",
  memberType: "Creator",
  firstName: "Ada",
  lastName: "",
  email: "Ada@Acme.example",
  profileImgUrl: null,
  createdBy: "x",
  updatedBy: "x",
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "2026-01-01T00:00:00.000Z",
  homeFolderId: "f",
  userKind: "internal",
};

describe("Sigma mapping", () => {
  it("ranks built-in account types and leaves custom ones unranked", () => {
    expect(rankSigmaRole("Admin")).toBeGreaterThan(rankSigmaRole("creator") ?? 0);
    expect(rankSigmaRole("author")).toBe(rankSigmaRole("creator"));
    expect(rankSigmaRole("creator")).toBeGreaterThan(rankSigmaRole("explorer") ?? 0);
    expect(rankSigmaRole("explorer")).toBeGreaterThan(rankSigmaRole("viewer") ?? 0);
    expect(rankSigmaRole("Analyst")).toBeUndefined();
  });

  it("maps a member, keeping the email's case and treating SCIM-inactive as deactivated", () => {
    expect(toCurrentUser(member, ["Sales"], { region: "EMEA" })).toEqual({
      id: "m1",
      email: "Ada@Acme.example",
      firstName: "Ada",
      role: "Creator",
      status: "active",
      groups: ["Sales"],
      attributes: { region: "EMEA" },
    });
    expect(toCurrentUser({ ...member, isInactive: true }, [], {}).status).toBe("deactivated");
    // A listed member's names may also be null or missing (wire-schemas.ts `name`): no name either way.
    const { firstName: _first, lastName: _last, ...unnamed } = member;
    for (const names of [{ firstName: null, lastName: null }, {}]) {
      const user = toCurrentUser({ ...unnamed, ...names }, [], {});
      expect(user).not.toHaveProperty("firstName");
      expect(user).not.toHaveProperty("lastName");
    }
  });

  it("sends the org's spelling of an account type", () => {
    expect(resolveRoleName("creator", ["admin", "Creator"])).toBe("Creator");
    expect(resolveRoleName("Analyst", undefined)).toBe("Analyst");
  });

  it("builds a create body with teams and the address as written", () => {
    expect(
      toCreateMemberBody(
        {
          email: "n@a.example",
          emailAsWritten: "N@a.example",
          firstName: "N",
          groups: ["Sales"],
          attributes: {},
          status: "active",
          role: "VIEWER",
        },
        ["t1"],
        ["viewer"],
      ),
    ).toEqual({
      email: "N@a.example",
      firstName: "N",
      lastName: "",
      memberType: "viewer",
      addToTeams: [{ teamId: "t1" }],
    });
  });

  it("merges field changes, a rename and a reactivation into one PATCH body", () => {
    expect(
      toUpdateMemberBody(
        {
          fields: [
            { field: "firstName", from: "A", to: "B" },
            { field: "role", from: "viewer", to: "explorer" },
          ],
          newEmail: "b@a.example",
          reactivate: true,
          wasInactive: true,
        },
        ["Explorer"],
      ),
    ).toEqual({ firstName: "B", memberType: "Explorer", email: "b@a.example", isArchived: false, isInactive: false });
  });
});
