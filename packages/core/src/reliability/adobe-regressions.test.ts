import { describe, expect, it } from "vitest";
import { readUsersCsv } from "../csv/read-users-csv.js";
import { applyPlan } from "../engine/apply-plan.js";
import { planForVendor } from "../engine/run-plan.js";
import { defaultPolicy } from "../model/policy.js";
import { adobeCapabilities } from "../vendors/adobe/capabilities.js";
import { parseAdobeSettings } from "../vendors/adobe/settings.js";
import { type AdobeSeed, adobeSimulatorEnv, startAdobeSimulator } from "../vendors/adobe/simulator/index.js";
import { createAdobeVendor } from "../vendors/adobe/vendor.js";
import { recordingLogger } from "./convergence.js";

const seed: AdobeSeed = {
  orgId: "REG0123456789@AdobeOrg",
  clientId: "reg-adobe-client",
  clientSecret: "reg-adobe-secret-0123456789",
  groups: [{ groupName: "Sales", type: "USER_GROUP" }],
  users: [],
};

// Regressions found by the fault suite (reliability/faults.test.ts), in the Adobe vendor.
describe("Adobe: a create whose later step failed", () => {
  it("says the user was created when only joining a group failed", async () => {
    await using sim = await startAdobeSimulator({ seed, rateLimits: false });
    const logger = recordingLogger();
    const settings = parseAdobeSettings({ ...adobeSimulatorEnv(sim), ADOBE_RATE_LIMITS: "off" });
    const vendor = createAdobeVendor(settings, { mode: "apply", logger, sleep: async () => {}, actionLanes: 1 });
    const desired = await readUsersCsv(
      {
        file: "users.csv",
        input: "email,first_name,last_name,country,type,groups\nann@reg.test,Ann,Lee,US,federatedID,Platform\n",
      },
      { groupSeparators: adobeCapabilities.groupSeparators },
    );
    const context = { logger };
    try {
      const { plan, directory } = await planForVendor({
        desired,
        vendor,
        policy: { ...defaultPolicy, createMissingGroups: true },
        context,
      });
      expect(plan.changes.map((change) => change.kind)).toEqual(["create-group", "create-user"]);
      // The group's create is refused, so the user's "add to Platform" step fails after its create ran.
      sim.addFault({
        route: "action",
        count: 1,
        status: 400,
        body: { result: "error.command.malformed", message: "no" },
      });
      const result = await applyPlan(vendor, plan, directory, { stopOnError: false }, context);
      expect(sim.state().users.map((user) => user.email)).toEqual(["ann@reg.test"]);
      expect(result.results[1]?.outcome).toMatchObject({
        status: "failed",
        message: expect.stringMatching(/^user created, but a later step failed: /),
      });
    } finally {
      await vendor.close();
    }
  });
});

describe("Adobe: the token exchange", () => {
  it("is retried after a 500, a 502 and a dropped connection instead of ending the run", async () => {
    await using sim = await startAdobeSimulator({ seed, rateLimits: false });
    sim.addFault({ route: "ims.token", count: 1, status: 500 });
    sim.addFault({ route: "ims.token", count: 1, status: 502 });
    sim.addFault({ route: "ims.token", count: 1, drop: "before" });
    const logger = recordingLogger();
    const settings = parseAdobeSettings({ ...adobeSimulatorEnv(sim), ADOBE_RATE_LIMITS: "off" });
    const vendor = createAdobeVendor(settings, { mode: "plan", logger, sleep: async () => {} });
    try {
      const directory = await vendor.read({ logger });
      expect(directory.groups.map((group) => group.name)).toContain("Sales");
      expect(sim.requests.filter((r) => r.route === "ims.token").map((r) => r.status)).toEqual([500, 502, 0, 200]);
    } finally {
      await vendor.close();
    }
  });
});
