import { describe, expect, it } from "vitest";
import { parseRosterConfig } from "../config/load-config.js";
import { formatLocation } from "../diagnostics.js";
import { planForVendor } from "../engine/run-plan.js";
import { vendorCsvOptions } from "../engine/validate-for-vendor.js";
import { directoryOf } from "../plan/test-builders.js";
import { adobeVendor } from "../vendors/adobe/index.js";
import { createMemoryVendor } from "../vendors/memory/vendor.js";
import { periscopeVendor } from "../vendors/periscope/index.js";
import { sigmaVendor } from "../vendors/sigma/index.js";
import type { VendorContext } from "../vendors/vendor.js";
import { desiredFor, LINE_STRIDE, resolveMultiVendor } from "./multi-vendor.js";
import { localisePlan } from "./multi-vendor-lines.js";
import { readCsvRecords } from "./read-users-csv.js";

const CONFIG = await parseRosterConfig(
  `vendors:
  sigma:
    absent-users: deactivate
  adobe:
    default-identity-type: federatedID
  periscope:
groups:
  Analysts:
    sigma: [Analytics]
    periscope: [Analysts]
    adobe: [Acrobat Pro DC]
  Designers:
    adobe: [Creative Cloud All Apps, Design Team]
  Finance:
    sigma: [Finance]
`,
  "roster.yml",
  "/repo",
);
const modules = [sigmaVendor, adobeVendor, periscopeVendor];

async function records(file: string, text: string) {
  const collected: { record: string[]; line: number }[] = [];
  const diagnostics: {
    severity: "error";
    code: "CSV_MALFORMED" | "CSV_INVALID_UTF8";
    message: string;
    file: string;
    line: number;
  }[] = [];
  await readCsvRecords(
    { file, input: text },
    {
      record: (record, line) => {
        if (record.some((f) => f.trim() !== "")) collected.push({ record, line });
      },
      report: (code, message, line) => diagnostics.push({ severity: "error", code, message, file, line }),
    },
  );
  return { file, records: collected, diagnostics };
}

async function resolve(files: Record<string, string>) {
  const read = await Promise.all(Object.entries(files).map(([file, text]) => records(file, text)));
  return resolveMultiVendor(read, { config: CONFIG, modules, csvOptions: vendorCsvOptions });
}

function located(result: Awaited<ReturnType<typeof resolve>>): string[] {
  return result.diagnostics.map((d) => `${formatLocation(d)} ${d.code}: ${d.message}`);
}

describe("resolveMultiVendor", () => {
  it("resolves the design example: company groups per vendor, vendor columns win, membership by mapping", async () => {
    const result = await resolve({
      "users.csv": [
        "email,first_name,last_name,groups,sigma.role,adobe.country",
        "ada@acme.example,Ada,Lovelace,Analysts;Designers,creator,GB",
        "grace@acme.example,Grace,Hopper,Analysts,viewer,",
        "linus@acme.example,Linus,T,Designers,,",
        "",
      ].join("\n"),
    });
    expect(located(result)).toEqual([]);
    const sigma = result.byTarget.get("sigma");
    expect(sigma?.users.map((u) => [u.email, u.role, u.groups])).toEqual([
      ["ada@acme.example", "creator", ["Analytics"]],
      ["grace@acme.example", "viewer", ["Analytics"]],
    ]);
    // Every group the mapping names for a vendor is managed, used in the file or not.
    expect(sigma?.groupsNamed).toEqual(["Analytics", "Finance"]);
    const adobe = result.byTarget.get("adobe");
    expect(adobe?.users.map((u) => [u.email, u.country, u.role, u.groups])).toEqual([
      ["ada@acme.example", "GB", undefined, ["Acrobat Pro DC", "Creative Cloud All Apps", "Design Team"]],
      ["grace@acme.example", undefined, undefined, ["Acrobat Pro DC"]],
      ["linus@acme.example", undefined, undefined, ["Creative Cloud All Apps", "Design Team"]],
    ]);
    expect(result.byTarget.get("periscope")?.users.map((u) => u.email)).toEqual([
      "ada@acme.example",
      "grace@acme.example",
    ]);
  });

  it("lets a filled vendor cell win over the common one and a blank one fall back; <vendor>.groups adds native names", async () => {
    const result = await resolve({
      "users.csv": [
        "email,first_name,sigma.first_name,groups,sigma.groups,attr:region,sigma.attr:region",
        "a@x.io,Ann,Annie,Analysts,Admins,EU,",
        "b@x.io,Bob,,,Ops,EU,US",
        "",
      ].join("\n"),
    });
    expect(located(result)).toEqual([]);
    const sigma = result.byTarget.get("sigma");
    expect(sigma?.users.map((u) => [u.email, u.firstName, u.groups, u.attributes])).toEqual([
      ["a@x.io", "Annie", ["Analytics", "Admins"], { region: "EU" }],
      ["b@x.io", "Bob", ["Ops"], { region: "US" }],
    ]);
    expect(sigma?.groupsNamed).toEqual(["Analytics", "Finance", "Admins", "Ops"]);
    // Bob has no company group that maps to Adobe and no adobe. cell: absent for Adobe.
    expect(result.byTarget.get("adobe")?.users.map((u) => u.email)).toEqual(["a@x.io"]);
  });

  it("uses the vendors column when the cell is filled, the rule otherwise", async () => {
    const result = await resolve({
      "users.csv": [
        "email,groups,vendors",
        "a@x.io,Analysts,sigma",
        "b@x.io,Designers,sigma;adobe",
        "c@x.io,Analysts,",
        "",
      ].join("\n"),
    });
    expect(located(result)).toEqual([]);
    expect(result.byTarget.get("sigma")?.users.map((u) => [u.email, u.groups])).toEqual([
      ["a@x.io", ["Analytics"]],
      ["b@x.io", []],
      ["c@x.io", ["Analytics"]],
    ]);
    expect(result.byTarget.get("adobe")?.users.map((u) => u.email)).toEqual(["b@x.io", "c@x.io"]);
    expect(result.byTarget.get("periscope")?.users.map((u) => u.email)).toEqual(["c@x.io"]);
  });

  it("reports unknown company groups, vendors and vendor columns with did-you-mean, at their column", async () => {
    const result = await resolve({
      "users.csv": [
        "email,groups,vendors,sigma.rol,sigmma.role,adobe.email",
        "a@x.io,Analyst;Finance,sigma,,,",
        "b@x.io,,adobbe,,,",
        "",
      ].join("\n"),
    });
    expect(located(result)).toEqual([
      "users.csv:1:4 CSV_UNKNOWN_COLUMN: unknown column `sigma.rol`; did you mean `sigma.role`?",
      "users.csv:1:5 CSV_UNKNOWN_VENDOR: column `sigmma.role`: `sigmma` is not a vendor; did you mean `sigma`?; vendor columns are `<vendor>.<column>`, e.g. `sigma.role`",
      "users.csv:1:6 CSV_UNKNOWN_COLUMN: unknown column `adobe.email`; `email` is the key of the row and is the same for every vendor",
      "users.csv:2:2 ROW_UNKNOWN_COMPANY_GROUP: `Analyst` is not a company group in roster.yml; did you mean `Analysts`?",
      "users.csv:3:3 ROW_INVALID_VENDORS: `adobbe` is not a vendor in roster.yml (`vendors:` lists sigma, adobe, periscope); did you mean `adobe`?",
    ]);
    // Invalid for every vendor: no plan from part of the file.
    expect(result.byTarget.get("periscope")?.diagnostics).toHaveLength(5);
  });

  it("reads several files as one, each row with its own file and line; a person in two files names both", async () => {
    const result = await resolve({
      "people/a.csv": ["email,groups", "a@x.io,Analysts", "dup@x.io,Analysts", ""].join("\n"),
      "people/b.csv": ["# data team", "email,groups", "b@x.io,Finance", "DUP@x.io,Finance", ""].join("\n"),
    });
    expect(located(result)).toEqual([
      "people/b.csv:4:1 ROW_DUPLICATE_EMAIL: `DUP@x.io` is also on people/a.csv:3; list each person once across the users files",
    ]);
    const sigma = result.byTarget.get("sigma");
    expect(sigma?.file).toBe("people/a.csv, people/b.csv");
    // Lines are unique across the set (LINE_STRIDE per file) so the engine can key rows by line.
    expect(sigma?.users.map((u) => `${u.file}:${u.line} ${u.email}`)).toEqual([
      "people/a.csv:2 a@x.io",
      "people/a.csv:3 dup@x.io",
      `people/b.csv:${LINE_STRIDE + 3} b@x.io`,
    ]);
  });

  it("gives each listed Periscope site its own target, a site mapping replacing the vendor's", async () => {
    const config = await parseRosterConfig(
      "vendors:\n  periscope:\n    sites: [acme-analytics, acme-rbac]\ngroups:\n  Analysts:\n    periscope: [Analysts]\n    periscope.acme-rbac: [Viewer]\n  Finance:\n    periscope.acme-analytics: [Finance]\n",
      "roster.yml",
      "/repo",
    );
    const read = await records("users.csv", "email,groups\na@x.io,Analysts\nb@x.io,Finance\n");
    const result = resolveMultiVendor([read], { config, modules: [periscopeVendor], csvOptions: vendorCsvOptions });
    expect([...result.byTarget.keys()]).toEqual(["periscope.acme-analytics", "periscope.acme-rbac"]);
    expect(desiredFor(result, "periscope", "acme-analytics")?.users.map((u) => [u.email, u.groups])).toEqual([
      ["a@x.io", ["Analysts"]],
      ["b@x.io", ["Finance"]],
    ]);
    expect(desiredFor(result, "periscope", "acme-rbac")?.users.map((u) => [u.email, u.groups])).toEqual([
      ["a@x.io", ["Viewer"]],
    ]);

    // A site's own column and a `vendors` cell naming one site.
    const sited = await records(
      "users.csv",
      "email,groups,vendors,periscope.acme-rbac.groups\nc@x.io,,periscope.acme-rbac,Editor\nd@x.io,Finance,periscope,\n",
    );
    const both = resolveMultiVendor([sited], { config, modules: [periscopeVendor], csvOptions: vendorCsvOptions });
    expect(both.diagnostics).toEqual([]);
    expect(desiredFor(both, "periscope", "acme-rbac")?.users.map((u) => [u.email, u.groups])).toEqual([
      ["c@x.io", ["Editor"]],
      ["d@x.io", []],
    ]);
    expect(desiredFor(both, "periscope", "acme-analytics")?.users.map((u) => [u.email, u.groups])).toEqual([
      ["d@x.io", ["Finance"]],
    ]);
  });

  it("points a vendor's own row check at the vendor column", async () => {
    const result = await resolve({
      "users.csv": ["email,groups,adobe.type", "a@x.io,Designers,enterprise", ""].join("\n"),
    });
    expect(located(result).some((line) => line.startsWith("users.csv:2:3 "))).toBe(true);
  });

  it("meets each vendor's every offline row rule, as a single-vendor file does: a reserved group is an error before any vendor is read", async () => {
    const result = await resolve({
      "users.csv": ["email,groups,periscope.groups", "a@x.io,Analysts,Everyone", "b@x.io,Analysts,", ""].join("\n"),
    });
    expect(located(result).filter((line) => line.includes("PLAN_RESERVED_GROUP"))).toEqual([
      expect.stringMatching(/^users\.csv:2:3 PLAN_RESERVED_GROUP: .*Everyone/),
    ]);
    expect(desiredFor(result, "periscope")?.users.map((u) => u.email)).toEqual(["b@x.io"]);
  });
});

describe("a multi-vendor file through the single-vendor engine", () => {
  const context: VendorContext = { logger: { info() {}, warn() {}, debug() {} } };
  it("leaving the last company group that maps into a vendor makes the person absent there: a destructive change", async () => {
    const result = await resolve({
      "users.csv": ["email,groups", "a@x.io,Designers", "b@x.io,Analysts", ""].join("\n"),
    });
    const desired = result.byTarget.get("sigma");
    if (desired === undefined) throw new Error("sigma missing");
    const vendor = createMemoryVendor(
      directoryOf([
        { email: "a@x.io", groups: ["Analytics"] },
        { email: "b@x.io", groups: ["Analytics"] },
      ]),
    );
    const policy = CONFIG.vendors[0]?.policy;
    if (policy === undefined) throw new Error("policy missing");
    const { plan } = await planForVendor({ desired, vendor, policy, context });
    expect(plan.changes.map((c) => [c.kind, "email" in c ? c.email : ""])).toEqual([["deactivate-user", "a@x.io"]]);
    expect(plan.safety.destructive).toBe(1);
  });

  it("plans rows of several files with each change naming its own file and line", async () => {
    const result = await resolve({
      "people/a.csv": ["email,groups", "a@x.io,Analysts", ""].join("\n"),
      "people/b.csv": ["email,groups", "b@x.io,Analysts", ""].join("\n"),
    });
    const desired = result.byTarget.get("sigma");
    if (desired === undefined) throw new Error("sigma missing");
    const vendor = createMemoryVendor(directoryOf([], { groups: ["Analytics"] }));
    const policy = CONFIG.vendors[0]?.policy;
    if (policy === undefined) throw new Error("policy missing");
    const { plan } = await planForVendor({ desired, vendor, policy, context });
    const local = localisePlan(plan, result.files);
    expect(local.changes.filter((c) => c.kind === "create-user").map((c) => `${c.file}:${c.line}`)).toEqual([
      "people/a.csv:2",
      "people/b.csv:2",
    ]);
    expect(local.checksum).toBe(plan.checksum);
  });
});
