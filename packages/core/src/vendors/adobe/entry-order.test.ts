import { describe, expect, it } from "vitest";
import { readUsersCsv } from "../../csv/read-users-csv.js";
import { applyPlan } from "../../engine/apply-plan.js";
import { planForVendor } from "../../engine/run-plan.js";
import { defaultPolicy, type Policy } from "../../model/policy.js";
import { adobeCapabilities } from "./capabilities.js";
import { parseAdobeSettings } from "./settings.js";
import { type AdobeSeed, adobeSimulatorEnv, startAdobeSimulator } from "./simulator/index.js";
import { recordingLogger } from "./test-helpers.js";
import { createAdobeVendor } from "./vendor.js";

// UMAPI runs the commands of one action request in no guaranteed order; the simulator shuffles
// them (seeded). Whatever the order, one apply does the whole plan and the next plan is empty.

const seed: AdobeSeed = {
  orgId: "ORDER0123456789@AdobeOrg",
  clientId: "order-client",
  clientSecret: "order-secret-0123456789",
  groups: [
    { groupName: "Sales", type: "USER_GROUP" },
    { groupName: "Design", type: "USER_GROUP" },
  ],
  users: Array.from({ length: 12 }, (_, i) => ({
    email: `u${i}@order.test`,
    type: "federatedID" as const,
    firstname: "U",
    lastname: String(i),
    country: "US",
    groups: ["Sales"],
  })),
};

const rows = [
  "email,first_name,last_name,country,type,groups",
  ...Array.from(
    { length: 8 },
    (_, i) => `u${i}@order.test,Renamed,${i},US,federatedID,${i % 2 ? "Design;Platform" : "Design"}`,
  ),
  ...Array.from({ length: 14 }, (_, i) => `new${i}@order.test,New,${i},US,federatedID,Platform;Sales`),
];
const policy: Policy = {
  ...defaultPolicy,
  createMissingGroups: true,
  groupScope: "exact",
  absentUsers: "deactivate",
  removalThreshold: { percent: 100, floor: 100 },
};

describe.each([1, 2, 3, 4, 5])("Adobe apply with the entries of each request shuffled (seed %i)", (shuffleSeed) => {
  it("applies the whole plan in one run and the next plan is empty", async () => {
    await using sim = await startAdobeSimulator({ seed, rateLimits: false, config: { shuffleSeed } });
    const logger = recordingLogger();
    const settings = parseAdobeSettings({ ...adobeSimulatorEnv(sim), ADOBE_RATE_LIMITS: "off" });
    const desired = await readUsersCsv(
      { file: "users.csv", input: `${rows.join("\n")}\n` },
      { groupSeparators: adobeCapabilities.groupSeparators },
    );
    const planOnce = async () => {
      const vendor = createAdobeVendor(settings, { mode: "apply", logger, sleep: async () => {} });
      try {
        const { plan, directory } = await planForVendor({ desired, vendor, policy, context: { logger } });
        const result = await applyPlan(vendor, plan, directory, { stopOnError: false }, { logger });
        return { plan, result };
      } finally {
        await vendor.close();
      }
    };
    const first = await planOnce();
    expect(first.plan.changes.length).toBeGreaterThan(30);
    expect(first.result.counts).toEqual({ applied: first.plan.changes.length, failed: 0, skipped: 0 });
    // Several entries per request, so the shuffle had something to reorder.
    expect(sim.requests.filter((r) => r.route === "action").some((r) => (r.body as unknown[]).length > 1)).toBe(true);
    expect((await planOnce()).plan.changes).toEqual([]);
  });
});
