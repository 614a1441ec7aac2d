import { describe, expect, it } from "vitest";
import { applyPlan } from "../../engine/apply-plan.js";
import { defaultPolicy } from "../../model/policy.js";
import { planChanges } from "../../plan/plan-changes.js";
import { desiredState, directoryOf } from "../../plan/test-builders.js";
import type { VendorContext } from "../vendor.js";
import { createMemoryVendor } from "./vendor.js";

const context: VendorContext = { logger: { info() {}, warn() {}, debug() {} } };

function setup(options: Parameters<typeof createMemoryVendor>[1] = {}) {
  const vendor = createMemoryVendor(
    directoryOf([{ email: "a@x.io", groups: ["Sales"] }, { email: "b@x.io" }]),
    options,
  );
  const desired = desiredState([
    { email: "a@x.io", firstName: "Ann", groups: ["Ops"] },
    { email: "c@x.io", groups: ["Sales"] },
  ]);
  return { vendor, desired };
}

describe("createMemoryVendor", () => {
  it("applies a plan, reports one outcome per change, and converges", async () => {
    const { vendor, desired } = setup();
    const directory = await vendor.read(context);
    const plan = planChanges({ desired, directory, policy: { ...defaultPolicy, createMissingGroups: true }, vendor });
    const result = await applyPlan(vendor, plan, directory, { stopOnError: false }, context);
    expect(result.counts).toEqual({ applied: plan.changes.length, failed: 0, skipped: 0 });
    expect(result.results.map((r) => r.change)).toEqual(plan.changes);
    const again = planChanges({ desired, directory: await vendor.read(context), policy: defaultPolicy, vendor });
    expect(again.changes).toEqual([]);
    expect(vendor.directory.users.find((u) => u.email === "a@x.io")).toMatchObject({
      firstName: "Ann",
      groups: ["Ops"],
    });
  });

  it("reports a rejected change as failed and skips the rest when stopping on error", async () => {
    const { vendor, desired } = setup({
      rejectOnApply: (change) => (change.kind === "create-group" ? "quota reached" : undefined),
    });
    const directory = await vendor.read(context);
    const plan = planChanges({ desired, directory, policy: { ...defaultPolicy, createMissingGroups: true }, vendor });
    const result = await applyPlan(vendor, plan, directory, { stopOnError: true }, context);
    expect(result.results[0]?.outcome).toEqual({ status: "failed", message: "quota reached" });
    expect(result.counts).toEqual({ applied: 0, failed: 1, skipped: plan.changes.length - 1 });
    const rest = await applyPlan(vendor, plan, directory, { stopOnError: false }, context);
    // Without the group, adding a user to it fails like a real vendor would; the create still happens.
    expect(rest.results.map((r) => [r.change.kind, r.outcome.status])).toEqual([
      ["create-group", "failed"],
      ["create-user", "applied"],
      ["update-user", "applied"],
      ["add-to-groups", "failed"],
      ["remove-from-groups", "applied"],
    ]);
  });

  it("returns rejections from its server-side check by change index", async () => {
    const { vendor, desired } = setup({
      rejectOnCheck: (change) => (change.kind === "create-user" ? "seat limit" : undefined),
    });
    const directory = await vendor.read(context);
    const plan = planChanges({ desired, directory, policy: defaultPolicy, vendor });
    const check = await vendor.check?.(plan, directory, context);
    expect(check?.rejections).toEqual([
      { index: plan.changes.findIndex((c) => c.kind === "create-user"), message: "seat limit" },
    ]);
  });

  it("hands out copies, so callers cannot change its state", async () => {
    const { vendor } = setup();
    const read = await vendor.read(context);
    (read.users as unknown[]).length = 0;
    expect(vendor.directory.users).toHaveLength(2);
  });
});
