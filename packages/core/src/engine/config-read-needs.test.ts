import { describe, expect, it } from "vitest";
import { parseRosterConfig } from "../config/load-config.js";
import { resolveMultiVendor } from "../csv/multi-vendor.js";
import { readCsvRecords } from "../csv/read-users-csv.js";
import type { DesiredState } from "../model/desired.js";
import { readNeedsOf } from "../plan/read-needs.js";
import { adobeVendor } from "../vendors/adobe/index.js";
import { periscopeVendor } from "../vendors/periscope/index.js";
import { sigmaVendor } from "../vendors/sigma/index.js";
import { sigmaDemoSeed } from "../vendors/sigma/simulator/index.js";
import { quietContext, startSigmaHarness } from "../vendors/sigma/test-helpers.js";
import type { VendorModule } from "../vendors/vendor.js";
import { type ConfigTarget, planConfigTarget } from "./config-run.js";
import { vendorCsvOptions } from "./validate-for-vendor.js";

// roster.yml runs go through the same rule as one-vendor runs: each target's desired state (its
// own columns, company groups mapped to its groups) decides what its read needs.
const CONFIG = await parseRosterConfig(
  `vendors:
  sigma:
  adobe:
    default-identity-type: federatedID
  periscope:
groups:
  Analysts:
    sigma: [Analytics]
    periscope: [Analysts]
  Designers:
    adobe: [Creative Cloud All Apps]
`,
  "roster.yml",
  "/repo",
);
const modules: readonly VendorModule[] = [sigmaVendor, adobeVendor, periscopeVendor];

async function resolve(text: string) {
  const records: { record: string[]; line: number }[] = [];
  await readCsvRecords(
    { file: "users.csv", input: text },
    { record: (record, line) => records.push({ record, line }), report: () => undefined },
  );
  return resolveMultiVendor([{ file: "users.csv", records, diagnostics: [] }], {
    config: CONFIG,
    modules,
    csvOptions: vendorCsvOptions,
  });
}

function needsOf(users: Awaited<ReturnType<typeof resolve>>, id: "sigma" | "adobe" | "periscope") {
  const desired = users.byTarget.get(id) as DesiredState;
  const vendor = CONFIG.vendors.find((v) => v.id === id);
  const module = modules.find((m) => m.id === id);
  if (vendor === undefined || module === undefined) throw new Error(id);
  return readNeedsOf(desired, vendor.policy, module.capabilities);
}

describe("roster.yml: what each vendor's read needs", () => {
  it("company groups count as the groups they map to, per vendor; vendor columns count for their vendor", async () => {
    const users = await resolve(
      [
        "email,first_name,last_name,groups,sigma.role,sigma.attr:region",
        "ada@acme.example,Ada,Lovelace,Analysts,creator,EMEA",
        "linus@acme.example,Linus,T,Designers,,",
        "",
      ].join("\n"),
    );
    expect(users.diagnostics).toEqual([]);
    expect(needsOf(users, "sigma")).toEqual({
      roles: true,
      groups: { named: ["Analytics"] },
      attributes: { named: ["region"] },
    });
    expect(needsOf(users, "adobe")).toEqual({
      roles: false,
      groups: { named: ["Creative Cloud All Apps"] },
      attributes: "none",
    });
    expect(needsOf(users, "periscope")).toEqual({ roles: false, groups: { named: ["Analysts"] }, attributes: "none" });
  });

  it("a vendor's own groups column counts for that vendor only", async () => {
    const users = await resolve(
      ["email,first_name,vendors,adobe.groups", "ada@acme.example,Ada,sigma;adobe,Photoshop", ""].join("\n"),
    );
    expect(users.diagnostics).toEqual([]);
    // Managed in Adobe: what roster.yml maps to it, and what the file names in adobe.groups.
    expect(needsOf(users, "adobe").groups).toEqual({ named: ["Creative Cloud All Apps", "Photoshop"] });
    expect(needsOf(users, "sigma")).toEqual({ roles: false, groups: "none", attributes: "none" });
  });

  it("no groups column: no vendor's groups, though roster.yml maps some to each", async () => {
    const users = await resolve(
      ["email,first_name,vendors", "ada@acme.example,Ada,sigma;adobe;periscope", ""].join("\n"),
    );
    expect(users.diagnostics).toEqual([]);
    for (const id of ["sigma", "adobe", "periscope"] as const) expect(needsOf(users, id).groups).toBe("none");
  });

  it("plans a Sigma target of a names-and-company-groups file with the teams it maps to, no other listing", async () => {
    await using h = await startSigmaHarness({ seed: sigmaDemoSeed });
    const users = await resolve(
      ["email,first_name,last_name,groups", "ada.lovelace@acme.example,Ada,Lovelace,Analysts;Designers", ""].join("\n"),
    );
    const config = CONFIG.vendors.find((v) => v.id === "sigma");
    if (config === undefined) throw new Error("sigma");
    const target: ConfigTarget = { config, vendor: h.vendor, policy: config.policy };
    const { plan } = await planConfigTarget({ users, target, context: quietContext });
    const routes = h.sim.requests.map((r) => r.route).sort();
    expect(routes).toEqual(["auth.token", "members.list", "teams.list", "teams.members.list", "whoami"]);
    // Ada is already in Analytics: nothing to change, and none of her other teams is managed.
    expect(plan.changes).toEqual([]);
  });
});
