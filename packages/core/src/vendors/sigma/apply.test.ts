import { describe, expect, it } from "vitest";
import type { Directory } from "../../model/directory.js";
import type { Change, NewUser } from "../../plan/types.js";
import { byRoute, handPlan, isWrite, quietContext, startSigmaHarness } from "./test-helpers.js";

const idOf = (directory: Directory, email: string) => {
  const user = directory.users.find((candidate) => candidate.email === email);
  if (!user) throw new Error(`no ${email} in the directory`);
  return user.id;
};

const newUser = (email: string, extra: Partial<NewUser> = {}): NewUser => ({
  email,
  emailAsWritten: email,
  firstName: "New",
  lastName: "Person",
  groups: [],
  attributes: {},
  status: "active",
  ...extra,
});

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
      { kind: "create-user", email: "new@acme.example", line: 2, user: newUser("new@acme.example", { role: "Creator", groups: ["Marketing", "Sales"], attributes: { region: "APAC" } }) },
      { kind: "rename-email", email: "grace.hopper@acme.example", userId: grace, line: 3, to: "grace@acme.example", toAsWritten: "Grace@acme.example" },
      { kind: "update-user", email: "grace.hopper@acme.example", userId: grace, line: 3, downgrade: false, fields: [{ field: "role", from: "creator", to: "admin" }] },
      { kind: "reactivate-user", email: "ken.thompson@acme.example", userId: ken, line: 4 },
      { kind: "add-to-groups", email: "radia.perlman@acme.example", userId: radia, line: 5, groups: ["Sales", "Marketing"] },
      { kind: "remove-from-groups", email: "donald.knuth@acme.example", userId: donald, line: 6, groups: ["Support"] },
      { kind: "set-attribute", email: "radia.perlman@acme.example", userId: radia, line: 5, attribute: "region", from: null, to: "EMEA" },
      { kind: "unset-attribute", email: "grace.hopper@acme.example", userId: grace, line: 3, attribute: "region", from: "AMER" },
      { kind: "deactivate-user", email: "donald.knuth@acme.example", userId: donald, line: 6 },
    ];
    h.sim.clearRequests();
    const result = await h.vendor.apply(handPlan(changes), directory, { stopOnError: false }, quietContext);
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
    expect(create?.body).toMatchObject({ email: "new@acme.example", memberType: "creator", addToTeams: [{ teamId: expect.any(String) }, { teamId: expect.any(String) }] });

    const after = await h.vendor.read(quietContext);
    const byEmail = (email: string) => after.users.find((user) => user.email === email);
    expect(byEmail("new@acme.example")).toMatchObject({ role: "creator", groups: ["Sales", "Marketing"], attributes: { region: "APAC" } });
    expect(byEmail("Grace@acme.example")).toMatchObject({ role: "admin", attributes: {} });
    expect(byEmail("ken.thompson@acme.example")?.status).toBe("active");
    expect(byEmail("radia.perlman@acme.example")).toMatchObject({ groups: ["Sales", "Marketing"], attributes: { region: "EMEA" } });
    expect(byEmail("donald.knuth@acme.example")).toMatchObject({ status: "deactivated", groups: [] });
  });

  it("sends all adds and removes of one team in calls of at most 100 ids: 250 adds cost 3 PATCHes", async () => {
    const members = Array.from({ length: 250 }, (_, i) => ({ email: `u${i}@bulk.example`, firstName: "U", lastName: `${i}` }));
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
    const result = await h.vendor.apply(handPlan(changes), directory, { stopOnError: false }, quietContext);
    expect(result.counts.applied).toBe(250);
    const patches = byRoute(h.sim.requests, "teams.members.update");
    expect(patches.map((p) => (p.body as { add: string[] }).add.length)).toEqual([100, 100, 50]);
    expect(h.sim.snapshot().teams[0]?.members).toHaveLength(250);
  });

  it("fails each change of a rejected chunk with Sigma's message, code and requestId, and applies the rest", async () => {
    const members = Array.from({ length: 150 }, (_, i) => ({ email: `u${i}@bulk.example`, firstName: "U", lastName: `${i}` }));
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
      body: { message: "Inactive members cannot be added or removed from a team.", code: "bad_request", requestId: "req-42" },
    });
    const result = await h.vendor.apply(handPlan(changes), directory, { stopOnError: false }, quietContext);
    expect(result.counts).toEqual({ applied: 50, failed: 100, skipped: 0 });
    expect(result.results[0]?.outcome).toEqual({
      status: "failed",
      message: "Inactive members cannot be added or removed from a team.",
      code: "bad_request",
      requestId: "req-42",
    });
  });

  it("surfaces 404 (unknown member type) and 409 (duplicate email) per change and carries on", async () => {
    await using h = await startSigmaHarness();
    const directory = await h.vendor.read(quietContext);
    const ada = idOf(directory, "ada.lovelace@acme.example");
    const alan = idOf(directory, "alan.turing@acme.example");
    const changes: Change[] = [
      { kind: "rename-email", email: "ada.lovelace@acme.example", userId: ada, line: 2, to: "grace.hopper@acme.example", toAsWritten: "grace.hopper@acme.example" },
      { kind: "update-user", email: "alan.turing@acme.example", userId: alan, line: 3, downgrade: false, fields: [{ field: "role", from: "creator", to: "wizard" }] },
      { kind: "update-user", email: "alan.turing@acme.example", userId: alan, line: 3, downgrade: false, fields: [{ field: "firstName", from: "Alan", to: "Al" }] },
      { kind: "create-user", email: "radia.perlman@acme.example", line: 4, user: newUser("radia.perlman@acme.example") },
    ];
    const result = await h.vendor.apply(handPlan(changes), directory, { stopOnError: false }, quietContext);
    const outcomes = result.results.map((r) => r.outcome);
    expect(outcomes[0]).toEqual({ status: "failed", message: "Duplicate record", code: "conflict", requestId: expect.any(String) });
    // Both of Alan's updates travel in one PATCH, so they share its outcome.
    expect(outcomes[1]).toEqual({ status: "failed", message: "Member type name is not found", code: "not_found", requestId: expect.any(String) });
    expect(outcomes[2]).toEqual(outcomes[1]);
    expect(outcomes[3]).toMatchObject({ status: "failed", message: "Duplicate record", code: "conflict" });
  });

  it("skips everything after the first failure with stopOnError", async () => {
    await using h = await startSigmaHarness();
    const directory = await h.vendor.read(quietContext);
    const changes: Change[] = [
      { kind: "create-user", email: "a@acme.example", line: 2, user: newUser("a@acme.example", { role: "wizard" }) },
      { kind: "create-user", email: "b@acme.example", line: 3, user: newUser("b@acme.example") },
      { kind: "deactivate-user", email: "ada.lovelace@acme.example", userId: idOf(directory, "ada.lovelace@acme.example"), line: 4 },
    ];
    h.sim.clearRequests();
    const result = await h.vendor.apply(handPlan(changes), directory, { stopOnError: true }, quietContext);
    expect(result.results.map((r) => r.outcome.status)).toEqual(["failed", "skipped", "skipped"]);
    expect(result.results[1]?.outcome).toEqual({ status: "skipped", reason: "stopped after an earlier failure" });
    expect(h.sim.requests.filter(isWrite)).toHaveLength(1);
  });

  it("creates exactly one member when the connection drops after Sigma handled the create", async () => {
    await using h = await startSigmaHarness();
    const directory = await h.vendor.read(quietContext);
    h.sim.addFault({ route: "members.create", drop: "after", count: 1 });
    const plan = handPlan([{ kind: "create-user", email: "n@acme.example", line: 2, user: newUser("N@acme.example") }]);
    const result = await h.vendor.apply(plan, directory, { stopOnError: false }, quietContext);
    expect(result.results[0]?.outcome).toEqual({ status: "applied" });
    expect(h.sim.snapshot().members.filter((m) => m.email.toLowerCase() === "n@acme.example")).toHaveLength(1);
    expect(byRoute(h.sim.requests, "members.create")).toHaveLength(1);
    // One lookup by address settled the lost answer (§1.7: creates are not idempotent).
    const lookups = byRoute(h.sim.requests, "members.list").filter((r) => new URLSearchParams(r.query).has("email"));
    expect(lookups).toHaveLength(1);
  });

  it("creates the member once when the connection drops before Sigma saw the create", async () => {
    await using h = await startSigmaHarness();
    const directory = await h.vendor.read(quietContext);
    h.sim.addFault({ route: "members.create", drop: "before", count: 1 });
    const plan = handPlan([{ kind: "create-user", email: "n@acme.example", line: 2, user: newUser("n@acme.example") }]);
    const result = await h.vendor.apply(plan, directory, { stopOnError: false }, quietContext);
    expect(result.results[0]?.outcome).toEqual({ status: "applied" });
    expect(h.sim.snapshot().members.filter((m) => m.email === "n@acme.example")).toHaveLength(1);
  });

  it("retries a 5xx on an idempotent PATCH", async () => {
    await using h = await startSigmaHarness();
    const directory = await h.vendor.read(quietContext);
    h.sim.addFault({ route: "members.update", status: 502, count: 2 });
    const ada = idOf(directory, "ada.lovelace@acme.example");
    const plan = handPlan([{ kind: "update-user", email: "ada.lovelace@acme.example", userId: ada, line: 2, downgrade: false, fields: [{ field: "lastName", from: "Lovelace", to: "King" }] }]);
    const result = await h.vendor.apply(plan, directory, { stopOnError: false }, quietContext);
    expect(result.results[0]?.outcome).toEqual({ status: "applied" });
    expect(byRoute(h.sim.requests, "members.update").map((r) => r.status)).toEqual([502, 502, 200]);
  });

  it("makes no request at all for an empty plan", async () => {
    await using h = await startSigmaHarness();
    const directory = await h.vendor.read(quietContext);
    h.sim.clearRequests();
    const result = await h.vendor.apply(handPlan([]), directory, { stopOnError: false }, quietContext);
    expect(result.results).toEqual([]);
    expect(h.sim.requests).toHaveLength(0);
  });

  it("in plan mode refuses the first write before sending it", async () => {
    await using h = await startSigmaHarness({}, "plan");
    const directory = await h.vendor.read(quietContext);
    const plan = handPlan([{ kind: "create-user", email: "n@acme.example", line: 2, user: newUser("n@acme.example") }]);
    await expect(h.vendor.apply(plan, directory, { stopOnError: false }, quietContext)).rejects.toMatchObject({
      code: "READ_ONLY_VIOLATION",
    });
    expect(h.sim.requests.filter(isWrite)).toHaveLength(0);
    expect(h.sim.requests.filter((r) => r.route === "auth.token")).toHaveLength(1);
  });
});
