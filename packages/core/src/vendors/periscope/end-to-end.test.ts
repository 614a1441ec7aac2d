import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readUsersCsv } from "../../csv/index.js";
import { applyPlan } from "../../engine/apply-plan.js";
import { defaultPolicy, type Policy } from "../../model/policy.js";
import { planChanges } from "../../plan/index.js";
import type { Vendor } from "../vendor.js";
import { type PeriscopeSimulator, periscopeSimulatorEnv, startPeriscopeSimulator } from "./simulator/index.js";
import { fastHttp, memoryLogger } from "./test-helpers.js";
import { createPeriscopeVendors, periscopeVendor } from "./vendor.js";

let sim: PeriscopeSimulator;
let opened: Vendor[];
const context = { logger: memoryLogger() };

beforeEach(async () => {
  sim = await startPeriscopeSimulator();
  opened = [];
});

afterEach(async () => {
  await Promise.all(opened.map((vendor) => vendor.close()));
  await sim.close();
});

function site(name: "acme-analytics" | "acme-rbac"): Vendor {
  const created = createPeriscopeVendors(
    periscopeSimulatorEnv(sim),
    { mode: "apply", logger: context.logger },
    fastHttp,
  );
  opened.push(...created);
  const vendor = created.find((item) => item.target === name);
  if (vendor === undefined) throw new Error(`no vendor for ${name}`);
  return vendor;
}

async function desired(csv: string) {
  return readUsersCsv(
    { file: "users.csv", input: csv },
    { groupSeparators: periscopeVendor.capabilities.groupSeparators },
  );
}

async function plan(vendor: Vendor, csv: string, policy: Policy) {
  const directory = await vendor.read(context);
  const target = vendor.target === undefined ? {} : { target: vendor.target };
  const result = planChanges({
    desired: await desired(csv),
    directory,
    policy,
    vendor: { id: vendor.id, ...target, capabilities: vendor.capabilities },
  });
  return { directory, plan: result };
}

const policy: Policy = { ...defaultPolicy, createMissingGroups: true, absentUsers: "delete" };

describe.each([
  {
    name: "acme-analytics" as const,
    csv: [
      "email,first_name,last_name,groups",
      "admin@acme.example,Ada,Admin,",
      "grace.hopper@acme.example,Grace,Hopper-Murray,Analysts",
      "alan.turing@acme.example,Alan,Turing,Finance",
      "linus.pauling@acme.example,Linus,Pauling,",
      "new.person@acme.example,New,Person,Data",
    ].join("\n"),
  },
  {
    name: "acme-rbac" as const,
    csv: [
      "email,first_name,last_name,roles",
      "admin@acme.example,Ada,Admin,Admin",
      "katherine.johnson@acme.example,Katherine,Johnson,Editor;Analyst",
      "dorothy.vaughan@acme.example,Dorothy,Vaughan-Jones,Viewer",
      "new.person@acme.example,New,Person,Viewer;Analyst",
    ].join("\n"),
  },
])("$name: users.csv → plan → check → apply → re-plan", ({ name, csv }) => {
  it("converges: the second plan is empty", async () => {
    const vendor = site(name);
    const first = await plan(vendor, csv, policy);
    expect(first.plan.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(first.plan.changes.length).toBeGreaterThan(3);
    expect(first.plan.changes.map((change) => change.kind)).toContain("delete-user");

    const checked = await vendor.check?.(first.plan, first.directory, context);
    expect(checked?.rejections).toEqual([]);

    const applied = await applyPlan(vendor, first.plan, first.directory, { stopOnError: false }, context);
    expect(applied.counts).toEqual({ applied: first.plan.changes.length, failed: 0, skipped: 0 });

    const second = await plan(vendor, csv, policy);
    expect(second.plan.changes).toEqual([]);
  });
});

describe("unknown group in users.csv", () => {
  it("becomes a PLAN_UNKNOWN_GROUP diagnostic on its line when groups may not be created", async () => {
    const vendor = site("acme-analytics");
    const csv = ["email,groups", "grace.hopper@acme.example,Everyone", "alan.turing@acme.example,Finanse"].join("\n");
    const { plan: result } = await plan(vendor, csv, defaultPolicy);
    const diagnostic = result.diagnostics.find((d) => d.code === "PLAN_UNKNOWN_GROUP");
    expect(diagnostic).toMatchObject({ severity: "error", file: "users.csv", line: 3 });
    expect(result.changes.some((change) => change.kind === "create-group")).toBe(false);
  });
});
