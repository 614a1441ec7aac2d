import { describe, expect, it } from "vitest";
import { readUsersCsv } from "../../csv/index.js";
import { applyPlan } from "../../engine/apply-plan.js";
import { defaultPolicy, type Policy } from "../../model/policy.js";
import { planChanges } from "../../plan/index.js";
import { sigmaCapabilities } from "./capabilities.js";
import { isWrite, quietContext, startSigmaHarness } from "./test-helpers.js";

const vendor = { id: "sigma", capabilities: sigmaCapabilities };

const CSV = `email,first_name,last_name,role,groups,status,attr:region
ada.lovelace@acme.example,Ada,Lovelace,admin,Analytics,active,EMEA
grace.hopper@acme.example,Grace,Hopper,Admin,Analytics;Finance;Marketing,,AMER
alan.turing@acme.example,Alan,Turing,creator,-,,-
edsger.dijkstra@acme.example,,,viewer,Sales,,APAC
ken.thompson@acme.example,Ken,Thompson,viewer,Support,active,
new.hire@acme.example,New,Hire,explorer,Sales;Marketing,,AMER
`;

describe("Sigma end to end: CSV -> plan -> apply -> plan", () => {
  it("converges: the second plan is empty, and planning made no write", async () => {
    await using h = await startSigmaHarness();
    const desired = await readUsersCsv(
      { file: "users.csv", input: CSV },
      { groupSeparators: sigmaCapabilities.groupSeparators },
    );
    expect(desired.diagnostics).toEqual([]);
    const policy: Policy = { ...defaultPolicy, createMissingGroups: true };

    const directory = await h.vendor.read(quietContext);
    const plan = planChanges({ desired, directory, policy, vendor });
    expect(plan.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(new Set(plan.changes.map((change) => change.kind))).toEqual(
      new Set([
        "create-group",
        "create-user",
        "update-user",
        "reactivate-user",
        "add-to-groups",
        "remove-from-groups",
        "set-attribute",
        "unset-attribute",
      ]),
    );
    expect(h.sim.requests.filter(isWrite)).toHaveLength(0);

    const result = await applyPlan(h.vendor, plan, directory, { stopOnError: false }, quietContext);
    expect(result.results.filter((r) => r.outcome.status !== "applied")).toEqual([]);

    h.sim.clearRequests();
    const after = await h.vendor.read(quietContext);
    const again = planChanges({ desired, directory: after, policy, vendor });
    expect(again.changes).toEqual([]);
    expect(again.counts.unchanged).toBe(6);
    // An in-sync file costs reads only; applying its empty plan costs nothing.
    await applyPlan(h.vendor, again, after, { stopOnError: false }, quietContext);
    expect(h.sim.requests.filter(isWrite)).toHaveLength(0);
  });
});
