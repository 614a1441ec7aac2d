import { readdir } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { parseExportLines, runCli, spawnCli } from "./__tests__/run-cli.js";

/**
 * Every file in examples/ with the sandbox the README pairs it with: validate and plan as a user
 * would type them, in separate processes. "Cleanly" = exit 0 and no error or warning line.
 */
const pairs = [
  { csv: "sigma-users.csv", sandbox: ["--vendor", "sigma"], vendor: "sigma", lines: 3 },
  { csv: "adobe-users.csv", sandbox: ["--vendor", "adobe"], vendor: "adobe", lines: 7 },
  {
    csv: "periscope-users.csv",
    sandbox: ["--vendor", "periscope", "--site", "acme-analytics"],
    vendor: "periscope",
    lines: 5,
  },
  {
    csv: "periscope-rbac-users.csv",
    sandbox: ["--vendor", "periscope", "--site", "acme-rbac"],
    vendor: "periscope",
    lines: 5,
  },
] as const;

describe("examples/ against their sandboxes", () => {
  it("pairs every users file in examples/", async () => {
    const files = (await readdir(new URL("../../../examples/", import.meta.url))).filter((f) => f.endsWith(".csv"));
    expect(files.sort()).toEqual(pairs.map((pair) => pair.csv).sort());
  });

  it.each(pairs)("$csv plans cleanly against roster sandbox $sandbox", async ({ csv, sandbox, vendor, lines }) => {
    const server = spawnCli(["sandbox", ...sandbox, "--port", "0"]);
    try {
      const env = parseExportLines(await server.firstLines(lines));
      const path = `../../examples/${csv}`;
      const validate = await runCli(["validate", path, "--vendor", vendor], env);
      expect(validate.stdout).toContain(`valid for ${vendor}`);
      expect(validate.code).toBe(0);
      const plan = await runCli(["plan", path, "--vendor", vendor], env);
      expect(plan.stderr).not.toMatch(/error|warning/i);
      expect(plan.stdout).not.toMatch(/ error | warning /);
      expect(plan.code).toBe(0);
    } finally {
      server.child.kill("SIGTERM");
    }
    await server.exited;
  });
});
