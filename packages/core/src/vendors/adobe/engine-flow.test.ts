import { afterEach, describe, expect, it } from "vitest";
import { readUsersCsv } from "../../csv/index.js";
import { applyForVendor, planForVendor } from "../../engine/index.js";
import { defaultPolicy } from "../../model/policy.js";
import type { RunMode } from "../vendor.js";
import { adobeSimulatorEnv, startAdobeSimulator } from "./simulator/index.js";
import { recordingLogger } from "./test-helpers.js";
import { validateAdobeUser } from "./validate-user.js";
import { adobeVendor } from "./vendor.js";

const closers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c.close()));
});

/** A User Sync Tool users file: comma-separated groups inside one quoted cell (docs/vendors/adobe.md#user-sync-tool). */
const CSV = [
  "firstname,lastname,email,country,groups,type,username,domain",
  'Zoe,Zed,zoe@example.com,NL,"Designers, All Apps",federatedID,,',
  ",,nameless@example.com,US,Marketing,enterpriseID,,",
  'Alice,Anders,alice@example.com,US,"Designers,All Apps,Marketing",federatedID,,',
  "",
].join("\n");

async function start(mode: RunMode) {
  const sim = await startAdobeSimulator({ rateLimits: false });
  closers.push(sim);
  const [vendor] = adobeVendor.create(
    { ...adobeSimulatorEnv(sim), ADOBE_RATE_LIMITS: "off" },
    { mode, logger: recordingLogger() },
  );
  if (vendor === undefined) throw new Error("no vendor");
  closers.push(vendor);
  return { sim, vendor, context: { logger: recordingLogger() } };
}

async function read(csv: string) {
  return readUsersCsv(
    { file: "users.csv", input: csv },
    { groupSeparators: adobeVendor.capabilities.groupSeparators, validateUser: validateAdobeUser },
  );
}

describe("adobe through the engine", () => {
  it("plans a User Sync Tool file and reports the server-side rejection on its line", async () => {
    const { sim, vendor, context } = await start("plan");
    const desired = await read(CSV);
    expect(desired.diagnostics).toEqual([]);
    const { plan } = await planForVendor({ desired, vendor, policy: defaultPolicy, context, serverCheck: true });
    expect(plan.changes.map((c) => `${c.kind} ${c.kind === "create-group" ? c.group : c.email}`)).toEqual([
      "create-user zoe@example.com",
      "create-user nameless@example.com",
      "add-to-groups alice@example.com",
    ]);
    expect(plan.diagnostics).toMatchObject([
      {
        severity: "error",
        code: "PLAN_VENDOR_REJECTS",
        line: 3,
        message: expect.stringContaining("error.user.firstname_missing"),
      },
    ]);
    expect(sim.requests.filter((r) => r.route === "action").map((r) => r.query)).toEqual(["testOnly=true"]);
  });

  it("applies the corrected file and then has nothing left to do", async () => {
    const { sim, vendor, context } = await start("apply");
    const desired = await read(CSV.replace(",,nameless@example.com", "No,Name,nameless@example.com"));
    const input = { desired, vendor, policy: defaultPolicy, context, serverCheck: true, stopOnError: false };
    const { result } = await applyForVendor(input);
    expect(result?.counts).toEqual({ applied: 3, failed: 0, skipped: 0 });
    expect(sim.state().users.find((u) => u.email === "nameless@example.com")).toMatchObject({
      type: "enterpriseID",
      country: "US",
    });
    const again = await planForVendor(input);
    expect(again.plan.changes).toEqual([]);
  });
});
