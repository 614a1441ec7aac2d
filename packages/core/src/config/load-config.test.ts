import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RosterConfigError } from "./config-error.js";
import { parseRosterConfig, settingsWithConfig } from "./load-config.js";
import { expandUsersFiles } from "./users-files.js";

const DESIGN_EXAMPLE = `# roster.yml
users: users.csv
vendors:
  sigma:
    absent-users: deactivate
    protect: [svc-bi@acme.example]
  adobe:
    default-identity-type: federatedID
    default-country: US
  periscope:
    sites: [acme-analytics, acme-rbac]
groups:
  Analysts:
    sigma: [Analytics]
    periscope: [Analysts]
    adobe: [Acrobat Pro DC]
  Designers:
    adobe: [Creative Cloud All Apps, Design Team]
`;

async function problems(text: string): Promise<string[]> {
  try {
    await parseRosterConfig(text, "roster.yml", "/repo");
  } catch (error) {
    if (error instanceof RosterConfigError) return error.diagnostics.map((d) => `${d.line}:${d.column}: ${d.message}`);
    throw error;
  }
  throw new Error("expected the config to be refused");
}

describe("parseRosterConfig", () => {
  it("reads the design example: policies per vendor, settings, company groups", async () => {
    const config = await parseRosterConfig(DESIGN_EXAMPLE, "roster.yml", "/repo");
    expect(config.users).toEqual(["users.csv"]);
    expect(config.vendors.map((v) => v.id)).toEqual(["sigma", "adobe", "periscope"]);
    const sigma = config.vendors[0];
    expect(sigma?.policy.absentUsers).toBe("deactivate");
    expect(sigma?.policy.protectedUsers).toEqual(["svc-bi@acme.example"]);
    expect(config.vendors[1]?.settings).toEqual({
      ADOBE_DEFAULT_IDENTITY_TYPE: "federatedID",
      ADOBE_DEFAULT_COUNTRY: "US",
    });
    expect(config.vendors[2]?.settings).toEqual({ PERISCOPE_SITE: "acme-analytics,acme-rbac" });
    expect(config.vendors[2]?.policy.absentUsers).toBe("ignore");
    expect(config.groups).toEqual([
      {
        name: "Analysts",
        line: 13,
        vendors: { sigma: ["Analytics"], periscope: ["Analysts"], adobe: ["Acrobat Pro DC"] },
      },
      { name: "Designers", line: 17, vendors: { adobe: ["Creative Cloud All Apps", "Design Team"] } },
    ]);
  });

  it("accepts a vendor with no settings, a single group name and a percentage threshold", async () => {
    const config = await parseRosterConfig(
      "vendors:\n  sigma:\n    removal-threshold: 25%\n  adobe:\ngroups:\n  Sales:\n    sigma: Sales\n",
      "roster.yml",
      "/repo",
    );
    expect(config.vendors.map((v) => [v.id, v.policy.removalThreshold.percent])).toEqual([
      ["sigma", 25],
      ["adobe", 10],
    ]);
    expect(config.groups[0]?.vendors).toEqual({ sigma: ["Sales"] });
  });

  it("names an unknown key by line and column with a did-you-mean", async () => {
    expect(await problems("vendors:\n  sigma:\n    absent-user: deactivate\n")).toEqual([
      "3:5: unknown key `absent-user` under `vendors.sigma`; did you mean `absent-users`?",
    ]);
    expect(await problems("vendors:\n  sigmaa: {}\n")).toEqual([
      "2:3: unknown key `sigmaa` under `vendors`; did you mean `sigma`?",
    ]);
    expect(await problems("vendors:\n  sigma:\ngroup:\n  A:\n    sigma: [x]\n")).toEqual([
      "3:1: unknown key `group`; did you mean `groups`?",
    ]);
  });

  it("names a bad value where it is written", async () => {
    const [problem] = await problems("vendors:\n  sigma:\n    absent-users: archive\n");
    expect(problem).toMatch(/^3:19: `vendors.sigma.absent-users` invalid option/i);
    expect(await problems("vendors:\n  adobe:\n    default-country: USA\n")).toEqual([
      "3:22: `vendors.adobe.default-country` must be a two-letter country code such as US",
    ]);
  });

  it("refuses a key that looks like a secret, without printing its value", async () => {
    const list = await problems("vendors:\n  sigma:\n    client-secret: s3cr3t-value-123\n");
    expect(list).toHaveLength(1);
    expect(list[0]).toMatch(/^3:5: `client-secret` looks like a secret/);
    expect(list.join("\n")).not.toContain("s3cr3t");
  });

  it("reports YAML syntax errors and duplicate keys with their position", async () => {
    expect((await problems("vendors:\n  sigma:\n  sigma:\n"))[0]).toMatch(/^\d+:\d+: Map keys must be unique/);
    expect((await problems("vendors: [a\n"))[0]).toMatch(/^\d+:\d+: /);
  });

  it("maps a company group per Periscope site, and names a mapping key that is neither vendor nor listed site", async () => {
    const config = await parseRosterConfig(
      "vendors:\n  periscope:\n    sites: [a, b]\ngroups:\n  Analysts:\n    periscope: [Analysts]\n    periscope.b: [Viewer]\n",
      "roster.yml",
      "/repo",
    );
    expect(config.groups[0]?.vendors).toEqual({ periscope: ["Analysts"], "periscope.b": ["Viewer"] });
    expect(config.vendors[0]?.sites).toEqual(["a", "b"]);
    expect(
      await problems("vendors:\n  periscope:\n    sites: [a]\ngroups:\n  X:\n    periscope.c: [V]\n    sigmma: [T]\n"),
    ).toEqual([
      "6:5: unknown key `periscope.c` under `groups.X`; a site must be listed under `vendors.periscope.sites` (a)",
      "7:5: unknown key `sigmma` under `groups.X`; did you mean `sigma`?",
    ]);
  });

  it("requires at least one vendor", async () => {
    expect(await problems("vendors: {}\n")).toEqual([
      "1:10: `vendors` must name at least one vendor (sigma, periscope, adobe)",
    ]);
  });
});

const DESIGN = await parseRosterConfig(DESIGN_EXAMPLE, "roster.yml", "/repo");

describe("settingsWithConfig", () => {
  const config = DESIGN;
  const periscope = config.vendors[2];
  if (periscope === undefined) throw new Error("fixture");
  it("adds roster.yml's settings to the environment's", async () => {
    expect(settingsWithConfig({ PERISCOPE_API_KEY: "k1,k2" }, periscope, "roster.yml")).toEqual({
      PERISCOPE_API_KEY: "k1,k2",
      PERISCOPE_SITE: "acme-analytics,acme-rbac",
    });
    expect(
      settingsWithConfig({ PERISCOPE_SITE: "acme-analytics, acme-rbac" }, periscope, "roster.yml").PERISCOPE_SITE,
    ).toBe("acme-analytics,acme-rbac");
  });
  it("refuses an environment that disagrees with roster.yml", async () => {
    expect(() => settingsWithConfig({ PERISCOPE_SITE: "other" }, periscope, "roster.yml")).toThrow(
      /PERISCOPE_SITE is set in the environment to "other" but roster.yml says/,
    );
  });
});

describe("expandUsersFiles", () => {
  it("expands globs relative to roster.yml, sorted, each file once; reports what matches nothing", async () => {
    const dir = await mkdtemp(join(tmpdir(), "roster-config-"));
    await mkdir(join(dir, "people"));
    await writeFile(join(dir, "people", "b.csv"), "email\n");
    await writeFile(join(dir, "people", "a.csv"), "email\n");
    await writeFile(join(dir, "admins.csv"), "email\n");
    const config = await parseRosterConfig(
      "users: [admins.csv, people/*.csv, people/a.csv]\nvendors:\n  sigma:\n",
      "roster.yml",
      dir,
    );
    const files = await expandUsersFiles(config);
    expect(files.map((f) => f.name)).toEqual(["admins.csv", "people/a.csv", "people/b.csv"]);

    const missing = await parseRosterConfig("users: [nobody/*.csv, gone.csv]\nvendors:\n  sigma:\n", "roster.yml", dir);
    await expect(expandUsersFiles(missing)).rejects.toThrow(
      /roster.yml:1: `nobody\/\*\.csv` matches no file[\s\S]*roster.yml:1: users file `gone.csv` does not exist/,
    );
  });
});
