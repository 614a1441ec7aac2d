import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readUsersCsvFile } from "./index.js";

// The vendors' own sample files (fixtures/public/README.md): Roster must read them as their users expect.
const FIXTURES = join(import.meta.dirname, "fixtures");

describe("public fixtures", () => {
  it("reads Sigma's batch update sample as 3 valid users, blank cells unmanaged", async () => {
    const state = await readUsersCsvFile(join(FIXTURES, "sigma-batch-update-users.csv"), {
      displayName: "sigma-batch-update-users.csv",
    });
    expect(state.diagnostics).toEqual([]);
    expect(state.columns).toEqual({ email: 1, first_name: 2, last_name: 3, new_email: 4, role: 5 });
    expect(state.users).toEqual([
      {
        line: 2,
        email: "gareth@sigmacomputing.com",
        emailAsWritten: "gareth@sigmacomputing.com",
        firstName: "Gary",
        lastName: "Brick",
        attributes: {},
      },
      {
        line: 3,
        email: "brett@sigmacomputing.com",
        emailAsWritten: "brett@sigmacomputing.com",
        role: "Creator",
        attributes: {},
      },
      {
        line: 4,
        email: "jacob@sigma.com",
        emailAsWritten: "jacob@sigma.com",
        newEmail: "jacob@sigmacomputing.com",
        newEmailAsWritten: "jacob@sigmacomputing.com",
        attributes: {},
      },
    ]);
  });

  it("reports the Adobe User Sync sample's ragged last row, and only that", async () => {
    const state = await readUsersCsvFile(join(FIXTURES, "adobe-user-sync-users-file.csv"), {
      displayName: "users-file.csv",
      groupSeparators: [";", ","],
    });
    expect(state.diagnostics).toHaveLength(1);
    expect(state.diagnostics[0]).toMatchObject({
      code: "CSV_RAGGED_ROW",
      line: 4,
      severity: "error",
      file: "users-file.csv",
    });
    expect(state.diagnostics[0]?.message).toContain("7 fields where the header has 8");
    expect(state.users.map((u) => [u.email, u.type, u.groups, u.country, u.username, u.domain])).toEqual([
      ["jsmith@example.com", "enterpriseID", ["AdobeCC-All"], "US", "jsmith", "example.com"],
      ["jdoe@example.com", "federatedID", ["AdobeCC-All"], "US", "jdoe", "example.com"],
    ]);
    expect(state.groupsNamed).toEqual(["AdobeCC-All"]);
  });
});
