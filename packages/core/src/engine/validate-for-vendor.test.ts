import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readUsersCsv } from "../csv/read-users-csv.js";
import { hasErrors } from "../diagnostics.js";
import type { DesiredState } from "../model/desired.js";
import type { Directory } from "../model/directory.js";
import { defaultPolicy } from "../model/policy.js";
import { planChanges } from "../plan/plan-changes.js";
import { hasInputErrors } from "../plan/safety.js";
import { fuzzParams } from "../reliability/fuzz-params.js";
import { getVendorModule } from "../vendors/index.js";
import { createMemoryVendor } from "../vendors/memory/vendor.js";
import { VENDOR_IDS, type VendorId } from "../vendors/vendor.js";
import { planForVendor } from "./run-plan.js";
import { validateForVendor } from "./validate-for-vendor.js";

const context = { logger: { info() {}, warn() {}, debug() {} } };
const LONG = "G".repeat(256);
const GROUP_POOL = ["Sales", "Ops", "_org_admin", "_custom", LONG];

function read(vendor: VendorId, csv: string): Promise<DesiredState> {
  const module = getVendorModule(vendor);
  return readUsersCsv(
    { file: "users.csv", input: csv },
    { groupSeparators: module.capabilities.groupSeparators.filter((s) => s === ";") },
  );
}

/** `roster validate`: the file and every offline rule, no vendor. */
async function validate(vendor: VendorId, csv: string): Promise<DesiredState> {
  return validateForVendor(await read(vendor, csv), getVendorModule(vendor));
}

/**
 * A directory where every rule that needs the vendor passes: each row's user exists and is active,
 * every group the file can name exists (except the `_` names and the over-long one, which cannot).
 */
function friendlyDirectory(desired: DesiredState): Directory {
  return {
    users: desired.users.map((user) => ({ id: `id:${user.email}`, email: user.email, status: "active", groups: [] })),
    groups: ["Sales", "Ops"].map((name) => ({ id: name, name })),
  };
}

const row = fc.record({
  status: fc.constantFrom("", "active", "deactivated"),
  rename: fc.boolean(),
  groups: fc.subarray(GROUP_POOL),
});

function csvOf(rows: readonly { status: string; rename: boolean; groups: readonly string[] }[]): string {
  const lines = rows.map((r, i) => `u${i}@x.io,${r.status},${r.rename ? `n${i}@x.io` : ""},"${r.groups.join(";")}"`);
  return `email,status,new_email,groups\n${lines.join("\n")}\n`;
}

describe("validate and plan stay in step", () => {
  it.each(VENDOR_IDS)(
    "%s: a file validate accepts never fails the planner for a reason that needs no vendor (property)",
    async (vendor) => {
      const module = getVendorModule(vendor);
      await fc.assert(
        fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 6 }), async (rows) => {
          const csv = csvOf(rows);
          const validated = await validate(vendor, csv);
          if (hasErrors(validated.diagnostics)) return;
          const desired = await read(vendor, csv);
          // The planner's own rules, without the offline checks it runs first in planForVendor.
          const plan = planChanges({
            desired,
            directory: friendlyDirectory(desired),
            policy: { ...defaultPolicy, createMissingGroups: true },
            vendor: { id: vendor, capabilities: module.capabilities },
          });
          expect(plan.diagnostics.filter((d) => d.severity === "error" && d.code !== "PLAN_UNSAFE")).toEqual([]);
        }),
        fuzzParams(60),
      );
    },
  );

  it.each(VENDOR_IDS)(
    "%s: a file validate rejects is rejected by plan too, before anything is applied (property)",
    async (vendor) => {
      const module = getVendorModule(vendor);
      await fc.assert(
        fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 6 }), async (rows) => {
          const csv = csvOf(rows);
          const validated = await validate(vendor, csv);
          if (!hasErrors(validated.diagnostics)) return;
          const desired = await read(vendor, csv);
          const memory = createMemoryVendor(friendlyDirectory(desired), {
            id: vendor,
            capabilities: module.capabilities,
          });
          const live = {
            ...memory,
            ...(module.validateUser === undefined ? {} : { validateUser: module.validateUser }),
          };
          const { plan } = await planForVendor({
            desired,
            vendor: live,
            policy: { ...defaultPolicy, createMissingGroups: true },
            context,
          });
          expect(hasInputErrors(plan)).toBe(true);
        }),
        fuzzParams(60),
      );
    },
  );
});

describe("offline rules", () => {
  it("periscope: status=deactivated and new_email are errors on their cells (no deactivation, no rename)", async () => {
    const desired = await validate(
      "periscope",
      "email,status,new_email\na@x.io,deactivated,\nb@x.io,active,c@x.io\nd@x.io,active,\n",
    );
    expect(desired.diagnostics.map((d) => [d.line, d.column, d.code, d.message])).toEqual([
      [2, 2, "PLAN_UNSUPPORTED", "periscope cannot deactivate users."],
      [3, 3, "PLAN_UNSUPPORTED", "periscope cannot change a user's email address."],
    ]);
    expect(desired.users.map((u) => u.email)).toEqual(["d@x.io"]);
  });

  it("sigma: the same file is valid (Sigma deactivates and renames)", async () => {
    const desired = await validate("sigma", "email,status,new_email\na@x.io,deactivated,\nb@x.io,active,c@x.io\n");
    expect(desired.diagnostics).toEqual([]);
  });

  it("adobe: a group name starting with _ or longer than 255 characters is an error on the groups cell", async () => {
    const desired = await validate("adobe", `email,groups\na@x.io,_org_admin\nb@x.io,${LONG}\nc@x.io,Sales\n`);
    expect(desired.diagnostics.map((d) => [d.line, d.column, d.code])).toEqual([
      [2, 2, "ROW_INVALID_VALUE"],
      [3, 2, "ROW_INVALID_VALUE"],
    ]);
    expect(desired.diagnostics[0]?.message).toContain('starting with "_"');
    expect(desired.diagnostics[1]?.message).toContain("at most 255");
  });

  it("periscope: the reserved Everyone group is an error on the groups cell, offline, as plan reports it", async () => {
    const desired = await validate("periscope", "email,groups\na@x.io,Everyone;Analysts\nb@x.io,Analysts\n");
    expect(desired.diagnostics.map((d) => [d.line, d.column, d.code])).toEqual([[2, 2, "PLAN_RESERVED_GROUP"]]);
    expect(desired.diagnostics[0]?.message).toContain('"Everyone" is a group or role reserved by periscope');
  });

  it("is idempotent: checks the reader already ran are not reported twice", async () => {
    const once = await validate("periscope", "email,status\na@x.io,deactivated\n");
    expect(validateForVendor(once, getVendorModule("periscope")).diagnostics).toHaveLength(1);
  });
});
