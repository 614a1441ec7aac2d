import {
  adobeSimulatorEnv,
  periscopeDemoSeed,
  periscopeSimulatorEnv,
  startAdobeSimulator,
  startPeriscopeSimulator,
} from "@roster/core/testing";
import { describe, expect, it } from "vitest";
import { runCli } from "./__tests__/run-cli.js";
import { startSigmaFixture } from "./__tests__/sigma-fixture.js";
import { DEMO_USERS_CSV } from "./demo-csv.js";

const EXAMPLES = "../../examples";
const lines = (text: string): string[] => text.split("\n").filter((line) => line !== "");

describe.concurrent("configuration problems: exit 2, naming the setting", () => {
  it("a mistyped users.csv path is reported first: one line, no vendor request, no retry warning", async () => {
    const fixture = await startSigmaFixture();
    try {
      const run = await runCli(["plan", "users.cvs", "--vendor", "sigma"], fixture.env);
      expect(run.code).toBe(2);
      expect(lines(run.stderr)).toEqual([expect.stringMatching(/^roster: error: cannot read users\.cvs: ENOENT/)]);
      expect(fixture.sim.requests).toEqual([]);
    } finally {
      await fixture.close();
    }
  });

  it("an invalid users.csv drops the vendor read quietly (no retry warnings)", async () => {
    const fixture = await startSigmaFixture();
    try {
      const csv = await fixture.writeCsv("email\nnot-an-email\n");
      const run = await runCli(["plan", csv, "--vendor", "sigma"], fixture.env);
      expect(run.code).toBe(1);
      expect(run.stderr).not.toContain("warning");
      expect(run.stderr).not.toContain("retrying");
    } finally {
      await fixture.close();
    }
  });

  it.each([
    [
      "sigma",
      { SIGMA_CLIENT_ID: "id", SIGMA_CLIENT_SECRET: "secret", SIGMA_BASE_URL: "http://127.0.0.1:1" },
      "SIGMA_BASE_URL",
    ],
    [
      "periscope",
      {
        PERISCOPE_SITE: "acme",
        PERISCOPE_API_KEY: "key",
        PERISCOPE_BASE_URL: "http://127.0.0.1:1",
        PERISCOPE_INVITED_BY: "admin@acme.example",
      },
      "PERISCOPE_BASE_URL",
    ],
    [
      "adobe",
      {
        ADOBE_ORG_ID: "1@AdobeOrg",
        ADOBE_CLIENT_ID: "id",
        ADOBE_CLIENT_SECRET: "secret",
        ADOBE_IMS_URL: "http://127.0.0.1:1",
        ADOBE_UMAPI_URL: "http://127.0.0.1:2/v2/usermanagement",
      },
      "ADOBE_IMS_URL",
    ],
  ])("%s: connection refused names the URL setting and exits 2", async (vendor, env, setting) => {
    const csv = `${EXAMPLES}/${vendor}-users.csv`;
    const run = await runCli(["plan", csv, "--vendor", vendor], env);
    expect(run.code).toBe(2);
    const error = lines(run.stderr).at(-1) ?? "";
    expect(error).toContain(`Cannot connect to`);
    expect(error).toContain(`check ${setting} (now http://127.0.0.1:1`);
  });

  it("periscope: a wrong API key names PERISCOPE_API_KEY, exits 2 and never prints the key", async () => {
    const sim = await startPeriscopeSimulator({ seed: periscopeDemoSeed });
    try {
      const env = { ...periscopeSimulatorEnv(sim), PERISCOPE_API_KEY: "wrong-key-1234567890,wrong-key-0987654321" };
      const run = await runCli(["plan", `${EXAMPLES}/periscope-users.csv`, "--vendor", "periscope"], env);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(
        "Periscope refused the credentials for site acme-analytics (401): check PERISCOPE_API_KEY",
      );
      expect(run.stderr + run.stdout).not.toContain("wrong-key-1234567890");
    } finally {
      await sim.close();
    }
  });

  it("sigma and adobe: wrong secrets name their settings and exit 2", async () => {
    const fixture = await startSigmaFixture();
    const adobe = await startAdobeSimulator();
    try {
      const sigma = await runCli(["plan", `${EXAMPLES}/sigma-users.csv`, "--vendor", "sigma"], {
        ...fixture.env,
        SIGMA_CLIENT_SECRET: "wrong",
      });
      expect(sigma.code).toBe(2);
      expect(sigma.stderr).toContain("SIGMA_CLIENT_SECRET");
      const adobeRun = await runCli(["plan", `${EXAMPLES}/adobe-users.csv`, "--vendor", "adobe"], {
        ...adobeSimulatorEnv(adobe),
        ADOBE_CLIENT_SECRET: "wrong",
      });
      expect(adobeRun.code).toBe(2);
      expect(adobeRun.stderr).toContain("ADOBE_CLIENT_SECRET");
    } finally {
      await fixture.close();
      await adobe.close();
    }
  });

  it.each(["sigma", "periscope", "adobe"])("%s: missing credentials name the setting and exit 2", async (vendor) => {
    const run = await runCli(["plan", `${EXAMPLES}/${vendor}-users.csv`, "--vendor", vendor]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/(SIGMA|PERISCOPE|ADOBE)_[A-Z_]+ is not set/);
  });
});

describe.concurrent("repeated problems are capped with a count of the rest", () => {
  it("one row with 3,000 unknown groups prints a few lines, not 3,000", async () => {
    const fixture = await startSigmaFixture();
    try {
      const groups = Array.from({ length: 3000 }, (_, i) => `Nope${i}`).join(";");
      const csv = await fixture.writeCsv(`email,groups\nada.lovelace@acme.example,"${groups}"\n`);
      const run = await runCli(["plan", csv, "--vendor", "sigma"], fixture.env);
      expect(run.code).toBe(1);
      expect(run.stdout.length).toBeLessThan(5_000);
      expect(run.stdout).toContain("… and 2995 more PLAN_UNKNOWN_GROUP problems on 1 line (--verbose lists them all)");
      const verbose = await runCli(["plan", csv, "--vendor", "sigma", "--verbose"], fixture.env);
      expect(verbose.stdout.split("PLAN_UNKNOWN_GROUP").length - 1).toBe(3000);
    } finally {
      await fixture.close();
    }
  });

  it("validate caps one code across rows (20) and counts the rest", async () => {
    const fixture = await startSigmaFixture();
    try {
      const rows = Array.from({ length: 100 }, (_, i) => `bad${i}`).join("\n");
      const csv = await fixture.writeCsv(`email\n${rows}\n`);
      const run = await runCli(["validate", csv, "--vendor", "sigma"]);
      expect(run.code).toBe(1);
      expect(run.stdout.split(" error ROW_INVALID_EMAIL ").length - 1).toBe(20);
      expect(run.stdout).toContain("… and 80 more ROW_INVALID_EMAIL problems on 80 lines");
    } finally {
      await fixture.close();
    }
  });

  it("the demo file is unaffected", async () => {
    const fixture = await startSigmaFixture();
    try {
      const csv = await fixture.writeCsv(DEMO_USERS_CSV);
      const run = await runCli(["plan", csv, "--vendor", "sigma"], fixture.env);
      expect(run.stdout).not.toContain("more");
    } finally {
      await fixture.close();
    }
  });
});
