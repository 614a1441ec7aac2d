import { describe, expect, it } from "vitest";
import { desiredUser } from "../../plan/test-builders.js";
import { validateAdobeUser } from "./validate-user.js";

const columns = { email: 1, first_name: 2, last_name: 3, country: 4, type: 5 };

describe("validateAdobeUser", () => {
  it("accepts a well-formed row of each identity type, case-insensitively", () => {
    for (const type of ["adobeID", "ENTERPRISEID", "federatedid"]) {
      expect(validateAdobeUser(desiredUser({ email: "a@x.com", type, country: "US" }), "users.csv", columns)).toEqual(
        [],
      );
    }
  });

  it("flags an unknown type and a bad country on their columns", () => {
    const diagnostics = validateAdobeUser(
      desiredUser({ email: "a@x.com", line: 7, type: "google", country: "USA" }),
      "users.csv",
      columns,
    );
    expect(diagnostics.map((d) => [d.severity, d.code, d.line, d.column])).toEqual([
      ["error", "ROW_INVALID_VALUE", 7, 5],
      ["error", "ROW_INVALID_VALUE", 7, 4],
    ]);
    expect(diagnostics[0]?.message).toContain("adobeID, enterpriseID or federatedID");
  });

  it("flags strings over Adobe's limits", () => {
    const user = desiredUser({ email: `${"a".repeat(55)}@x.com`, firstName: "f".repeat(251) });
    expect(
      validateAdobeUser(user, "users.csv", columns).map((d) => [d.column, d.message.includes("too_long")]),
    ).toEqual([
      [1, true],
      [2, true],
    ]);
  });

  it("warns when a row says federatedID and has no country to be created with", () => {
    const user = desiredUser({ email: "a@x.com", type: "federatedID" });
    expect(validateAdobeUser(user, "users.csv", columns)).toMatchObject([{ severity: "warning", column: 4 }]);
    expect(validateAdobeUser(user, "users.csv", columns, { defaultCountry: "US" })).toEqual([]);
    expect(validateAdobeUser(desiredUser({ email: "a@x.com" }), "users.csv", columns)).toEqual([]);
  });
});
