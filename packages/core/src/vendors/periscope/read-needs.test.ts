import { describe, expect, it } from "vitest";
import { readUsersCsv } from "../../csv/read-users-csv.js";
import { planForVendor } from "../../engine/run-plan.js";
import { defaultPolicy, type Policy } from "../../model/policy.js";
import { useDemoSites } from "./test-helpers.js";

const { context, sim, vendors } = useDemoSites();

/** Requests per route for one plan of `csv` against demo site 0 (v1) or 1 (RBAC, v2). */
async function planCounts(site: 0 | 1, csv: string, policy: Policy = defaultPolicy) {
  const vendor = vendors("plan")[site];
  const desired = await readUsersCsv({ file: "users.csv", input: csv });
  const { plan } = await planForVendor({ desired, vendor, policy, context });
  const counts: Record<string, number> = {};
  for (const request of sim().requests) counts[request.route] = (counts[request.route] ?? 0) + 1;
  return { plan, counts };
}

describe("periscope reads only what users.csv needs (plan/read-needs.ts)", () => {
  it("v1, email and names: the user list only, not the group list", async () => {
    const csv = "email,first_name,last_name\nalan.turing@acme.example,Alan,Turing-Smith\n";
    const { plan, counts } = await planCounts(0, csv);
    expect(counts).toEqual({ "v1.users.list": 1 });
    expect(plan.changes.map((c) => c.kind)).toEqual(["update-user"]);
    expect(plan.diagnostics).toEqual([]);
  });

  it("v1, a groups column: the group list too", async () => {
    const csv = "email,groups\nalan.turing@acme.example,Analysts;Sales Ops\n";
    const { plan, counts } = await planCounts(0, csv);
    expect(counts).toEqual({ "v1.users.list": 1, "v1.groups.list": 1 });
    expect(plan.changes).toEqual([expect.objectContaining({ kind: "add-to-groups", groups: ["Sales Ops"] })]);
  });

  it("RBAC (v2), absent users deleted, email only: no roles list; the inviting admin is still protected", async () => {
    const policy: Policy = { ...defaultPolicy, absentUsers: "delete", removalThreshold: { percent: 100, floor: 0 } };
    const { plan, counts } = await planCounts(1, "email\nkatherine.johnson@acme.example\n", policy);
    expect(counts).toEqual({ "v2.users.list": 1 });
    const deleted = plan.changes.flatMap((c) => (c.kind === "delete-user" ? [c.email] : []));
    expect(deleted).toEqual(["dorothy.vaughan@acme.example", "edsger.dijkstra@acme.example"]);
  });

  it("RBAC (v2), a groups column of roles: the roles list too", async () => {
    const csv = "email,groups\ndorothy.vaughan@acme.example,Viewer;Editor\n";
    const { plan, counts } = await planCounts(1, csv);
    expect(counts).toEqual({ "v2.users.list": 1, "roles.list": 1 });
    expect(plan.changes).toEqual([expect.objectContaining({ kind: "add-to-groups", groups: ["Editor"] })]);
  });
});
