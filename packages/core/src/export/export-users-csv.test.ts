import { describe, expect, it } from "vitest";
import { readUsersCsv } from "../csv/read-users-csv.js";
import { defaultPolicy } from "../model/policy.js";
import { planChanges } from "../plan/plan-changes.js";
import { capabilitiesOf, directoryOf } from "../plan/test-builders.js";
import { createMemoryVendor } from "../vendors/memory/vendor.js";
import { csvLine } from "./csv-text.js";
import { exportUsersCsv } from "./export-users-csv.js";

describe("exportUsersCsv", () => {
  it("writes hostile vendor values so they read back exactly and plan to zero changes", async () => {
    const directory = directoryOf(
      [
        { email: "#hash@x.io", firstName: 'Bob "The Builder"', lastName: "O'Brien, Jr.", groups: ["Sales"] },
        { email: "nl@x.io", firstName: "Line\nBreak", lastName: '=HYPERLINK("x")', groups: [] },
        {
          email: "md@x.io",
          firstName: "<img src=x> | @octocat",
          lastName: "Zed",
          status: "deactivated",
          groups: ["Ops"],
        },
        { email: "attr@x.io", attributes: { region: "EU, West" }, role: "viewer", groups: ["_org_admin", "Sales"] },
      ],
      { groups: [{ id: "r", name: "_org_admin", reserved: true }], roles: ["viewer"], attributes: ["region"] },
    );
    const capabilities = capabilitiesOf({ isReservedGroup: (name) => name.startsWith("_") });
    const exported = exportUsersCsv(directory, capabilities);
    expect(exported.warnings).toEqual([]);
    expect(exported.text.split("\n")[0]).toBe("email,first_name,last_name,role,groups,status,attr:region");
    const desired = await readUsersCsv({ file: "users.csv", input: exported.text });
    expect(desired.diagnostics).toEqual([]);
    expect(desired.users.map((u) => [u.email, u.firstName, u.lastName])).toEqual([
      ["#hash@x.io", 'Bob "The Builder"', "O'Brien, Jr."],
      ["attr@x.io", undefined, undefined],
      ["md@x.io", "<img src=x> | @octocat", "Zed"],
      ["nl@x.io", "Line\nBreak", '=HYPERLINK("x")'],
    ]);
    const vendor = createMemoryVendor(directory, { capabilities });
    const plan = planChanges({ desired, directory, policy: defaultPolicy, vendor });
    expect(plan.changes).toEqual([]);
  });

  it("leaves the groups cell blank, with a warning, for a group name holding a separator", () => {
    const directory = directoryOf([{ email: "a@x.io", groups: ["R&D; Labs"] }]);
    const exported = exportUsersCsv(directory, capabilitiesOf());
    expect(exported.warnings).toEqual([
      'a@x.io: group "R&D; Labs" contains ";", which separates groups in a cell; their groups cell is left blank (unmanaged)',
    ]);
    expect(exported.text).toBe("email,first_name,last_name,groups\na@x.io,,,\n");
  });
});

describe("csvLine", () => {
  it("quotes commas, quotes, line breaks, edge spaces and a leading # in the first cell only", () => {
    expect(csvLine(["#a", "#b", "x,y", 'q"', " s", "plain"])).toBe('"#a",#b,"x,y","q"""," s",plain');
  });
});
