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

describe("adobe end to end: demo org + users.csv -> plan -> apply -> re-plan", () => {
  it("converges: the second plan is empty", async () => {
    const sim = await startAdobeSimulator({ rateLimits: false });
    closers.push(sim);
    const logger = recordingLogger();
    const vendor = createAdobeVendor(parseAdobeSettings({ ...adobeSimulatorEnv(sim), ADOBE_RATE_LIMITS: "off" }), {
      mode: "apply",
      logger,
    });
    closers.push(vendor);
    const context = { logger };
    const desired = desiredState([
      { email: "alice@example.com", groups: ["Designers", "Marketing"] },
      { email: "Carol@example.com", firstName: "Caroline", lastName: "Chen" },
      {
        email: "Zoe@Example.com",
        firstName: "Zoe",
        lastName: "Zed",
        country: "NL",
        groups: ["All Apps", "Night Shift"],
      },
      { email: "newbie@example.com", firstName: "New", lastName: "Bie", type: "enterpriseID", groups: ["Photoshop"] },
      { email: "dan@example.com", groups: [] },
    ]);
    const policy: Policy = {
      ...defaultPolicy,
      createMissingGroups: true,
      absentUsers: "remove-groups",
      removalThreshold: { percent: 10, floor: 20 },
    };
    const planVendor = { id: "adobe", capabilities: adobeVendor.capabilities };

    const first = planChanges({ desired, directory: await vendor.read(context), policy, vendor: planVendor });
    expect(first.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(first.changes.map((c) => c.kind)).toContain("create-group");
    const directory = await vendor.read(context);
    const check = await vendor.check?.(first, directory, context);
    expect(check?.rejections).toEqual([]);
    const result = await applyPlan(vendor, first, directory, { stopOnError: false }, context);
    expect(result.counts).toEqual({ applied: first.changes.length, failed: 0, skipped: 0 });

    const second = planChanges({ desired, directory: await vendor.read(context), policy, vendor: planVendor });
    expect(second.changes).toEqual([]);
    const zoe = sim.state().users.find((u) => u.email === "Zoe@Example.com");
    expect(zoe).toMatchObject({ type: "federatedID", country: "NL", groups: ["All Apps", "Night Shift"] });
  });
});
