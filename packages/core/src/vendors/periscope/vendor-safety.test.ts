import { describe, expect, it } from "vitest";
import { applyPlan } from "../../engine/apply-plan.js";
import { periscopeDemoKeys } from "./simulator/index.js";
import { idOf, newUser, planOf, useDemoSites } from "./test-helpers.js";

const { logger, context, sim, vendors, writes } = useDemoSites();

describe("check (server-side test_mode)", () => {
  it("sends every planned write with test_mode=true, persists nothing, and reports rejections by change index", async () => {
    const [v1] = vendors("plan");
    const directory = await v1.read(context);
    const before = structuredClone(sim().state.sites);
    const plan = planOf([
      { kind: "create-user", email: "ok@acme.example", line: 2, user: newUser("ok@acme.example", ["Finance"]) },
      { kind: "create-user", email: "bad@acme.example", line: 3, user: newUser("bad@acme.example", ["Nope"]) },
      {
        kind: "create-user",
        email: "grace.hopper@acme.example",
        line: 4,
        user: newUser("grace.hopper@acme.example", []),
      },
      {
        kind: "delete-user",
        email: "mary.jackson@acme.example",
        userId: idOf(directory, "mary.jackson@acme.example"),
        line: null,
      },
    ]);
    sim().clearRequests();
    const result = await v1.check?.(plan, directory, context);
    expect(result).toEqual({
      rejections: [
        { index: 1, message: "Unknown group: Nope", code: "bad_request" },
        { index: 2, message: "A user with email grace.hopper@acme.example already exists", code: "conflict" },
      ],
      requests: 4,
    });
    expect(writes().every((request) => new URLSearchParams(request.query).get("test_mode") === "true")).toBe(true);
    expect(sim().state.sites).toEqual(before);
    expect(sim().state.testModeLog).toHaveLength(4);
  });

  it("leaves groups the plan creates out of test-mode user requests (they cannot exist yet)", async () => {
    const [, v2] = vendors("plan");
    const directory = await v2.read(context);
    const plan = planOf([
      { kind: "create-group", group: "Analyst", line: 2 },
      { kind: "create-user", email: "r@acme.example", line: 2, user: newUser("r@acme.example", ["Analyst", "Viewer"]) },
    ]);
    sim().clearRequests();
    expect((await v2.check?.(plan, directory, context))?.rejections).toEqual([]);
    const viewer = sim().state.sites["acme-rbac"]?.roles.find((role) => role.name === "Viewer")?.id;
    expect(writes().map((request) => [request.route, request.query])).toEqual([
      ["roles.create", "test_mode=true"],
      ["v2.users.create", "test_mode=true"],
    ]);
    expect(writes()[1]?.body).toMatchObject({ roles: [viewer] });
    expect(sim().state.sites["acme-rbac"]?.roles.map((role) => role.name)).toEqual(["Viewer", "Editor", "Admin"]);
  });

  it("rejects a role that does not exist and is not created by the plan without asking the server", async () => {
    const [, v2] = vendors("plan");
    const directory = await v2.read(context);
    const plan = planOf([
      { kind: "create-user", email: "r@acme.example", line: 7, user: newUser("r@acme.example", ["Ghost"]) },
    ]);
    expect((await v2.check?.(plan, directory, context))?.rejections).toEqual([
      { index: 0, message: 'Role "Ghost" does not exist on this site', code: "UNRESOLVED" },
    ]);
  });
});

describe("live mode", () => {
  it("never sends test_mode=true", async () => {
    const [v1, v2] = vendors("apply");
    for (const vendor of [v1, v2]) {
      const directory = await vendor.read(context);
      await applyPlan(
        vendor,
        planOf([
          { kind: "create-group", group: "Zeta", line: 2 },
          { kind: "create-user", email: "z@acme.example", line: 2, user: newUser("z@acme.example", ["Zeta"]) },
        ]),
        directory,
        { stopOnError: false },
        context,
      );
    }
    expect(writes()).toHaveLength(4);
    for (const request of writes()) expect(new URLSearchParams(request.query).get("test_mode")).toBe("false");
    expect(sim().state.testModeLog).toEqual([]);
  });

  it("in plan mode the HTTP guard refuses a live write before anything is sent", async () => {
    const [v1] = vendors("plan");
    const directory = await v1.read(context);
    const plan = planOf([
      { kind: "create-user", email: "x@acme.example", line: 2, user: newUser("x@acme.example", []) },
    ]);
    await expect(applyPlan(v1, plan, directory, { stopOnError: false }, context)).rejects.toMatchObject({
      code: "READ_ONLY_VIOLATION",
    });
    expect(writes()).toEqual([]);
  });
});

describe("several sites in one run", () => {
  it("sends each site's requests with its own key to its own API family", async () => {
    const [v1, v2] = vendors();
    await Promise.all([v1.read(context), v2.read(context)]);
    for (const request of sim().requests) {
      const site =
        request.path.startsWith("/api/v2/") || request.path === "/api/v1/roles" ? "acme-rbac" : "acme-analytics";
      expect(request.headers["http-x-partner-auth"]).toBe(`${site}:${periscopeDemoKeys[site]}`);
    }
    expect(new Set(sim().requests.map((request) => request.route))).toEqual(
      new Set(["v1.users.list", "v1.groups.list", "v2.users.list", "roles.list"]),
    );
  });
});

describe("per-change failures", () => {
  it("reports the server's 404, 409 and 400 per change and still applies the rest", async () => {
    const [v1] = vendors();
    const directory = await v1.read(context);
    const graceId = idOf(directory, "grace.hopper@acme.example");
    // Someone deletes Grace between the read and the apply.
    const site = sim().state.sites["acme-analytics"];
    if (site) site.users = site.users.filter((user) => user.email !== "grace.hopper@acme.example");
    const plan = planOf([
      {
        kind: "create-user",
        email: "alan.turing@acme.example",
        line: 2,
        user: newUser("alan.turing@acme.example", []),
      },
      { kind: "create-user", email: "x@acme.example", line: 3, user: newUser("x@acme.example", ["Nope"]) },
      { kind: "create-user", email: "y@acme.example", line: 4, user: newUser("y@acme.example", []) },
      {
        kind: "update-user",
        email: "grace.hopper@acme.example",
        userId: graceId,
        line: 5,
        downgrade: false,
        fields: [{ field: "firstName", from: "Grace", to: "G" }],
      },
      { kind: "add-to-groups", email: "grace.hopper@acme.example", userId: graceId, line: 5, groups: ["Finance"] },
    ]);
    const result = await applyPlan(v1, plan, directory, { stopOnError: false }, context);
    expect(result.results.map((item) => item.outcome)).toEqual([
      { status: "failed", message: "A user with email alan.turing@acme.example already exists", code: "conflict" },
      { status: "failed", message: "Unknown group: Nope", code: "bad_request" },
      { status: "applied" },
      { status: "failed", message: "No user with email grace.hopper@acme.example", code: "not_found" },
      { status: "failed", message: "No user with email grace.hopper@acme.example", code: "not_found" },
    ]);
    expect(result.counts).toEqual({ applied: 1, failed: 4, skipped: 0 });
  });

  it("skips the rest after the first failure when stopOnError is set", async () => {
    const [v1] = vendors();
    const directory = await v1.read(context);
    const plan = planOf([
      { kind: "create-user", email: "x@acme.example", line: 2, user: newUser("x@acme.example", ["Nope"]) },
      { kind: "create-user", email: "y@acme.example", line: 3, user: newUser("y@acme.example", []) },
    ]);
    const result = await applyPlan(v1, plan, directory, { stopOnError: true }, context);
    expect(result.results.map((item) => item.outcome.status)).toEqual(["failed", "skipped"]);
    expect(writes()).toHaveLength(1);
  });

  it("skips changes Periscope cannot make", async () => {
    const [v1] = vendors();
    const directory = await v1.read(context);
    const userId = idOf(directory, "grace.hopper@acme.example");
    const result = await applyPlan(
      v1,
      planOf([{ kind: "deactivate-user", email: "grace.hopper@acme.example", userId, line: null }]),
      directory,
      { stopOnError: false },
      context,
    );
    expect(result.results[0]?.outcome).toMatchObject({ status: "skipped" });
    expect(writes()).toEqual([]);
  });

  it("retries a 503 and honours a 429, then succeeds", async () => {
    const [v1] = vendors();
    const directory = await v1.read(context);
    sim().addFault({ route: "v1.users.create", count: 1, status: 429, headers: { "retry-after": "0" } });
    sim().addFault({ route: "v1.users.delete", count: 1, status: 503 });
    const userId = idOf(directory, "mary.jackson@acme.example");
    const result = await applyPlan(
      v1,
      planOf([
        { kind: "create-user", email: "x@acme.example", line: 2, user: newUser("x@acme.example", []) },
        { kind: "delete-user", email: "mary.jackson@acme.example", userId, line: null },
      ]),
      directory,
      { stopOnError: false },
      context,
    );
    expect(result.counts.applied).toBe(2);
    // The two users' requests run side by side; each route sees its retry in order.
    const statuses = (route: string) =>
      writes()
        .filter((request) => request.route === route)
        .map((request) => request.status);
    expect(statuses("v1.users.create")).toEqual([429, 201]);
    expect(statuses("v1.users.delete")).toEqual([503, 204]);
  });

  it("looks the user up after a create whose answer was lost, instead of reporting a false failure", async () => {
    const [v1] = vendors();
    const directory = await v1.read(context);
    sim().addFault({ route: "v1.users.create", count: 1, drop: "after" });
    const result = await applyPlan(
      v1,
      planOf([{ kind: "create-user", email: "x@acme.example", line: 2, user: newUser("x@acme.example", []) }]),
      directory,
      { stopOnError: false },
      context,
    );
    expect(result.results[0]?.outcome).toEqual({ status: "applied" });
    expect(sim().state.sites["acme-analytics"]?.users.filter((user) => user.email === "x@acme.example")).toHaveLength(
      1,
    );
  });

  it("counts a delete as applied when its answer was lost and the repeat finds the user gone", async () => {
    const [v1] = vendors();
    const directory = await v1.read(context);
    sim().addFault({ route: "v1.users.delete", count: 1, drop: "after" });
    const userId = idOf(directory, "mary.jackson@acme.example");
    const result = await applyPlan(
      v1,
      planOf([{ kind: "delete-user", email: "mary.jackson@acme.example", userId, line: null }]),
      directory,
      { stopOnError: false },
      context,
    );
    expect(result.results[0]?.outcome).toEqual({ status: "applied" });
    expect(writes().map((request) => request.status)).toEqual([204, 404]);
  });

  it("never logs or reports the API key", async () => {
    sim().addFault({
      route: "v1.users.list",
      count: 1,
      status: 401,
      body: { error: "unauthorized", message: "bad key" },
    });
    const [v1] = vendors();
    const error = await v1.read(context).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 401, details: { message: "bad key" } });
    const key = periscopeDemoKeys["acme-analytics"];
    expect(`${String(error)} ${JSON.stringify(error)}`).not.toContain(key);
    expect(logger.lines.length).toBeGreaterThan(0);
    expect(logger.lines.join("\n")).not.toContain(key);
  });
});
