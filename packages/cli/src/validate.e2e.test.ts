import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./__tests__/run-cli.js";

async function file(text: string): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), "roster-validate-")), "users.csv");
  await writeFile(path, text);
  return path;
}

// `roster validate` knows every rule that needs no vendor (engine: vendorRowChecks).
describe.concurrent("roster validate: offline rules plan would otherwise reject", () => {
  it("periscope: status=deactivated and new_email are errors naming line and column", async () => {
    const csv = await file("email,status,new_email\na@x.io,deactivated,\nb@x.io,active,c@x.io\n");
    const run = await runCli(["validate", csv, "--vendor", "periscope"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`${csv}:2:2 error PLAN_UNSUPPORTED periscope cannot deactivate users.`);
    expect(run.stdout).toContain(`${csv}:3:3 error PLAN_UNSUPPORTED periscope cannot change a user's email address.`);
  });

  it("adobe: group names starting with _ or over 255 characters", async () => {
    const csv = await file(`email,groups\na@x.io,_org_admin\nb@x.io,${"G".repeat(256)}\n`);
    const run = await runCli(["validate", csv, "--vendor", "adobe"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`${csv}:2:2 error ROW_INVALID_VALUE "_org_admin"`);
    expect(run.stdout).toContain(`${csv}:3:2 error ROW_INVALID_VALUE A group name is 256 characters`);
  });

  it("plan reports the same problems, before any credentials are needed", async () => {
    const csv = await file("email,status\na@x.io,deactivated\n");
    const run = await runCli(["plan", csv, "--vendor", "periscope"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`${csv}:2:2 error PLAN_UNSUPPORTED periscope cannot deactivate users.`);
  });
});
