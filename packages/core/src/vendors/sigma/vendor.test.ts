import { describe, expect, it } from "vitest";
import { applyPlan } from "../../engine/apply-plan.js";
import type { ProgressEvent } from "../vendor.js";
import { handPlan, silentLogger, startSigmaHarness } from "./test-helpers.js";
import { sigmaVendor } from "./vendor.js";

describe("sigmaVendor module", () => {
  it("declares the secret setting and refuses to start without its settings, naming the first missing one", () => {
    expect(sigmaVendor.secretSettings).toEqual(["SIGMA_CLIENT_SECRET"]);
    expect(() => sigmaVendor.create({ SIGMA_CLIENT_ID: "id" }, { mode: "plan", logger: silentLogger })).toThrow(
      expect.objectContaining({ code: "CONFIG_MISSING", setting: "SIGMA_CLIENT_SECRET" }),
    );
  });

  it("states Sigma's capabilities: teams, ranked account types, no delete", () => {
    const { capabilities } = sigmaVendor;
    expect(capabilities).toMatchObject({ groupNoun: "team", createGroup: true, deleteUser: false, serverCheck: false });
    expect(capabilities.absentUserActions).not.toContain("delete");
    expect(capabilities.roleRank?.("viewer")).toBeLessThan(capabilities.roleRank?.("Explorer") ?? 0);
  });

  it("reports read and apply progress", async () => {
    await using h = await startSigmaHarness();
    const events: ProgressEvent[] = [];
    const context = { logger: silentLogger, onProgress: (event: ProgressEvent) => events.push(event) };
    const directory = await h.vendor.read(context);
    expect(events).toContainEqual({ phase: "read", done: 12 });
    const user = directory.users[1];
    if (!user) throw new Error("demo org is empty");
    const plan = handPlan([{ kind: "deactivate-user", email: user.email, userId: user.id, line: 2 }]);
    await applyPlan(h.vendor, plan, directory, { stopOnError: false }, context);
    expect(events.at(-1)).toEqual({ phase: "apply", done: 1, total: 1 });
  });
});
