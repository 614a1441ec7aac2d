import { describe, expect, it } from "vitest";
import { readUsersCsv } from "../csv/read-users-csv.js";
import { defaultPolicy } from "../model/policy.js";
import { directoryOf } from "../plan/test-builders.js";
import { renderPlanMarkdown } from "../report/render-markdown.js";
import { createMemoryVendor } from "../vendors/memory/vendor.js";
import type { VendorContext } from "../vendors/vendor.js";
import { exitCodeFor } from "./exit-code.js";
import { applyForVendor, planForVendor } from "./run-plan.js";

const context: VendorContext = { logger: { info() {}, warn() {}, debug() {} } };

const csv = [
  "email,first_name,role,groups,status,attr:region",
  "ann@example.com,Ann,creator,Sales;Data,,EU",
  "bob@example.com,,Viewer,-,,",
  "cy@example.com,,,,deactivated,",
  "",
].join("\n");

describe("users.csv to vendor, through the engine", () => {
  it("plans from a real CSV read, applies, and converges", async () => {
    const vendor = createMemoryVendor(
      directoryOf(
        [
          { email: "bob@example.com", role: "Admin", groups: ["Sales", "Private"] },
          { email: "cy@example.com" },
          { email: "zed@example.com" },
        ],
        { groups: ["Data"], roles: ["Admin", "Creator", "Viewer"], attributes: ["region"] },
      ),
    );
    const desired = await readUsersCsv({ file: "users.csv", input: csv });
    expect(desired.diagnostics).toEqual([]);
    // Two destructive changes of two active users: over half, so the threshold is lifted here.
    const policy = { ...defaultPolicy, createMissingGroups: true, removalThreshold: { percent: 100, floor: 0 } };

    const { plan } = await planForVendor({ desired, vendor, policy, context });
    expect(plan.changes.map((c) => c.kind)).toEqual([
      "create-user",
      "update-user",
      "remove-from-groups",
      "deactivate-user",
    ]);
    expect(plan.changes[2]).toMatchObject({ email: "bob@example.com", groups: ["Sales"], line: 3 });
    expect(plan.counts.unmanaged).toBe(1);
    expect(renderPlanMarkdown({ plan }).split("\n")[0]).toContain("DRY RUN");

    const applied = await applyForVendor({
      desired,
      vendor,
      policy,
      context,
      stopOnError: false,
      expectedChecksum: plan.checksum,
    });
    expect(applied.result?.counts).toEqual({ applied: 4, failed: 0, skipped: 0 });
    expect(exitCodeFor(applied)).toBe(0);
    const again = await planForVendor({ desired, vendor, policy, context });
    expect(again.plan.changes).toEqual([]);
  });
});
