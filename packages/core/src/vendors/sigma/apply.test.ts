import { describe, expect, it } from "vitest";
import { applyPlan } from "../../engine/apply-plan.js";
import type { Change } from "../../plan/types.js";
import { byRoute, handPlan, idOf, isWrite, newUser, quietContext, startSigmaHarness } from "./test-helpers.js";

describe("Sigma apply", () => {
  it("applies every kind of change with the fewest requests and one outcome per change", async () => {
    await using h = await startSigmaHarness();
    const directory = await h.vendor.read(quietContext);
    const grace = idOf(directory, "grace.hopper@acme.example");
    const ken = idOf(directory, "ken.thompson@acme.example");
    const radia = idOf(directory, "radia.perlman@acme.example");
    const donald = idOf(directory, "donald.knuth@acme.example");
    const changes: Change[] = [
      { kind: "create-group", group: "Marketing", line: 2 },
      {
        kind: "create-user",
        email: "new@acme.example",
        line: 2,
        user: newUser("new@acme.example", {
          role: "Creator",
          groups: ["Marketing", "Sales"],
          attributes: { region: "APAC" },
        }),
      },
      {
        kind: "rename-email",
        email: "grace.hopper@acme.example",
        userId: grace,
        line: 3,
        to: "grace@acme.example",
        toAsWritten: "Grace@acme.example",
      },
      {
        kind: "update-user",
        email: "grace.hopper@acme.example",
        userId: grace,
        line: 3,
        downgrade: false,
        fields: [{ field: "role", from: "creator", to: "admin" }],
      },
      { kind: "reactivate-user", email: "ken.thompson@acme.example", userId: ken, line: 4 },
      {
        kind: "add-to-groups",
        email: "radia.perlman@acme.example",
        userId: radia,
        line: 5,
        groups: ["Sales", "Marketing"],
      },
      { kind: "remove-from-groups", email: "donald.knuth@acme.example", userId: donald, line: 6, groups: ["Support"] },
      {
        kind: "set-attribute",
        email: "radia.perlman@acme.example",
        userId: radia,
        line: 5,
        attribute: "region",
        from: null,
        to: "EMEA",
      },
      {
        kind: "unset-attribute",
        email: "grace.hopper@acme.example",
        userId: grace,
        line: 3,
        attribute: "region",
        from: "AMER",
      },
      { kind: "deactivate-user", email: "donald.knuth@acme.example", userId: donald, line: 6 },
    ];
    h.sim.clearRequests();
    const result = await applyPlan(h.vendor, handPlan(changes), directory, { stopOnError: false }, quietContext);
    expect(result.results.map((r) => r.outcome)).toEqual(changes.map(() => ({ status: "applied" })));
    expect(result.counts).toEqual({ applied: 10, failed: 0, skipped: 0 });

    const writes = h.sim.requests.filter(isWrite).map((r) => `${r.method} ${r.route}`);
    expect(writes).toEqual([
      "POST teams.create",
      "POST members.create",
      "PATCH members.update", // grace: rename + role in one request
      "PATCH members.update", // ken: reactivate
      "PATCH teams.members.update", // Sales: add radia
      "PATCH teams.members.update", // Marketing: add radia
      "PATCH teams.members.update", // Support: remove donald
      "POST attributes.users.set", // region: radia + the new member in one call
      "PATCH attributes.users.delete",
      "PATCH members.update", // donald: deactivate, after leaving his team
    ]);
    const graceUpdate = byRoute(h.sim.requests, "members.update")[0];
    expect(graceUpdate?.body).toEqual({ email: "Grace@acme.example", memberType: "admin" });
    const create = byRoute(h.sim.requests, "members.create")[0];
    expect(create?.query).toBe("sendInvite=true");
    expect(create?.body).toMatchObject({
      email: "new@acme.example",
      memberType: "creator",
      addToTeams: [{ teamId: expect.any(String) }, { teamId: expect.any(String) }],
    });

    const after = await h.vendor.read(quietContext);
    const byEmail = (email: string) => after.users.find((user) => user.email === email);
    expect(byEmail("new@acme.example")).toMatchObject({
      role: "creator",
      groups: ["Sales", "Marketing"],
      attributes: { region: "APAC" },
    });
    expect(byEmail("Grace@acme.example")).toMatchObject({ role: "admin", attributes: {} });
    expect(byEmail("ken.thompson@acme.example")?.status).toBe("active");
    expect(byEmail("radia.perlman@acme.example")).toMatchObject({
      groups: ["Sales", "Marketing"],
      attributes: { region: "EMEA" },
    });
    expect(byEmail("donald.knuth@acme.example")).toMatchObject({ status: "deactivated", groups: [] });
  });

  it("sends all adds and removes of one team in calls of at most 100 ids: 250 adds cost 3 PATCHes", async () => {
    const members = Array.from({ length: 250 }, (_, i) => ({
      email: `u${i}@bulk.example`,
      firstName: "U",
      lastName: `${i}`,
    }));
    await using h = await startSigmaHarness({ seed: { teams: ["Big"], members } });
    const directory = await h.vendor.read(quietContext);
    const changes: Change[] = members.map((member, i) => ({
      kind: "add-to-groups",
      email: member.email,
      userId: idOf(directory, member.email),
      line: i + 2,
      groups: ["Big"],
    }));
    h.sim.clearRequests();
    const result = await applyPlan(h.vendor, handPlan(changes), directory, { stopOnError: false }, quietContext);
    expect(result.counts.applied).toBe(250);
    const patches = byRoute(h.sim.requests, "teams.members.update");
    expect(patches.map((p) => (p.body as { add: string[] }).add.length)).toEqual([100, 100, 50]);
    expect(h.sim.snapshot().teams[0]?.members).toHaveLength(250);
  });

  it("fails each change of a rejected chunk with Sigma's message, code and requestId, and applies the rest", async () => {
    const members = Array.from({ length: 150 }, (_, i) => ({
      email: `u${i}@bulk.example`,
      firstName: "U",
      lastName: `${i}`,
    }));
    await using h = await startSigmaHarness({ seed: { teams: ["Big"], members } });
    const directory = await h.vendor.read(quietContext);
    const changes: Change[] = members.map((member, i) => ({
      kind: "add-to-groups",
      email: member.email,
      userId: idOf(directory, member.email),
      line: i + 2,
      groups: ["Big"],
    }));
    h.sim.addFault({
      route: "teams.members.update",
      count: 1,
      status: 400,
      body: {
        message: "Inactive members cannot be added or removed from a team.",
        code: "bad_request",
        requestId: "req-42",
      },
    });
    const result = await applyPlan(h.vendor, handPlan(changes), directory, { stopOnError: false }, quietContext);
    expect(result.counts).toEqual({ applied: 50, failed: 100, skipped: 0 });
    expect(result.results[0]?.outcome).toEqual({
      status: "failed",
      message: "Inactive members cannot be added or removed from a team.",
      code: "bad_request",
      requestId: "req-42",
    });
  });

  it("makes no request at all for an empty plan", async () => {
    await using h = await startSigmaHarness();
    const directory = await h.vendor.read(quietContext);
    h.sim.clearRequests();
    const result = await applyPlan(h.vendor, handPlan([]), directory, { stopOnError: false }, quietContext);
    expect(result.results).toEqual([]);
    expect(h.sim.requests).toHaveLength(0);
  });

  it("in plan mode refuses the first write before sending it", async () => {
    await using h = await startSigmaHarness({}, "plan");
    const directory = await h.vendor.read(quietContext);
    const plan = handPlan([{ kind: "create-user", email: "n@acme.example", line: 2, user: newUser("n@acme.example") }]);
    await expect(applyPlan(h.vendor, plan, directory, { stopOnError: false }, quietContext)).rejects.toMatchObject({
      code: "READ_ONLY_VIOLATION",
    });
    expect(h.sim.requests.filter(isWrite)).toHaveLength(0);
    expect(h.sim.requests.filter((r) => r.route === "auth.token")).toHaveLength(1);
  });
});
