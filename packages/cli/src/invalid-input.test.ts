import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type SigmaFixture, startSigmaFixture } from "./__tests__/sigma-fixture.js";
import { createCapturingIo } from "./capture-io.js";
import { DEMO_USERS_CSV } from "./demo-csv.js";
import { main } from "./main.js";

// plan and apply read the vendor while users.csv is parsed (targets.ts), yet report an invalid
// file exactly as when it was checked before any vendor was made: it wins over vendor errors.

const INVALID_CSV = "email,first_name\nok@acme.example,Ok\nnot-an-email,Bad\n";

let fixture: SigmaFixture;
beforeEach(async () => {
  fixture = await startSigmaFixture();
});
afterEach(async () => {
  await fixture.close();
});

describe("an invalid users.csv with plan and apply", () => {
  it("wins over missing credentials (exit 1 with the file's problems, not the configuration error)", async () => {
    const valid = await fixture.writeCsv(DEMO_USERS_CSV, "valid.csv");
    const control = createCapturingIo({ env: {} });
    expect(await main(["plan", valid, "--vendor", "sigma"], control)).toBe(2);

    const csv = await fixture.writeCsv(INVALID_CSV);
    for (const command of [["plan"], ["apply", "--yes"]]) {
      const io = createCapturingIo({ env: {} });
      expect(await main([...command, csv, "--vendor", "sigma"], io)).toBe(1);
      expect(io.stdoutText()).toMatch(/users\.csv:3:1 error ROW_INVALID_EMAIL /);
      expect(io.stderrText()).toContain("is invalid: nothing was planned");
      expect(io.stderrText()).not.toContain(control.stderrText().trim());
    }
  });

  it("wins over missing credentials when the file cannot be read (exit 2 naming the file)", async () => {
    const io = createCapturingIo({ env: {} });
    expect(await main(["plan", `${fixture.dir}/missing.csv`, "--vendor", "sigma"], io)).toBe(2);
    expect(io.stderrText()).toContain("missing.csv");
  });

  it("apply --yes --json reports it as the same JSON, exit 1, and changes nothing", async () => {
    const csv = await fixture.writeCsv(INVALID_CSV);
    const io = createCapturingIo({ env: fixture.env });
    expect(await main(["apply", csv, "--vendor", "sigma", "--yes", "--json"], io)).toBe(1);
    const report = JSON.parse(io.stdoutText()) as { valid: boolean; diagnostics: { code: string }[] };
    expect(report.valid).toBe(false);
    expect(report.diagnostics.map((d) => d.code)).toEqual(["ROW_INVALID_EMAIL"]);
    expect(fixture.mutatingRequests()).toEqual([]);
  });
});
