import { afterEach, describe, expect, it } from "vitest";
import { applyPlan } from "../../engine/apply-plan.js";
import { defaultPolicy, type Policy } from "../../model/policy.js";
import { planChanges } from "../../plan/plan-changes.js";
import { desiredState } from "../../plan/test-builders.js";
import { parseAdobeSettings } from "./settings.js";
import { adobeSimulatorEnv, startAdobeSimulator } from "./simulator/index.js";
import { recordingLogger } from "./test-helpers.js";
import { adobeVendor, createAdobeVendor } from "./vendor.js";

const closers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c.close()));
});

// Issue 12 item 7: `--absent-users delete` deleted an org admin as an ordinary change.
describe("adobe: administrators and the absent-users policy", () => {
  const policy: Policy = { ...defaultPolicy, absentUsers: "delete", removalThreshold: { percent: 100, floor: 0 } };
  const planVendor = { id: "adobe", capabilities: adobeVendor.capabilities };

  async function setup() {
    const sim = await startAdobeSimulator({ rateLimits: false });
    closers.push(sim);
    const logger = recordingLogger();
    const vendor = createAdobeVendor(parseAdobeSettings({ ...adobeSimulatorEnv(sim), ADOBE_RATE_LIMITS: "off" }), {
      mode: "apply",
      logger,
    });
    closers.push(vendor);
    return { sim, vendor, context: { logger } };
  }

  it("never deletes an absent admin (_org_admin, _admin_*); the plan says why they are left alone", async () => {
    const { sim, vendor, context } = await setup();
    const desired = desiredState([{ email: "alice@example.com" }, { email: "carol@example.com" }]);
    const directory = await vendor.read(context);
    const plan = planChanges({ desired, directory, policy, vendor: planVendor });
    const deleted = plan.changes.flatMap((c) => (c.kind === "delete-user" ? [c.email] : []));
    expect(deleted.length).toBeGreaterThan(0);
    expect(deleted).not.toContain("admin@example.com");
    expect(deleted).not.toContain("bob@example.com");
    const warnings = plan.diagnostics.filter((d) => d.code === "PLAN_PROTECTED_USER").map((d) => d.message);
    expect(warnings).toEqual([
      expect.stringContaining(
        "admin@example.com is left alone although absent from users.csv: it holds the Adobe admin role _org_admin",
      ),
      expect.stringContaining(
        "bob@example.com is left alone although absent from users.csv: it holds the Adobe admin role _admin_Designers",
      ),
    ]);
    const result = await applyPlan(vendor, plan, directory, { stopOnError: false }, context);
    expect(result.counts.failed).toBe(0);
    const left = sim.state().users.map((u) => u.email);
    expect(left).toEqual(expect.arrayContaining(["admin@example.com", "bob@example.com"]));
    for (const email of deleted) expect(left).not.toContain(email);
  });

  it("removes an admin only when users.csv lists it explicitly with status deactivated", async () => {
    const { vendor, context } = await setup();
    const desired = desiredState([
      { email: "alice@example.com" },
      { email: "carol@example.com" },
      { email: "bob@example.com", status: "deactivated" },
    ]);
    const plan = planChanges({ desired, directory: await vendor.read(context), policy, vendor: planVendor });
    expect(plan.changes).toContainEqual(expect.objectContaining({ kind: "deactivate-user", email: "bob@example.com" }));
    expect(plan.changes.some((c) => c.kind === "delete-user" && c.email === "bob@example.com")).toBe(false);
  });
});
