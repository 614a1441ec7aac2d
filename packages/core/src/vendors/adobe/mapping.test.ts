import { describe, expect, it } from "vitest";
import { adobeCapabilities } from "./capabilities.js";
import { isReservedGroupName, toCurrentGroup, toCurrentUser } from "./mapping.js";
import { existing } from "./test-helpers.js";

describe("adobe mapping", () => {
  it("reserves Adobe's admin groups by name and by kind", () => {
    for (const name of [
      "_org_admin",
      "_support_admin",
      "_admin_Designers",
      "_product_admin_Photoshop",
      "_developer_Acrobat",
    ]) {
      expect(isReservedGroupName(name)).toBe(true);
    }
    expect(isReservedGroupName("Designers")).toBe(false);
    expect(toCurrentGroup({ groupName: "Support", type: "SUPPORT_ADMIN_GROUP", groupId: 7 })).toEqual({
      id: "7",
      name: "Support",
      kind: "SUPPORT_ADMIN_GROUP",
      reserved: true,
    });
    expect(toCurrentGroup({ groupName: "All Apps", type: "PRODUCT_PROFILE" })).toEqual({
      id: "All Apps",
      name: "All Apps",
      kind: "PRODUCT_PROFILE",
    });
  });

  it("keys users by username, else email, and keeps Adobe's fields", () => {
    expect(
      toCurrentUser({
        email: "e@x.com",
        username: "erin",
        domain: "x.com",
        type: "federatedID",
        firstname: "E",
        country: "DE",
        groups: ["A"],
      }),
    ).toEqual({
      id: "erin",
      email: "e@x.com",
      status: "active",
      groups: ["A"],
      firstName: "E",
      country: "DE",
      type: "federatedID",
      username: "erin",
      domain: "x.com",
    });
    expect(toCurrentUser({ email: "a@x.com" })).toEqual({
      id: "a@x.com",
      email: "a@x.com",
      status: "active",
      groups: [],
    });
  });

  it("lets the planner update names and federated usernames, never Adobe IDs or country", () => {
    expect(adobeCapabilities.updatableFields(existing("a@x.com", { type: "adobeID" }))).toEqual([]);
    expect(adobeCapabilities.updatableFields(existing("a@x.com", { type: "enterpriseID" }))).toEqual([
      "firstName",
      "lastName",
    ]);
    expect(adobeCapabilities.updatableFields(existing("a@x.com", { type: "federatedID" }))).toEqual([
      "firstName",
      "lastName",
      "username",
    ]);
  });
});
