import { describe, expect, it } from "vitest";
import { applyPlan } from "../../engine/apply-plan.js";
import type { Change } from "../../plan/types.js";
import { byRoute, handPlan, idOf, isWrite, newUser, quietContext, startSigmaHarness } from "./test-helpers.js";

describe("Sigma apply: failures and recovery", () => {
  it("surfaces 404 (unknown member type) and 409 (duplicate email) per change and carries on", async () => {
    await using h = await startSigmaHarness();
    const directory = await h.vendor.read(quietContext);
    const ada = idOf(directory, "ada.lovelace@acme.example");
    const alan = idOf(directory, "alan.turing@acme.example");
    const changes: Change[] = [
      {
        kind: "rename-email",
        email: "ada.lovelace@acme.example",
        userId: ada,
        line: 2,
        to: "grace.hopper@acme.example",
        toAsWritten: "grace.hopper@acme.example",
      },
      {
        kind: "update-user",
        email: "alan.turing@acme.example",
        userId: alan,
        line: 3,
        downgrade: false,
        fields: [{ field: "role", from: "creator", to: "wizard" }],
      },
      {
        kind: "update-user",
        email: "alan.turing@acme.example",
        userId: alan,
        line: 3,
        downgrade: false,
        fields: [{ field: "firstName", from: "Alan", to: "Al" }],
      },
      {
        kind: "create-user",
        email: "radia.perlman@acme.example",
        line: 4,
        user: newUser("radia.perlman@acme.example"),
      },
    ];
    const result = await applyPlan(h.vendor, handPlan(changes), directory, { stopOnError: false }, quietContext);
    const outcomes = result.results.map((r) => r.outcome);
    expect(outcomes[0]).toEqual({
      status: "failed",
      message: "Duplicate record",
      code: "conflict",
      requestId: expect.any(String),
    });
    // Both of Alan's updates travel in one PATCH, so they share its outcome.
    expect(outcomes[1]).toEqual({
      status: "failed",
      message: "Member type name is not found",
      code: "not_found",
      requestId: expect.any(String),
    });
    expect(outcomes[2]).toEqual(outcomes[1]);
    expect(outcomes[3]).toMatchObject({ status: "failed", message: "Duplicate record", code: "conflict" });
  });

  it("skips everything after the first failure with stopOnError", async () => {
    await using h = await startSigmaHarness();
    const directory = await h.vendor.read(quietContext);
    const changes: Change[] = [
      { kind: "create-user", email: "a@acme.example", line: 2, user: newUser("a@acme.example", { role: "wizard" }) },
      { kind: "create-user", email: "b@acme.example", line: 3, user: newUser("b@acme.example") },
      {
        kind: "deactivate-user",
        email: "ada.lovelace@acme.example",
        userId: idOf(directory, "ada.lovelace@acme.example"),
        line: 4,
      },
    ];
    h.sim.clearRequests();
    const result = await applyPlan(h.vendor, handPlan(changes), directory, { stopOnError: true }, quietContext);
    expect(result.results.map((r) => r.outcome.status)).toEqual(["failed", "skipped", "skipped"]);
    expect(result.results[1]?.outcome).toEqual({ status: "skipped", reason: "stopped after an earlier failure" });
    expect(h.sim.requests.filter(isWrite)).toHaveLength(1);
  });

  it("creates exactly one member when the connection drops after Sigma handled the create", async () => {
    await using h = await startSigmaHarness();
    const directory = await h.vendor.read(quietContext);
    h.sim.addFault({ route: "members.create", drop: "after", count: 1 });
    const plan = handPlan([{ kind: "create-user", email: "n@acme.example", line: 2, user: newUser("N@acme.example") }]);
    const result = await applyPlan(h.vendor, plan, directory, { stopOnError: false }, quietContext);
    expect(result.results[0]?.outcome).toEqual({ status: "applied" });
    expect(h.sim.snapshot().members.filter((m) => m.email.toLowerCase() === "n@acme.example")).toHaveLength(1);
    expect(byRoute(h.sim.requests, "members.create")).toHaveLength(1);
    // One lookup by address settled the lost answer (docs/vendors/sigma.md#errors-and-rate-limits: creates are not idempotent).
    const lookups = byRoute(h.sim.requests, "members.list").filter((r) => new URLSearchParams(r.query).has("email"));
    expect(lookups).toHaveLength(1);
  });

  it("creates the member once when the connection drops before Sigma saw the create", async () => {
    await using h = await startSigmaHarness();
    const directory = await h.vendor.read(quietContext);
    h.sim.addFault({ route: "members.create", drop: "before", count: 1 });
    const plan = handPlan([{ kind: "create-user", email: "n@acme.example", line: 2, user: newUser("n@acme.example") }]);
    const result = await applyPlan(h.vendor, plan, directory, { stopOnError: false }, quietContext);
    expect(result.results[0]?.outcome).toEqual({ status: "applied" });
    expect(h.sim.snapshot().members.filter((m) => m.email === "n@acme.example")).toHaveLength(1);
  });

  it("retries a 5xx on an idempotent PATCH", async () => {
    await using h = await startSigmaHarness();
    const directory = await h.vendor.read(quietContext);
    h.sim.addFault({ route: "members.update", status: 502, count: 2 });
    const ada = idOf(directory, "ada.lovelace@acme.example");
    const plan = handPlan([
      {
        kind: "update-user",
        email: "ada.lovelace@acme.example",
        userId: ada,
        line: 2,
        downgrade: false,
        fields: [{ field: "lastName", from: "Lovelace", to: "King" }],
      },
    ]);
    const result = await applyPlan(h.vendor, plan, directory, { stopOnError: false }, quietContext);
    expect(result.results[0]?.outcome).toEqual({ status: "applied" });
    expect(byRoute(h.sim.requests, "members.update").map((r) => r.status)).toEqual([502, 502, 200]);
  });

  it("never writes the client secret or a token into outcomes or log lines", async () => {
    await using h = await startSigmaHarness();
    const lines = h.logs;
    const logger = quietContext.logger;
    const directory = await h.vendor.read({ logger });
    h.sim.addFault({ route: "members.update", status: 503, count: 1 });
    h.sim.advanceClock(2 * 3600 * 1000); // force a 401 and a re-auth in the middle
    const ada = idOf(directory, "ada.lovelace@acme.example");
    const plan = handPlan([
      {
        kind: "update-user",
        email: "ada.lovelace@acme.example",
        userId: ada,
        line: 2,
        downgrade: false,
        fields: [{ field: "role", from: "admin", to: "wizard" }],
      },
    ]);
    const result = await applyPlan(h.vendor, plan, directory, { stopOnError: false }, { logger });
    expect(result.results[0]?.outcome.status).toBe("failed");
    const tokens = h.sim.store.accessTokens.keys();
    const text = JSON.stringify(result) + lines.join("\n");
    expect(lines.length).toBeGreaterThan(0);
    expect(text).not.toContain(h.sim.clientSecret);
    for (const token of tokens) expect(text).not.toContain(token);
  });
});

describe("Sigma apply: team edge cases", () => {
  it("refuses a membership change of a deactivated member alone, without failing the rest of its chunk", async () => {
    await using h = await startSigmaHarness();
    const directory = await h.vendor.read(quietContext);
    const change = (email: string, line: number): Change => ({
      kind: "add-to-groups",
      email,
      userId: idOf(directory, email),
      line,
      groups: ["Finance"],
    });
    const plan = handPlan([change("ken.thompson@acme.example", 2), change("radia.perlman@acme.example", 3)]);
    h.sim.clearRequests();
    const result = await applyPlan(h.vendor, plan, directory, { stopOnError: false }, quietContext);
    expect(result.results.map((r) => r.outcome.status)).toEqual(["failed", "applied"]);
    expect(result.results[0]?.outcome).toMatchObject({ code: "MEMBER_INACTIVE" });
    expect(byRoute(h.sim.requests, "teams.members.update")).toHaveLength(1);
  });

  it("treats a team that appeared since the read as created", async () => {
    await using h = await startSigmaHarness();
    const directory = await h.vendor.read(quietContext);
    h.sim.store.addTeam("Marketing", Date.now());
    const result = await applyPlan(
      h.vendor,
      handPlan([{ kind: "create-group", group: "Marketing", line: 2 }]),
      directory,
      { stopOnError: false },
      quietContext,
    );
    expect(result.results[0]?.outcome).toEqual({ status: "applied" });
    expect(h.sim.snapshot().teams.filter((team) => team.name === "Marketing")).toHaveLength(1);
  });
});

describe("Sigma apply: a new member's attributes", () => {
  it("reports the member as created but failed when its attribute values are refused", async () => {
    await using h = await startSigmaHarness();
    const directory = await h.vendor.read(quietContext);
    h.sim.addFault({
      route: "attributes.users.set",
      count: 1,
      status: 400,
      body: { message: "Invalid value", code: "bad_request", requestId: "req-7" },
    });
    const plan = handPlan([
      {
        kind: "create-user",
        email: "n@acme.example",
        line: 2,
        user: newUser("n@acme.example", { attributes: { region: "EMEA" } }),
      },
    ]);
    const result = await applyPlan(h.vendor, plan, directory, { stopOnError: false }, quietContext);
    expect(result.results[0]?.outcome).toEqual({
      status: "failed",
      message: "member created, but setting its attributes failed: Invalid value",
      code: "bad_request",
      requestId: "req-7",
    });
    expect(h.sim.snapshot().members.some((member) => member.email === "n@acme.example")).toBe(true);
  });

  it("keeps a created member applied when the run stops before its attributes are set", async () => {
    await using h = await startSigmaHarness();
    const directory = await h.vendor.read(quietContext);
    const plan = handPlan([
      {
        kind: "create-user",
        email: "n@acme.example",
        line: 2,
        user: newUser("n@acme.example", { attributes: { region: "EMEA" } }),
      },
      { kind: "create-user", email: "x@acme.example", line: 3, user: newUser("x@acme.example", { role: "wizard" }) },
    ]);
    const result = await applyPlan(h.vendor, plan, directory, { stopOnError: true }, quietContext);
    expect(result.results.map((r) => r.outcome.status)).toEqual(["applied", "failed"]);
    expect(byRoute(h.sim.requests, "attributes.users.set")).toHaveLength(0);
  });
});
