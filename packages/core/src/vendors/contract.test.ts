import { describe, expect, it } from "vitest";
import { readUsersCsv } from "../csv/read-users-csv.js";
import { applyPlan } from "../engine/apply-plan.js";
import { planForVendor } from "../engine/run-plan.js";
import { recordingLogger } from "../reliability/convergence.js";
import { CONTRACT_SUBJECTS, type ContractBackend, type ContractSubject } from "../reliability/subjects/contract.js";
import { VENDOR_IDS, type Vendor } from "./vendor.js";

// The Vendor contract (vendors/vendor.ts), checked the same way for every vendor, the memory
// vendor included: what docs/adding-a-vendor.md says a new vendor must provide is enough to pass it.

async function withVendors<T>(
  backend: ContractBackend,
  mode: "plan" | "apply",
  work: (vendors: readonly Vendor[]) => Promise<T>,
): Promise<T> {
  const vendors = backend.module.create(backend.settings, { mode, logger: recordingLogger() });
  try {
    return await work(vendors);
  } finally {
    await Promise.all(vendors.map((vendor) => vendor.close()));
  }
}

async function planFor(subject: ContractSubject, vendor: Vendor, serverCheck = false) {
  const desired = await readUsersCsv(
    { file: "users.csv", input: subject.csv },
    { groupSeparators: vendor.capabilities.groupSeparators },
  );
  return planForVendor({
    desired,
    vendor,
    policy: subject.policy,
    context: { logger: recordingLogger() },
    serverCheck,
  });
}

describe.each(CONTRACT_SUBJECTS)("$name satisfies the Vendor contract", (subject) => {
  it("declares capabilities that agree with themselves: absent-user actions only where the vendor can act", () => {
    const { capabilities, id } = subject.module;
    expect(VENDOR_IDS).toContain(id);
    expect(capabilities.groupSeparators).toContain(";");
    expect(capabilities.absentUserActions).toContain("ignore");
    expect(capabilities.absentUserActions.includes("delete")).toBe(capabilities.deleteUser);
    expect(capabilities.absentUserActions.includes("deactivate")).toBe(capabilities.deactivate);
    expect(capabilities.roles || capabilities.roleRank === undefined).toBe(true);
  });

  it("builds vendors with its own id whose read writes nothing and lists every user once", async () => {
    await using backend = await subject.start();
    await withVendors(backend, "plan", async (vendors) => {
      expect(vendors.length).toBeGreaterThan(0);
      for (const vendor of vendors) {
        expect(vendor.id).toBe(subject.module.id);
        const directory = await vendor.read({ logger: recordingLogger() });
        const emails = directory.users.map((user) => user.email);
        expect(emails.length).toBeGreaterThan(0);
        expect(new Set(emails).size).toBe(emails.length);
        for (const user of directory.users) {
          for (const group of user.groups) expect(directory.groups.map((g) => g.name)).toContain(group);
        }
      }
    });
    expect(backend.writes()).toBe(0);
  });

  it("applies a plan through the engine with one outcome per change, in plan order, and a second plan is empty", async () => {
    await using backend = await subject.start();
    await withVendors(backend, "apply", async (vendors) => {
      for (const vendor of vendors) {
        const { plan, directory } = await planFor(subject, vendor);
        expect(plan.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
        expect(plan.changes.length).toBeGreaterThan(0);
        const result = await applyPlan(vendor, plan, directory, { stopOnError: false }, { logger: recordingLogger() });
        expect(result.results.map((r) => r.change)).toEqual(plan.changes);
        expect(result.counts).toEqual({ applied: plan.changes.length, failed: 0, skipped: 0 });
        expect((await planFor(subject, vendor)).plan.changes).toEqual([]);
      }
    });
  });

  it("offers a server-side check exactly when it declares one, and the check changes nothing", async () => {
    await using backend = await subject.start();
    await withVendors(backend, "plan", async (vendors) => {
      for (const vendor of vendors) {
        expect(vendor.check !== undefined).toBe(vendor.capabilities.serverCheck);
        if (vendor.check === undefined) continue;
        const { plan, directory } = await planFor(subject, vendor);
        const check = await vendor.check(plan, directory, { logger: recordingLogger() });
        expect(check.rejections).toEqual([]);
        expect(check.requests).toBeGreaterThan(0);
        expect((await planFor(subject, vendor)).plan.changes).toEqual(plan.changes);
      }
    });
    expect(backend.writes()).toBe(0);
  });
});
