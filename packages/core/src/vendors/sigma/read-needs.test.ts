import { describe, expect, it } from "vitest";
import { readUsersCsv } from "../../csv/read-users-csv.js";
import { applyForVendor, planForVendor } from "../../engine/run-plan.js";
import { defaultPolicy, type Policy } from "../../model/policy.js";
import type { LoggedRequest } from "../../simulator/types.js";
import { type SigmaSeed, sigmaDemoSeed } from "./simulator/index.js";
import { quietContext, startSigmaHarness } from "./test-helpers.js";

/** Requests per route, the token exchange included: the count is the contract. */
function countByRoute(requests: readonly LoggedRequest[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const request of requests) counts[request.route] = (counts[request.route] ?? 0) + 1;
  return counts;
}

const csv = (text: string) => readUsersCsv({ file: "users.csv", input: text });

async function planCounts(text: string, policy: Policy = defaultPolicy, seed: SigmaSeed = sigmaDemoSeed) {
  await using h = await startSigmaHarness({ seed });
  const { plan } = await planForVendor({ desired: await csv(text), vendor: h.vendor, policy, context: quietContext });
  return { plan, counts: countByRoute(h.sim.requests) };
}

// The demo organisation: 12 members, 4 teams (Analytics, Finance, Sales, Support), attribute `region`.
const NAMES_ONLY = "email,first_name,last_name\nada.lovelace@acme.example,Ada,Byron\n";

describe("Sigma reads only what users.csv needs (plan/read-needs.ts)", () => {
  it("email and names: the token, whoami and the member pages, nothing else", async () => {
    const { plan, counts } = await planCounts(NAMES_ONLY);
    expect(counts).toEqual({ "auth.token": 1, whoami: 1, "members.list": 1 });
    expect(plan.changes.map((c) => c.kind)).toEqual(["update-user"]);
    expect(plan.diagnostics).toEqual([]);
  });

  it("groups, role and attr: columns: account types, teams, the named team's members, the named attribute's values", async () => {
    const text = "email,role,groups,attr:region\nada.lovelace@acme.example,creator,Finance,AMER\n";
    const { plan, counts } = await planCounts(text);
    expect(counts).toEqual({
      "auth.token": 1,
      whoami: 1,
      "members.list": 1,
      "accountTypes.list": 1,
      "teams.list": 1,
      // Finance only: the file manages no other team (group-scope listed).
      "teams.members.list": 1,
      "attributes.list": 1,
      "attributes.users.list": 1,
    });
    expect(plan.changes.map((c) => c.kind).sort()).toEqual(["add-to-groups", "set-attribute", "update-user"]);
  });

  it("only the attributes the file has columns for: their values, not the others", async () => {
    const seed: SigmaSeed = {
      ...sigmaDemoSeed,
      userAttributes: [...(sigmaDemoSeed.userAttributes ?? []), "cost_center"],
    };
    const { plan, counts } = await planCounts(
      "email,attr:cost_center\nada.lovelace@acme.example,CC-1\n",
      defaultPolicy,
      seed,
    );
    expect(counts["attributes.list"]).toBe(1);
    expect(counts["attributes.users.list"]).toBe(1); // cost_center's; region's values are not read
    expect(plan.changes).toEqual([
      expect.objectContaining({ kind: "set-attribute", attribute: "cost_center", from: null, to: "CC-1" }),
    ]);
  });

  it("group-scope exact: every team's members (a user's other teams are managed too)", async () => {
    const text = "email,groups\nada.lovelace@acme.example,Finance\n";
    const { plan, counts } = await planCounts(text, { ...defaultPolicy, groupScope: "exact" });
    expect(counts["teams.members.list"]).toBe(4);
    // Ada leaves Analytics, which the file never names: only known because every team was read.
    expect(plan.changes).toContainEqual(expect.objectContaining({ kind: "remove-from-groups", groups: ["Analytics"] }));
  });

  it("absent users deactivated: still only the users (the threshold and protection need no more)", async () => {
    const { plan, counts } = await planCounts(NAMES_ONLY, { ...defaultPolicy, absentUsers: "deactivate" });
    expect(counts).toEqual({ "auth.token": 1, whoami: 1, "members.list": 1 });
    // 10 of the 11 other members are active; the credentials' own member is never touched.
    expect(plan.changes.filter((c) => c.kind === "deactivate-user")).toHaveLength(9);
    expect(plan.changes.some((c) => "email" in c && c.email === "roster-bot@acme.example")).toBe(false);
    expect(plan.safety.managedUsers).toBe(10);
  });

  it("a read for names only, planned with a groups file, plans no membership (the Action's base-branch plan)", async () => {
    await using h = await startSigmaHarness({ seed: sigmaDemoSeed });
    const names = await csv(NAMES_ONLY);
    const { directory } = await planForVendor({
      desired: names,
      vendor: h.vendor,
      policy: defaultPolicy,
      context: quietContext,
    });
    expect(directory.users.every((user) => user.groups.length === 0)).toBe(true);
    const { planChanges } = await import("../../plan/plan-changes.js");
    const withGroups = await csv("email,groups\nada.lovelace@acme.example,Finance\n");
    const plan = planChanges({ desired: withGroups, directory, policy: defaultPolicy, vendor: h.vendor });
    expect(plan.changes).toEqual([]);
    expect(plan.diagnostics.map((d) => d.code)).toEqual(["PLAN_NOT_READ"]);
  });
});

/**
 * The issue's example at its size: 10,000 members in 10 teams of 1,000 (the benchmark's
 * organisation, plus the API client's own member), a users.csv of email and names that changes 1%
 * of last names. Before: 26 reads (token, whoami, 11 member pages, account types, teams, 10 team
 * member listings, user attributes); after: 13.
 */
describe("Sigma: email and names on a 10,000-member organisation", () => {
  const teams = Array.from({ length: 10 }, (_, i) => `Team ${i}`);
  const members = Array.from({ length: 10_000 }, (_, i) => ({
    email: `user${i}@acme.test`,
    firstName: `First${i}`,
    lastName: `Last${i}`,
    memberType: "viewer",
    teams: [teams[i % 10] ?? "Team 0"],
  }));
  const seed: SigmaSeed = { client: { memberEmail: "bot@acme.test" }, teams, members };
  const rows = members.map(
    (m, i) => `${m.email},${m.firstName},${i % 100 === 0 ? `${m.lastName}-Changed` : m.lastName}`,
  );
  const text = `email,first_name,last_name\n${rows.join("\n")}\n`;

  it("reads in 13 requests and applies the 100 name changes in 100 more", async () => {
    await using h = await startSigmaHarness({ seed });
    const out = await applyForVendor({
      desired: await csv(text),
      vendor: h.vendor,
      policy: defaultPolicy,
      context: quietContext,
      stopOnError: false,
    });
    expect(out.result?.counts).toMatchObject({ applied: 100, failed: 0 });
    expect(countByRoute(h.sim.requests)).toEqual({
      "auth.token": 1,
      whoami: 1,
      "members.list": 11,
      "members.update": 100,
    });
  });
});
