import { afterEach, describe, expect, it } from "vitest";
import { readUsersCsv } from "../../csv/read-users-csv.js";
import { planForVendor } from "../../engine/run-plan.js";
import { defaultPolicy, type Policy } from "../../model/policy.js";
import type { LoggedRequest } from "../../simulator/types.js";
import { parseAdobeSettings } from "./settings.js";
import { adobeSimulatorEnv, startAdobeSimulator } from "./simulator/index.js";
import { recordingLogger } from "./test-helpers.js";
import { createAdobeVendor } from "./vendor.js";

const closers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c.close()));
});

function countByRoute(requests: readonly LoggedRequest[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const request of requests) counts[request.route] = (counts[request.route] ?? 0) + 1;
  return counts;
}

/** Plans `csv` against the demo organisation; the requests it took, by route. */
async function planCounts(csv: string, policy: Policy) {
  const sim = await startAdobeSimulator({ rateLimits: false });
  closers.push(sim);
  const logger = recordingLogger();
  const settings = parseAdobeSettings({ ...adobeSimulatorEnv(sim), ADOBE_RATE_LIMITS: "off" });
  const vendor = createAdobeVendor(settings, { mode: "plan", logger });
  closers.push(vendor);
  const desired = await readUsersCsv({ file: "users.csv", input: csv });
  const { plan } = await planForVendor({ desired, vendor, policy, context: { logger } });
  return { plan, counts: countByRoute(sim.requests) };
}

// The demo organisation: admin@ holds _org_admin, bob@ holds _admin_Designers.
const NAMES_ONLY = "email,firstname,lastname\nalice@example.com,Alice,Anders\ncarol@example.com,Carol,Chen\n";

describe("adobe reads only what users.csv needs (plan/read-needs.ts)", () => {
  it("email and names with absent users deleted: no group listing, and the admins are still left alone", async () => {
    const policy: Policy = { ...defaultPolicy, absentUsers: "delete", removalThreshold: { percent: 100, floor: 0 } };
    const { plan, counts } = await planCounts(NAMES_ONLY, policy);
    expect(counts).toEqual({ "ims.token": 1, "users.list": 1 });
    // Their admin roles come inline with each user, not from the group listing.
    const deleted = plan.changes.flatMap((c) => (c.kind === "delete-user" ? [c.email] : []));
    expect(deleted).not.toContain("admin@example.com");
    expect(deleted).not.toContain("bob@example.com");
    expect(deleted.length).toBeGreaterThan(0);
    expect(plan.diagnostics.filter((d) => d.code === "PLAN_PROTECTED_USER")).toHaveLength(2);
  });

  it("a groups column: the group listing too", async () => {
    const csv = "email,groups\nalice@example.com,Designers;Marketing\n";
    const { plan, counts } = await planCounts(csv, defaultPolicy);
    expect(counts).toEqual({ "ims.token": 1, "users.list": 1, "groups.list": 1 });
    expect(plan.changes).toEqual([expect.objectContaining({ kind: "add-to-groups", groups: ["Marketing"] })]);
  });

  it("absent users losing their groups under group-scope exact: the group listing, with no groups column", async () => {
    const policy: Policy = { ...defaultPolicy, absentUsers: "remove-groups", groupScope: "exact" };
    const { plan, counts } = await planCounts(NAMES_ONLY, { ...policy, removalThreshold: { percent: 100, floor: 0 } });
    expect(counts["groups.list"]).toBe(1);
    // dan@ is absent: every one of his non-reserved groups is managed, so he leaves Marketing.
    expect(plan.changes).toContainEqual(
      expect.objectContaining({ kind: "remove-from-groups", email: "dan@example.com", groups: ["Marketing"] }),
    );
  });
});
