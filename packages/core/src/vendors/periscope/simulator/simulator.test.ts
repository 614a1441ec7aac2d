import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type PeriscopeSimulator, periscopeDemoKeys, periscopeSimulatorEnv, startPeriscopeSimulator } from "./index.js";

let sim: PeriscopeSimulator;

beforeEach(async () => {
  sim = await startPeriscopeSimulator();
});

afterEach(async () => {
  await sim.close();
});

const V1 = `acme-analytics:${periscopeDemoKeys["acme-analytics"]}`;
const RBAC = `acme-rbac:${periscopeDemoKeys["acme-rbac"]}`;
const ADMIN = "admin@acme.example";

async function call(
  method: string,
  path: string,
  auth: string | undefined,
  options: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${sim.url}${path}`, {
    method,
    headers: {
      ...(auth !== undefined && { "Http-X-Partner-Auth": auth }),
      ...(options.body !== undefined && { "content-type": "application/json" }),
      ...options.headers,
    },
    ...(options.body !== undefined && { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text === "" ? undefined : JSON.parse(text) };
}

const newUser = (email: string, groups: unknown[]) => ({
  first_name: "New",
  last_name: "Person",
  email,
  groups,
  invited_by_email: "admin@acme.example",
});

describe("Periscope simulator: auth and families", () => {
  it("needs <site>:<key> in HTTP-X-PARTNER-AUTH, matched per site", async () => {
    expect(await call("GET", "/api/v1/users", undefined)).toEqual({
      status: 401,
      body: { error: "unauthorized", message: expect.any(String) },
    });
    expect((await call("GET", "/api/v1/users", `acme-analytics:${periscopeDemoKeys["acme-rbac"]}`)).status).toBe(401);
    expect((await call("GET", "/api/v1/users", V1)).status).toBe(200);
  });

  it("answers 403 when a site calls the other API family", async () => {
    expect((await call("GET", "/api/v2/users", V1)).status).toBe(403);
    expect((await call("GET", "/api/v1/roles", V1)).status).toBe(403);
    expect((await call("GET", "/api/v1/users", RBAC)).status).toBe(403);
    expect((await call("GET", "/api/v1/groups", RBAC)).status).toBe(403);
  });

  it("uses the vendor 404 for unknown paths and 400 for malformed JSON", async () => {
    expect((await call("GET", "/api/v3/nothing", V1)).status).toBe(404);
    const response = await fetch(`${sim.url}/api/v1/users`, {
      method: "POST",
      headers: { "http-x-partner-auth": V1, "content-type": "application/json" },
      body: "{not json",
    });
    expect(response.status).toBe(400);
  });
});

describe("Periscope simulator: v1 users and groups", () => {
  it("lists users as {users: [...]} with the assumed fields, and reads one by HTTP-X-EMAIL", async () => {
    const list = (await call("GET", "/api/v1/users", V1)).body as { users: Record<string, unknown>[] };
    expect(list.users[1]).toEqual({
      id: expect.any(Number),
      first_name: "Grace",
      last_name: "Hopper",
      email: "grace.hopper@acme.example",
      groups: ["Everyone", "Analysts"],
      created_at: expect.any(String),
      invited_by_email: null,
      status: "active",
    });
    const one = await call("GET", "/api/v1/users", V1, { headers: { "HTTP-X-EMAIL": "GRACE.hopper@acme.example" } });
    expect(one.body).toMatchObject({ user: { email: "grace.hopper@acme.example" } });
    expect((await call("GET", "/api/v1/users", V1, { headers: { "HTTP-X-EMAIL": "no@acme.example" } })).status).toBe(
      404,
    );
  });

  it("creates (201), rejects an unknown group (400) and a duplicate email (409)", async () => {
    expect((await call("POST", "/api/v1/users", V1, { body: newUser("n@acme.example", ["Finance"]) })).status).toBe(
      201,
    );
    expect(await call("POST", "/api/v1/users", V1, { body: newUser("m@acme.example", ["Nope"]) })).toEqual({
      status: 400,
      body: { error: "bad_request", message: "Unknown group: Nope" },
    });
    expect((await call("POST", "/api/v1/users", V1, { body: newUser("N@acme.example", []) })).status).toBe(409);
  });

  it("replaces groups on update and 404s an unknown email on update and delete", async () => {
    const headers = { "HTTP-X-EMAIL": "alan.turing@acme.example" };
    const updated = await call("PUT", "/api/v1/users", V1, {
      headers,
      body: { first_name: "Al", groups: ["Sales Ops"] },
    });
    // The built-in Everyone group stays: every user is in it (ASSUMPTION EVERYONE).
    expect(updated.body).toMatchObject({
      user: { first_name: "Al", last_name: "Turing", groups: ["Everyone", "Sales Ops"] },
    });
    const missing = { "HTTP-X-EMAIL": "ghost@acme.example" };
    expect((await call("PUT", "/api/v1/users", V1, { headers: missing, body: {} })).status).toBe(404);
    expect((await call("DELETE", "/api/v1/users", V1, { headers: missing })).status).toBe(404);
    expect((await call("DELETE", "/api/v1/users", V1, { headers })).status).toBe(204);
    expect(sim.state.sites["acme-analytics"]?.users.some((user) => user.email === "alan.turing@acme.example")).toBe(
      false,
    );
  });

  it("creates, renames and deletes groups; deleting a group drops its memberships", async () => {
    const created = (
      await call("POST", "/api/v1/groups", V1, { body: { name: "Data", access: "View", created_by_email: ADMIN } })
    ).body as {
      group: { id: number };
    };
    expect(
      (await call("POST", "/api/v1/groups", V1, { body: { name: "data", access: "View", created_by_email: ADMIN } }))
        .status,
    ).toBe(409);
    const analysts = sim.state.sites["acme-analytics"]?.groups.find((group) => group.name === "Analysts");
    expect((await call("PUT", `/api/v1/groups/${created.group.id}`, V1, { body: { name: "Data Team" } })).status).toBe(
      200,
    );
    expect((await call("DELETE", `/api/v1/groups/${analysts?.id}`, V1)).status).toBe(204);
    expect(sim.state.sites["acme-analytics"]?.users.every((user) => !user.groups.includes(analysts?.id ?? -1))).toBe(
      true,
    );
    expect((await call("GET", "/api/v1/groups/999999", V1)).status).toBe(404);
  });
});

describe("Periscope simulator: RBAC users and roles", () => {
  it("lists users with role ids and creates users by role id, not name", async () => {
    const list = (await call("GET", "/api/v2/users", RBAC)).body as { users: { roles: unknown[] }[] };
    expect(list.users[0]?.roles).toEqual([expect.any(Number)]);
    const viewer = sim.state.sites["acme-rbac"]?.roles.find((role) => role.name === "Viewer");
    const body = { ...newUser("r@acme.example", []), groups: undefined, roles: [viewer?.id] };
    expect((await call("POST", "/api/v2/users", RBAC, { body })).status).toBe(201);
    const byName = { ...newUser("s@acme.example", []), roles: ["Viewer"] };
    expect((await call("POST", "/api/v2/users", RBAC, { body: byName })).body).toMatchObject({
      message: "Unknown role id: Viewer",
    });
  });

  it("creates roles only with an existing created_by_email, and pages dashboards", async () => {
    const role = { name: "Analyst", description: "", privileges: [], permissions: [] };
    expect((await call("POST", "/api/v1/roles", RBAC, { body: { ...role, created_by_email: "x@y.io" } })).status).toBe(
      400,
    );
    expect(
      (await call("POST", "/api/v1/roles", RBAC, { body: { ...role, created_by_email: "admin@acme.example" } })).status,
    ).toBe(201);
    await fetch(`${sim.url}/__sandbox/config`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ dashboardPageSize: 3 }),
    });
    const first = (await call("GET", "/api/v1/dashboards", RBAC)).body as {
      next_page_start: number;
      items_this_page: number;
    };
    expect(first.items_this_page).toBe(3);
    const second = await call("GET", `/api/v1/dashboards?next_page_start=${first.next_page_start}`, RBAC);
    expect(second.body).toMatchObject({ items_this_page: 1, next_page_start: null });
  });
});

describe("Periscope simulator: test_mode", () => {
  it("validates fully, answers like live, persists nothing and logs the call distinctly", async () => {
    const before = structuredClone(sim.state.sites);
    const ok = await call("POST", "/api/v1/users?test_mode=true", V1, { body: newUser("t@acme.example", ["Finance"]) });
    expect(ok.status).toBe(201);
    const rejected = await call("POST", "/api/v1/users?test_mode=true", V1, {
      body: newUser("u@acme.example", ["Nope"]),
    });
    expect(rejected.status).toBe(400);
    const deleted = await call("DELETE", "/api/v1/users?test_mode=true", V1, {
      headers: { "HTTP-X-EMAIL": "grace.hopper@acme.example" },
    });
    expect(deleted.status).toBe(204);
    expect(sim.state.sites).toEqual(before);
    expect(sim.state.testModeLog.map((entry) => [entry.method, entry.status])).toEqual([
      ["POST", 201],
      ["POST", 400],
      ["DELETE", 204],
    ]);
    expect(
      (await call("POST", "/api/v1/users?test_mode=maybe", V1, { body: newUser("v@acme.example", []) })).status,
    ).toBe(400);
  });

  it("treats test_mode=false as live", async () => {
    await call("POST", "/api/v1/users?test_mode=false", V1, { body: newUser("live@acme.example", []) });
    expect(sim.state.sites["acme-analytics"]?.users.some((user) => user.email === "live@acme.example")).toBe(true);
    expect(sim.state.testModeLog).toEqual([]);
  });
});

describe("Periscope simulator: rate limits and environment", () => {
  it("answers 429 with Retry-After once a site's budget is spent", async () => {
    const limited = await startPeriscopeSimulator({ rateLimit: { limit: 2, windowMs: 60_000 } });
    try {
      const get = () =>
        fetch(`${limited.url}/api/v1/users`, { headers: { "HTTP-X-PARTNER-AUTH": V1 } }).then((r) => [
          r.status,
          r.headers.get("retry-after"),
        ]);
      expect([await get(), await get()].map(([status]) => status)).toEqual([200, 200]);
      const [status, retryAfter] = await get();
      expect(status).toBe(429);
      expect(Number(retryAfter)).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });

  it("prints the environment for both demo sites", () => {
    expect(periscopeSimulatorEnv(sim)).toEqual({
      PERISCOPE_SITE: "acme-analytics,acme-rbac",
      PERISCOPE_API_KEY: `${periscopeDemoKeys["acme-analytics"]},${periscopeDemoKeys["acme-rbac"]}`,
      PERISCOPE_BASE_URL: sim.url,
      PERISCOPE_API: "v1,v2",
      PERISCOPE_INVITED_BY: "admin@acme.example",
    });
  });
});
