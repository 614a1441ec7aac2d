import { describe, expect, it } from "vitest";
import { applyPlan } from "../../engine/apply-plan.js";
import { idOf, newUser, planOf, useDemoSites } from "./test-helpers.js";
import { periscopeVendor } from "./vendor.js";

const { context, sim, vendors, writes } = useDemoSites();
const siteUser = (site: string, email: string) => sim().state.sites[site]?.users.find((user) => user.email === email);

describe("periscopeVendor module", () => {
  it("creates one vendor per site, targeted by site name, with the family's group noun", () => {
    const [v1, v2] = vendors();
    expect([v1.target, v1.capabilities.groupNoun, v2.target, v2.capabilities.groupNoun]).toEqual([
      "acme-analytics",
      "group",
      "acme-rbac",
      "role",
    ]);
    expect(periscopeVendor.secretSettings).toEqual(["PERISCOPE_API_KEY"]);
    expect(periscopeVendor.capabilities).toMatchObject({
      renameEmail: false,
      deactivate: false,
      deleteUser: true,
      roles: false,
    });
  });
});

describe("read", () => {
  it("reads a v1 site's users with group names, and its groups", async () => {
    const directory = await vendors()[0].read(context);
    expect(directory.users.find((user) => user.email === "alan.turing@acme.example")).toMatchObject({
      firstName: "Alan",
      groups: ["Everyone", "Analysts", "Finance"],
      status: "active",
    });
    expect(directory.groups.map((group) => group.name)).toEqual(["Everyone", "Analysts", "Finance", "Sales Ops"]);
    expect(directory.self).toBe("admin@acme.example");
  });

  it("reads an RBAC site's users with role names resolved from ids", async () => {
    const directory = await vendors()[1].read(context);
    expect(directory.users.find((user) => user.email === "edsger.dijkstra@acme.example")?.groups).toEqual([
      "Viewer",
      "Editor",
    ]);
    expect(directory.groups.map((group) => group.name)).toEqual(["Viewer", "Editor", "Admin"]);
    expect(
      sim()
        .requests.map((request) => request.route)
        .sort(),
    ).toEqual(["roles.list", "v2.users.list"]);
  });
});

describe("read: users mapped as they are checked (issue 14 item 7, memory)", () => {
  // The users listing's items wait for the group or role index; the two requests still go out at
  // once (site-family.ts readDirectory).
  it.each([
    { site: 0, groups: "v1.groups.list", users: "v1.users.list", email: "alan.turing@acme.example" },
    { site: 1, groups: "roles.list", users: "v2.users.list", email: "edsger.dijkstra@acme.example" },
  ] as const)(
    "asks for the users while the slow $groups answer is on its way, and names memberships through it",
    async ({ site, groups, users, email }) => {
      const expected = (await vendors()[site].read(context)).users.find((user) => user.email === email);
      expect(expected?.groups.length).toBeGreaterThan(0);
      const before = sim().requests.length;
      sim().addFault({ route: groups, latencyMs: 400 });
      const directory = await vendors()[site].read(context);
      expect(directory.users.find((user) => user.email === email)).toEqual(expected);
      const sent = (route: string) =>
        sim()
          .requests.slice(before)
          .find((request) => request.route === route)?.time ?? Number.NaN;
      // Read one after the other, the users request would arrive 400 ms after the groups request.
      expect(Math.abs(sent(users) - sent(groups))).toBeLessThan(200);
    },
  );

  it("names the place of a bad user in a one-page listing of 20,000 (users.12345.email)", async () => {
    const listed = Array.from({ length: 20_000 }, (_, i) => ({ id: i + 1, email: `u${i}@acme.example`, groups: [] }));
    listed[12_345] = { id: 12_346, email: "", groups: [] };
    sim().addFault({ route: "v1.users.list", status: 200, body: { users: listed } });
    const error = await vendors()[0]
      .read(context)
      .then(
        () => undefined,
        (caught: unknown) => caught,
      );
    expect(error).toMatchObject({ code: "VENDOR_PROTOCOL", vendor: "Periscope", request: "GET /api/v1/users" });
    expect((error as Error).message).toContain(
      "a JSON object with keys users, not the expected answer (users.12345.email: Too small: expected string to have >=1 characters)",
    );
  });
});

describe("apply on a v1 site", () => {
  it("creates a group, then a user in it, in one request each", async () => {
    const [v1] = vendors();
    const directory = await v1.read(context);
    sim().clearRequests();
    const plan = planOf([
      { kind: "create-group", group: "Data", line: 3 },
      {
        kind: "create-user",
        email: "new@acme.example",
        line: 3,
        user: newUser("new@acme.example", ["Data", "finance"]),
      },
    ]);
    const result = await applyPlan(v1, plan, directory, { stopOnError: false }, context);
    expect(result.counts).toEqual({ applied: 2, failed: 0, skipped: 0 });
    expect(writes().map((request) => [request.route, request.body])).toEqual([
      ["v1.groups.create", { name: "Data", access: "View", created_by_email: "admin@acme.example" }],
      [
        "v1.users.create",
        {
          first_name: "New",
          last_name: "Person",
          email: "new@acme.example",
          groups: ["Data", "Finance"],
          invited_by_email: "admin@acme.example",
        },
      ],
    ]);
  });

  it("combines a name update and group changes into ONE PUT with the full resulting group list", async () => {
    const [v1] = vendors();
    const directory = await v1.read(context);
    const userId = idOf(directory, "alan.turing@acme.example");
    const base = { email: "alan.turing@acme.example", userId, line: 4 };
    const plan = planOf([
      { kind: "update-user", ...base, downgrade: false, fields: [{ field: "firstName", from: "Alan", to: "Al" }] },
      { kind: "add-to-groups", ...base, groups: ["Sales Ops"] },
      { kind: "remove-from-groups", ...base, groups: ["Finance"] },
    ]);
    sim().clearRequests();
    const result = await applyPlan(v1, plan, directory, { stopOnError: false }, context);
    expect(result.results.map((item) => item.outcome.status)).toEqual(["applied", "applied", "applied"]);
    expect(writes()).toHaveLength(1);
    expect(writes()[0]).toMatchObject({
      method: "PUT",
      headers: { "http-x-email": "alan.turing@acme.example" },
      body: { first_name: "Al", last_name: "Turing", groups: ["Everyone", "Analysts", "Sales Ops"] },
    });
  });

  it("deletes with the HTTP-X-EMAIL header, and sends nothing for an empty plan", async () => {
    const [v1] = vendors();
    const directory = await v1.read(context);
    sim().clearRequests();
    await applyPlan(v1, planOf([]), directory, { stopOnError: false }, context);
    expect(sim().requests).toEqual([]);
    const userId = idOf(directory, "mary.jackson@acme.example");
    await applyPlan(
      v1,
      planOf([{ kind: "delete-user", email: "mary.jackson@acme.example", userId, line: null }]),
      directory,
      { stopOnError: false },
      context,
    );
    expect(writes().map((request) => [request.method, request.headers["http-x-email"]])).toEqual([
      ["DELETE", "mary.jackson@acme.example"],
    ]);
    expect(siteUser("acme-analytics", "mary.jackson@acme.example")).toBeUndefined();
  });
});

describe("apply on an RBAC site", () => {
  it("creates a role and a user holding it, resolving role names to ids", async () => {
    const [, v2] = vendors();
    const directory = await v2.read(context);
    const plan = planOf([
      { kind: "create-group", group: "Analyst", line: 2 },
      { kind: "create-user", email: "r@acme.example", line: 2, user: newUser("r@acme.example", ["Analyst", "Viewer"]) },
    ]);
    const result = await applyPlan(v2, plan, directory, { stopOnError: false }, context);
    expect(result.counts.applied).toBe(2);
    const site = sim().state.sites["acme-rbac"];
    const roleIds = ["Analyst", "Viewer"].map((name) => site?.roles.find((role) => role.name === name)?.id);
    expect(siteUser("acme-rbac", "r@acme.example")?.roles).toEqual(roleIds);
    expect(writes()[0]?.body).toMatchObject({
      name: "Analyst",
      created_by_email: "admin@acme.example",
      privileges: [],
    });
  });

  it("updates names and roles by user id in one PUT, and deletes by id", async () => {
    const [, v2] = vendors();
    const directory = await v2.read(context);
    const userId = idOf(directory, "dorothy.vaughan@acme.example");
    const base = { email: "dorothy.vaughan@acme.example", userId, line: 5 };
    const deleteId = idOf(directory, "edsger.dijkstra@acme.example");
    sim().clearRequests();
    await applyPlan(
      v2,
      planOf([
        { kind: "update-user", ...base, downgrade: false, fields: [{ field: "lastName", from: "Vaughan", to: "V." }] },
        { kind: "add-to-groups", ...base, groups: ["Editor"] },
        { kind: "remove-from-groups", ...base, groups: ["Viewer"] },
        { kind: "delete-user", email: "edsger.dijkstra@acme.example", userId: deleteId, line: null },
      ]),
      directory,
      { stopOnError: false },
      context,
    );
    const editor = sim().state.sites["acme-rbac"]?.roles.find((role) => role.name === "Editor")?.id;
    expect(writes().map((request) => [request.method, request.path, request.body])).toEqual([
      ["PUT", `/api/v2/users/${userId}`, { first_name: "Dorothy", last_name: "V.", roles: [editor] }],
      ["DELETE", `/api/v2/users/${deleteId}`, undefined],
    ]);
    expect(siteUser("acme-rbac", "dorothy.vaughan@acme.example")).toMatchObject({ last_name: "V.", roles: [editor] });
  });

  it("sends role ids back as strings when the server gives string ids (ASSUMPTION IDS)", async () => {
    sim().state.config = { ...sim().state.config, idType: "string", refShape: "objects" };
    const [, v2] = vendors();
    const directory = await v2.read(context);
    expect(directory.users.find((user) => user.email === "admin@acme.example")?.groups).toEqual(["Admin"]);
    const userId = idOf(directory, "dorothy.vaughan@acme.example");
    sim().clearRequests();
    await applyPlan(
      v2,
      planOf([{ kind: "add-to-groups", email: "dorothy.vaughan@acme.example", userId, line: 2, groups: ["Admin"] }]),
      directory,
      { stopOnError: false },
      context,
    );
    const ids = ["Viewer", "Admin"].map((name) =>
      String(sim().state.sites["acme-rbac"]?.roles.find((r) => r.name === name)?.id),
    );
    expect(writes()[0]?.body).toEqual({ first_name: "Dorothy", last_name: "Vaughan", roles: ids });
  });
});
