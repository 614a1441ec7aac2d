import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { HttpClient } from "../../http/index.js";
import { createPeriscopeV1Client, createPeriscopeV2Client } from "./client.js";
import { type PeriscopeSimulator, periscopeDemoKeys, startPeriscopeSimulator } from "./simulator/index.js";
import { demoSite, fastHttp, memoryLogger } from "./test-helpers.js";
import { createPeriscopeHttp } from "./transport.js";

let sim: PeriscopeSimulator;
let http: HttpClient[];

beforeEach(async () => {
  sim = await startPeriscopeSimulator();
  http = [];
});

afterEach(async () => {
  await Promise.all(http.map((client) => client.close()));
  await sim.close();
});

function v1(mode: "plan" | "apply" = "apply") {
  const client = createPeriscopeHttp(
    demoSite(sim.url, "acme-analytics", periscopeDemoKeys),
    mode,
    memoryLogger(),
    fastHttp,
  );
  http.push(client);
  return createPeriscopeV1Client(client);
}

function v2(mode: "plan" | "apply" = "apply") {
  const client = createPeriscopeHttp(demoSite(sim.url, "acme-rbac", periscopeDemoKeys), mode, memoryLogger(), fastHttp);
  http.push(client);
  return createPeriscopeV2Client(client);
}

const live = { testMode: false };
const admin = "admin@acme.example";

describe("v1 client against the simulator", () => {
  it("sends the partner auth header and reads users and groups", async () => {
    const users = await v1().users.list();
    expect(users.map((user) => user.email)).toContain("grace.hopper@acme.example");
    expect(users.find((user) => user.email === "grace.hopper@acme.example")?.refs).toEqual([
      { name: "Everyone" },
      { name: "Analysts" },
    ]);
    expect((await v1().groups.list()).map((group) => group.name)).toEqual([
      "Everyone",
      "Analysts",
      "Finance",
      "Sales Ops",
    ]);
    expect(sim.requests[0]?.headers["http-x-partner-auth"]).toBe(
      `acme-analytics:${periscopeDemoKeys["acme-analytics"]}`,
    );
  });

  it("reads one user by HTTP-X-EMAIL, undefined when absent", async () => {
    const client = v1();
    expect((await client.users.get("alan.turing@acme.example"))?.firstName).toBe("Alan");
    expect(await client.users.get("ghost@acme.example")).toBeUndefined();
    expect(sim.requests.at(-1)?.headers["http-x-email"]).toBe("ghost@acme.example");
  });

  it("creates, updates and deletes users with test_mode=false on live writes", async () => {
    const client = v1();
    const created = await client.users.create(
      { first_name: "N", last_name: "P", email: "n@acme.example", groups: ["Finance"], invited_by_email: admin },
      live,
    );
    expect(created?.email).toBe("n@acme.example");
    await client.users.update("n@acme.example", { first_name: "Nia", last_name: "P", groups: ["Analysts"] }, live);
    // The site keeps every user in its built-in Everyone group (ASSUMPTION EVERYONE).
    expect(await client.users.get("n@acme.example")).toMatchObject({
      firstName: "Nia",
      refs: [{ name: "Everyone" }, { name: "Analysts" }],
    });
    await client.users.delete("n@acme.example", live);
    expect(await client.users.get("n@acme.example")).toBeUndefined();
    const writes = sim.requests.filter((request) => request.method !== "GET");
    expect(writes.map((request) => [request.method, request.path, request.query])).toEqual([
      ["POST", "/api/v1/users", "test_mode=false"],
      ["PUT", "/api/v1/users", "test_mode=false"],
      ["DELETE", "/api/v1/users", "test_mode=false"],
    ]);
  });

  it("creates, gets, renames and deletes groups", async () => {
    const client = v1();
    const group = await client.groups.create({ name: "Data", access: "View", created_by_email: admin }, live);
    expect(group?.name).toBe("Data");
    await client.groups.update(group?.id ?? "", { name: "Data Team" }, live);
    expect((await client.groups.get(group?.id ?? ""))?.name).toBe("Data Team");
    await client.groups.delete(group?.id ?? "", live);
    expect(await client.groups.get(group?.id ?? "")).toBeUndefined();
  });

  it("surfaces the server's message and status as an HttpError", async () => {
    const failure = v1().users.update("ghost@acme.example", { first_name: "", last_name: "" }, live);
    await expect(failure).rejects.toMatchObject({
      status: 404,
      details: { message: "No user with email ghost@acme.example" },
    });
  });

  it("sends test_mode=true in plan mode and is refused a live write there", async () => {
    const client = v1("plan");
    await client.users.create(
      { first_name: "T", last_name: "M", email: "t@acme.example", groups: [], invited_by_email: admin },
      { testMode: true },
    );
    expect(sim.requests.at(-1)?.query).toBe("test_mode=true");
    await expect(client.users.delete("grace.hopper@acme.example", live)).rejects.toMatchObject({
      code: "READ_ONLY_VIOLATION",
    });
    expect(sim.requests.filter((request) => request.method === "DELETE")).toEqual([]);
  });
});

describe("v2 client against the simulator", () => {
  it("reads users with role ids and the roles list", async () => {
    const client = v2();
    const roles = await client.roles.list();
    expect(roles.map((role) => role.name)).toEqual(["Viewer", "Editor", "Admin"]);
    const users = await client.users.list();
    const admin = users.find((user) => user.email === "admin@acme.example");
    expect(admin?.refs).toEqual([{ id: roles[2]?.id, rawId: roles[2]?.rawId }]);
    expect((await client.users.get(admin?.id ?? ""))?.email).toBe("admin@acme.example");
    expect(await client.users.get("424242")).toBeUndefined();
  });

  it("creates, updates and deletes users by id, and creates and deletes roles", async () => {
    const client = v2();
    const role = await client.roles.create(
      { name: "Analyst", description: "d", created_by_email: admin, privileges: [], permissions: [] },
      live,
    );
    await client.roles.update(role?.id ?? "", { name: "Analysts", updated_by_email: admin }, live);
    expect((await client.roles.get(role?.id ?? ""))?.name).toBe("Analysts");
    const user = await client.users.create(
      { first_name: "R", last_name: "B", email: "rb@acme.example", roles: [role?.rawId ?? 0], invited_by_email: admin },
      live,
    );
    await client.users.update(user?.id ?? "", { first_name: "Rita", last_name: "B", roles: [] }, live);
    expect(await client.users.get(user?.id ?? "")).toMatchObject({ firstName: "Rita", refs: [] });
    await client.users.delete(user?.id ?? "", live);
    await client.roles.delete(role?.id ?? "", live);
    expect(await client.roles.get(role?.id ?? "")).toBeUndefined();
    expect(
      sim.requests.filter((request) => request.method !== "GET").map((request) => `${request.method} ${request.route}`),
    ).toEqual([
      "POST roles.create",
      "PUT roles.update",
      "POST v2.users.create",
      "PUT v2.users.update",
      "DELETE v2.users.delete",
      "DELETE roles.delete",
    ]);
  });
});

describe("client tolerance of unverified shapes", () => {
  const variants = [
    ["a bare array", { listShape: "array" }],
    ["a data envelope", { listShape: "data" }],
    ["string ids and {id,name} references", { idType: "string", refShape: "objects" }],
    ["users paged with next_page_start", { userPageSize: 2 }],
  ] as const;

  it.each(variants)("v1: reads the same users and groups when lists come as %s", async (_name, config) => {
    const expected = await v1().users.list();
    sim.state.config = { ...sim.state.config, ...config };
    const users = await v1().users.list();
    expect(users.map((user) => [user.id, user.email, user.refs.map((ref) => ref.name)])).toEqual(
      expected.map((user) => [user.id, user.email, user.refs.map((ref) => ref.name)]),
    );
    expect((await v1().groups.list()).map((group) => group.id)).toHaveLength(4);
  });

  it.each(variants)("v2: reads the same users and role ids when lists come as %s", async (_name, config) => {
    const expected = await v2().users.list();
    sim.state.config = { ...sim.state.config, ...config };
    const users = await v2().users.list();
    expect(users.map((user) => [user.id, user.email, user.refs.map((ref) => ref.id)])).toEqual(
      expected.map((user) => [user.id, user.email, user.refs.map((ref) => ref.id)]),
    );
  });
});
