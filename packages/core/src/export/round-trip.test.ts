import { describe, expect, it } from "vitest";
import { parseRosterConfig } from "../config/load-config.js";
import { resolveMultiVendor } from "../csv/multi-vendor.js";
import { readCsvRecords, readUsersCsv } from "../csv/read-users-csv.js";
import { planForVendor } from "../engine/run-plan.js";
import { vendorCsvOptions } from "../engine/validate-for-vendor.js";
import type { Directory } from "../model/directory.js";
import { defaultPolicy } from "../model/policy.js";
import {
  adobeSimulatorEnv,
  periscopeSimulatorEnv,
  sigmaSimulatorEnv,
  startAdobeSimulator,
  startPeriscopeSimulator,
  startSigmaSimulator,
} from "../testing/index.js";
import { adobeVendor } from "../vendors/adobe/index.js";
import { parseDirectorySnapshot } from "../vendors/memory/snapshot.js";
import { periscopeVendor } from "../vendors/periscope/index.js";
import { sigmaVendor } from "../vendors/sigma/index.js";
import type { Vendor, VendorContext, VendorModule } from "../vendors/vendor.js";
import { type ExportTarget, exportMultiVendorCsv } from "./export-multi-vendor.js";
import { exportUsersCsv } from "./export-users-csv.js";
import { directoryToSnapshot } from "./snapshot.js";

// Export, then plan = 0 changes, against seeded simulators: thousands of users per vendor, ten
// teams, a Sigma attribute, archived members, two Periscope sites (v1 groups and RBAC roles) and
// Adobe user groups, product profiles, identity types and countries. ROSTER_EXPORT_USERS sets the
// size (the closing note's 10,000-user timing was measured with ROSTER_EXPORT_USERS=10000).
const N = Number(process.env.ROSTER_EXPORT_USERS ?? 3000);
const TEAMS = Array.from({ length: 10 }, (_, i) => `Team ${i}`);
const REGIONS = ["EMEA", "AMER", "APAC"];
const context: VendorContext = { logger: { info() {}, warn() {}, debug() {} } };
const email = (i: number): string => (i % 11 === 0 ? `User.${i}@Acme.test` : `user.${i}@acme.test`);
const indexes = (keep: (i: number) => boolean): number[] => Array.from({ length: N }, (_, i) => i).filter(keep);

async function startAll() {
  const sigma = await startSigmaSimulator({
    config: { legacyArrays: false },
    seed: {
      organizationId: "round-trip",
      teams: TEAMS,
      userAttributes: ["region"],
      members: indexes((i) => i % 4 !== 3).map((i) => ({
        email: email(i),
        firstName: `First${i}`,
        lastName: i % 13 === 0 ? `O'Brien, ${i}` : `Last${i}`,
        memberType: ["viewer", "creator", "explorer"][i % 3] ?? "viewer",
        ...(i % 50 === 0 ? { isArchived: true } : {}),
        teams: i % 7 === 0 ? [`Team ${i % 10}`, `Team ${(i + 3) % 10}`] : [`Team ${i % 10}`],
        ...(i % 5 === 0 ? {} : { attributes: { region: REGIONS[i % 3] ?? "EMEA" } }),
      })),
    },
  });
  const periscopeSeed = {
    sites: [
      {
        name: "site-a",
        apiKey: "round-trip-key-a-0123456789",
        rbac: false,
        groups: [...TEAMS, "Everyone"],
        users: [
          { email: "admin@acme.test", first_name: "Ada", last_name: "Admin", groups: [] },
          ...indexes((i) => i % 3 !== 1).map((i) => ({
            email: email(i),
            first_name: `First${i}`,
            // A name that differs from Sigma's: exported as a site column.
            last_name: i % 17 === 0 ? `Other${i}` : i % 13 === 0 ? `O'Brien, ${i}` : `Last${i}`,
            groups: i % 2 === 0 ? [`Team ${i % 10}`, "Everyone"] : [`Team ${i % 10}`],
          })),
        ],
      },
      {
        name: "site-b",
        apiKey: "round-trip-key-b-0123456789",
        rbac: true,
        roles: ["Viewer", "Editor", "Admin"],
        users: [
          { email: "admin@acme.test", first_name: "Ada", last_name: "Admin", groups: ["Admin"] },
          ...indexes((i) => i % 5 < 2).map((i) => ({
            email: email(i),
            first_name: `First${i}`,
            last_name: i % 13 === 0 ? `O'Brien, ${i}` : `Last${i}`,
            groups: [i % 2 === 0 ? "Viewer" : "Editor"],
          })),
        ],
      },
    ],
  };
  const periscope = await startPeriscopeSimulator({ seed: periscopeSeed });
  const adobe = await startAdobeSimulator({
    rateLimits: false,
    seed: {
      orgId: "ROUNDTRIP0123456789@AdobeOrg",
      clientId: "round-trip-client",
      clientSecret: "round-trip-secret-0123456789",
      groups: [
        ...TEAMS.map((groupName) => ({ groupName, type: "USER_GROUP" as const })),
        { groupName: "All Apps", type: "PRODUCT_PROFILE" as const, productName: "Creative Cloud All Apps" },
        { groupName: "_org_admin", type: "SYSADMIN_GROUP" as const },
      ],
      users: indexes((i) => i % 2 === 0).map((i) => ({
        email: email(i),
        type: i % 4 === 0 ? ("federatedID" as const) : ("enterpriseID" as const),
        firstname: `First${i}`,
        lastname: i % 13 === 0 ? `O'Brien, ${i}` : `Last${i}`,
        country: ["US", "GB", "DE"][i % 3] ?? "US",
        groups: i % 6 === 0 ? [`Team ${i % 10}`, "All Apps"] : i === 2 ? ["_org_admin", "Team 2"] : [`Team ${i % 10}`],
      })),
    },
  });
  const env = {
    ...sigmaSimulatorEnv(sigma),
    ...periscopeSimulatorEnv(periscope, periscopeSeed),
    ...adobeSimulatorEnv(adobe),
  };
  return { env, close: () => Promise.all([sigma.close(), periscope.close(), adobe.close()]) };
}

const CONFIG = await parseRosterConfig(
  `vendors:
  sigma:
  periscope:
    sites: [site-a, site-b]
  adobe:
groups:
${TEAMS.map((t) => `  ${t}:\n    sigma: [${t}]\n    periscope.site-a: [${t}]\n    adobe: [${t}]`).join("\n")}
  Everyone:
    periscope.site-a: [Everyone]
  Creative:
    adobe: [All Apps]
  Editors:
    periscope.site-b: [Editor]
`,
  "roster.yml",
  "/repo",
);

const MODULES: readonly VendorModule[] = [sigmaVendor, periscopeVendor, adobeVendor];

async function readAll(env: Record<string, string>) {
  const targets: { key: string; module: VendorModule; vendor: Vendor }[] = [];
  for (const module of MODULES) {
    const vendors = module.create(env, { mode: "plan", logger: context.logger });
    for (const vendor of vendors) {
      targets.push({ key: vendor.target === undefined ? module.id : `${module.id}.${vendor.target}`, module, vendor });
    }
  }
  const times = new Map<string, number>();
  const directories = await Promise.all(
    targets.map(async (t) => {
      const started = performance.now();
      const directory = await t.vendor.read(context);
      times.set(t.key, performance.now() - started);
      return directory;
    }),
  );
  return { targets, directories, times };
}

async function recordsOf(file: string, text: string) {
  const records: { record: string[]; line: number }[] = [];
  await readCsvRecords(
    { file, input: text },
    { record: (record, line) => records.push({ record, line }), report: () => {} },
  );
  return { file, records: records.filter((r) => r.record.some((f) => f.trim() !== "")), diagnostics: [] };
}

describe(`export round trip (${N} users per vendor)`, () => {
  it("export then plan gives 0 changes for each vendor and site, the merged file, and a snapshot", {
    timeout: 240_000,
  }, async () => {
    const sims = await startAll();
    try {
      const { targets, directories, times } = await readAll(sims.env);
      expect(targets.map((t) => t.key)).toEqual(["sigma", "periscope.site-a", "periscope.site-b", "adobe"]);
      const sizes = directories.map((d) => d.users.length);
      for (const size of sizes) expect(size).toBeGreaterThan(N / 3);

      // Each vendor and site in today's single-vendor format.
      for (const [i, target] of targets.entries()) {
        const directory = directories[i] as Directory;
        const started = performance.now();
        const exported = exportUsersCsv(directory, target.module.capabilities);
        times.set(`${target.key} write`, performance.now() - started);
        expect(exported.warnings).toEqual([]);
        const validateUser = target.module.validateUser?.bind(target.module);
        const desired = await readUsersCsv(
          { file: `${target.key}.csv`, input: exported.text },
          {
            groupSeparators: target.module.capabilities.groupSeparators,
            ...(validateUser === undefined ? {} : { validateUser }),
          },
        );
        expect(desired.diagnostics).toEqual([]);
        expect(desired.users).toHaveLength(directory.users.length);
        const { plan } = await planForVendor({ desired, vendor: target.vendor, policy: defaultPolicy, context });
        expect({ target: target.key, changes: plan.changes.length, errors: plan.diagnostics }).toEqual({
          target: target.key,
          changes: 0,
          errors: [],
        });
      }

      // Every vendor merged by email in roster.yml's format, planned with an exacting policy.
      const read: ExportTarget[] = targets.map((t, i) => ({
        key: t.key,
        id: t.module.id,
        directory: directories[i] as Directory,
        capabilities: t.module.capabilities,
      }));
      const merged = exportMultiVendorCsv(CONFIG, read);
      expect(merged.warnings).toEqual([]);
      const header = merged.text.split("\n")[0] ?? "";
      expect(header).toContain("periscope.site-a.last_name");
      expect(header).toContain("sigma.attr:region");
      // Company groups are used where the mapping gives them: most rows carry one.
      const rows = merged.text.trim().split("\n").slice(1);
      expect(rows.filter((row) => row.includes(",Team ")).length).toBeGreaterThan(N / 4);
      const resolved = resolveMultiVendor([await recordsOf("users.csv", merged.text)], {
        config: CONFIG,
        modules: MODULES,
        csvOptions: vendorCsvOptions,
      });
      expect(resolved.diagnostics).toEqual([]);
      for (const target of targets) {
        const desired = resolved.byTarget.get(target.key);
        if (desired === undefined) throw new Error(`${target.key} not resolved`);
        const policy = { ...defaultPolicy, absentUsers: "remove-groups" as const, groupScope: "exact" as const };
        const { plan } = await planForVendor({ desired, vendor: target.vendor, policy, context });
        expect({ target: target.key, changes: plan.changes.slice(0, 3), errors: plan.diagnostics }).toEqual({
          target: target.key,
          changes: [],
          errors: [],
        });
      }

      // The snapshot reads back as the same directory.
      for (const directory of directories) {
        const back = parseDirectorySnapshot(JSON.parse(directoryToSnapshot(directory)), "snapshot.json");
        // `admin` (why a user is never changed) is derived by the vendor on read, not part of the snapshot.
        expect(back.users).toEqual(directory.users.map(({ admin: _admin, ...user }) => user));
      }
      console.info(
        `export round trip, ${N} users: ${targets.map((t, i) => `${t.key} ${sizes[i]} users read in ${Math.round(times.get(t.key) ?? 0)} ms, written in ${Math.round(times.get(`${t.key} write`) ?? 0)} ms`).join("; ")}`,
      );
    } finally {
      await sims.close();
    }
  });
});
