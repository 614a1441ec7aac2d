import { describe, expect, it } from "vitest";
import { runCli, singleTarget } from "./__tests__/run-cli.js";
import { startSigmaFixture } from "./__tests__/sigma-fixture.js";
import { DEMO_USERS_CSV } from "./demo-csv.js";

// `roster plan` prints a 12-character checksum; `apply --checksum` takes exactly that (or more).

describe.concurrent("apply --checksum", () => {
  it("accepts the checksum exactly as roster plan prints it", async () => {
    const fixture = await startSigmaFixture();
    try {
      const csv = await fixture.writeCsv(DEMO_USERS_CSV);
      const plan = await runCli(["plan", csv, "--vendor", "sigma"], fixture.env);
      const printed = /checksum ([0-9a-f]+)\./.exec(plan.stdout)?.[1];
      expect(printed).toHaveLength(12);
      const apply = await runCli(["apply", csv, "--vendor", "sigma", "--yes", "--checksum", `${printed}`], fixture.env);
      expect(apply.stderr).toBe("");
      expect(apply.code).toBe(0);
      expect(fixture.mutatingRequests().length).toBeGreaterThan(0);
    } finally {
      await fixture.close();
    }
  });

  it("accepts the full checksum of --json, in capitals too", async () => {
    const fixture = await startSigmaFixture();
    try {
      const csv = await fixture.writeCsv(DEMO_USERS_CSV);
      const plan = await runCli(["plan", csv, "--vendor", "sigma", "--json"], fixture.env);
      const { checksum } = singleTarget<{ checksum: string }>(plan.stdout);
      const apply = await runCli(
        ["apply", csv, "--vendor", "sigma", "--yes", "--checksum", checksum.toUpperCase()],
        fixture.env,
      );
      expect(apply.code).toBe(0);
    } finally {
      await fixture.close();
    }
  });

  it("refuses another plan's checksum with a message whose two checksums differ", async () => {
    const fixture = await startSigmaFixture();
    try {
      const csv = await fixture.writeCsv(DEMO_USERS_CSV);
      const plan = await runCli(["plan", csv, "--vendor", "sigma"], fixture.env);
      const printed = /checksum ([0-9a-f]+)\./.exec(plan.stdout)?.[1] ?? "";
      // Same first 12 characters, then different: the message must not show one checksum twice.
      const full = singleTarget<{
        checksum: string;
      }>((await runCli(["plan", csv, "--vendor", "sigma", "--json"], fixture.env)).stdout).checksum;
      const stale = `${printed}${full[12] === "0" ? "1" : "0"}`;
      const apply = await runCli(["apply", csv, "--vendor", "sigma", "--yes", "--checksum", stale], fixture.env);
      expect(apply.code).toBe(1);
      const [, shown, reviewed] =
        /plan \(checksum ([0-9a-f]+)\) differs from the reviewed plan \(checksum ([0-9a-f]+)\)/.exec(apply.stderr) ?? [
          undefined,
          "",
          "",
        ];
      expect(reviewed).toBe(stale);
      expect(shown).not.toBe(reviewed);
      expect(fixture.mutatingRequests()).toEqual([]);
    } finally {
      await fixture.close();
    }
  });

  it.each(["b7687742", "not-a-checksum-at-all", "x".repeat(70)])(
    "exits 2 naming --checksum for %s (too short or not hex), before reading the vendor",
    async (value) => {
      const run = await runCli(["apply", "users.csv", "--vendor", "sigma", "--yes", "--checksum", value]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain("--checksum must be the reviewed plan's checksum");
      expect(run.stderr.split("\n").filter((line) => line !== "")).toHaveLength(1);
    },
  );
});
