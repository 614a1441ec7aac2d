import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./__tests__/run-cli.js";
import { startThreeVendors } from "./__tests__/three-vendors.js";

// roster.yml end to end: `node bin/roster.js` against the three demo simulators with a copy of
// examples/company (docs/roster-yml.md).

async function withCompany(test: (company: Awaited<ReturnType<typeof startThreeVendors>>) => Promise<void>) {
  const company = await startThreeVendors();
  try {
    await test(company);
  } finally {
    await company.close();
  }
}

// Each test spawns several `roster` processes one after another; on a loaded machine that takes
// longer than the default 30 s, which measures nothing here.
const SLOW = { timeout: 120_000 };

// Sequential: each test already runs several processes, and the other e2e files run meanwhile.
describe("roster.yml", () => {
  it("plans the company example for every vendor and site with no --vendor, read-only, one summary", SLOW, () =>
    withCompany(async (company) => {
      const run = await runCli(["plan", "--config", company.config], company.env);
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      const summary = run.stdout.slice(run.stdout.indexOf("Summary ("));
      expect(
        summary
          .split("\n")
          .slice(1, 5)
          .map((line) => line.trim().split(":")[0]),
      ).toEqual(["sigma", "periscope (acme-analytics)", "periscope (acme-rbac)", "adobe"]);
      expect(run.stdout).not.toMatch(/error|warning/i);
      expect(company.mutatingRequests()).toEqual([]);

      const narrowed = await runCli(["plan", "--config", company.config, "--vendor", "adobe", "--json"], company.env);
      expect(narrowed.code).toBe(0);
      expect((JSON.parse(narrowed.stdout) as { vendor: string }[]).map((plan) => plan.vendor)).toEqual(["adobe"]);
    }),
  );

  it("exports every vendor merged, and the export plans to zero changes; apply then converges", SLOW, () =>
    withCompany(async (company) => {
      const out = join(company.dir, "exported.csv");
      const exported = await runCli(["export", "--config", company.config, "-o", out], company.env);
      expect(exported.code).toBe(0);
      expect(exported.stderr).toMatch(
        /^Exported 25 users from sigma, periscope.acme-analytics, periscope.acme-rbac, adobe to .*exported.csv in [\d.]+ s \(read-only\)\.\n$/,
      );
      const again = await runCli(["plan", out, "--config", company.config], company.env);
      expect(again.code).toBe(0);
      expect(again.stdout.match(/: 0 changes \(0 destructive\)/g)).toHaveLength(4);
      expect(company.mutatingRequests()).toEqual([]);

      const applied = await runCli(["apply", "--config", company.config, "--yes"], company.env);
      expect(applied.code).toBe(0);
      expect(applied.stdout).toMatch(/sigma: 3 changes \(0 destructive\); applied 3, failed 0, skipped 0/);
      const after = await runCli(["plan", "--config", company.config], company.env);
      expect(after.stdout.match(/: 0 changes \(0 destructive\)/g)).toHaveLength(4);
    }),
  );

  it("refuses a policy flag, an acknowledgement without --vendor, and a vendor roster.yml does not manage", SLOW, () =>
    withCompany(async (company) => {
      const policy = await runCli(["plan", "--config", company.config, "--absent-users", "delete"], company.env);
      expect(policy.code).toBe(2);
      expect(policy.stderr).toContain("Set `absent-users` under `vendors.<vendor>` in");
      const ack = await runCli(["plan", "--config", company.config, "--allow-removals", "3"], company.env);
      expect(ack.code).toBe(2);
      expect(ack.stderr).toContain("add --vendor <id>");
      const yml = join(company.dir, "sigma-only.yml");
      await writeFile(yml, "vendors:\n  sigma:\n");
      const other = await runCli(["plan", "--config", yml, "--vendor", "adobe"], company.env);
      expect(other.code).toBe(2);
      expect(other.stderr).toContain("does not manage adobe");
    }),
  );

  it("reports roster.yml and users.csv problems with file:line:column, exit 2 and 1", SLOW, () =>
    withCompany(async (company) => {
      const yml = join(company.dir, "bad.yml");
      await writeFile(yml, "users: users.csv\nvendors:\n  sigma:\n    absent-user: deactivate\n");
      const bad = await runCli(["plan", "--config", yml], company.env);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain(
        "bad.yml:4:5: unknown key `absent-user` under `vendors.sigma`; did you mean `absent-users`?",
      );
      await writeFile(join(company.dir, "users.csv"), "email,groups\nada@acme.example,Analyst\n");
      const csv = await runCli(["plan", "--config", company.config], company.env);
      expect(csv.code).toBe(1);
      expect(csv.stdout).toContain("users.csv:2:2 error ROW_UNKNOWN_COMPANY_GROUP `Analyst` is not a company group");
      expect(csv.stdout).toContain("did you mean `Analysts`?");
    }),
  );

  it("still needs --vendor and a users.csv without roster.yml", async () => {
    const run = await runCli(["plan", "users.csv"], {});
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--vendor is required without roster.yml");
  });
});
