import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type RunningSigmaSimulator, startSigmaSimulator } from "./index.js";

let sim: RunningSigmaSimulator;

const entriesOf = (body: Record<string, unknown>) => body.entries as Record<string, unknown>[];
let token: string;

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${sim.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function mintToken(form: Record<string, string>, headers: Record<string, string> = {}) {
  const response = await fetch(`${sim.url}/v2/auth/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(form).toString(),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

beforeEach(async () => {
  sim = await startSigmaSimulator();
  const minted = await mintToken({
    grant_type: "client_credentials",
    client_id: sim.clientId,
    client_secret: sim.clientSecret,
  });
  token = String(minted.body.access_token);
});
afterEach(() => sim.close());

describe("Sigma simulator: auth", () => {
  it("issues a one-hour bearer token for form credentials and for Basic", async () => {
    const basic = Buffer.from(`${sim.clientId}:${sim.clientSecret}`).toString("base64");
    const viaBasic = await mintToken({ grant_type: "client_credentials" }, { authorization: `Basic ${basic}` });
    expect(viaBasic.status).toBe(200);
    expect(viaBasic.body).toMatchObject({ token_type: "bearer", expires_in: 3600 });
    expect(typeof viaBasic.body.refresh_token).toBe("string");
  });

  it("refuses wrong credentials with Sigma's envelope", async () => {
    const wrong = await mintToken({ grant_type: "client_credentials", client_id: sim.clientId, client_secret: "nope" });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ code: "unauthorized", requestId: expect.any(String) });
  });

  it("expires tokens on the simulator clock, and a refresh token mints a new one", async () => {
    const first = await mintToken({
      grant_type: "client_credentials",
      client_id: sim.clientId,
      client_secret: sim.clientSecret,
    });
    sim.advanceClock(3600 * 1000);
    const expired = await call("GET", "/v2/whoami");
    expect(expired.status).toBe(401);
    expect(expired.body).toEqual({
      requestId: expect.any(String),
      message: "Token missing or malformed",
      code: "unauthorized",
    });
    const refreshed = await mintToken({ grant_type: "refresh_token", refresh_token: String(first.body.refresh_token) });
    token = String(refreshed.body.access_token);
    expect((await call("GET", "/v2/whoami")).status).toBe(200);
  });
});

describe("Sigma simulator: members", () => {
  it("answers the legacy bare array without limit, and pages with an opaque nextPage with it", async () => {
    const legacy = await call("GET", "/v2/members");
    expect(Array.isArray(legacy.body)).toBe(true);
    const first = await call("GET", "/v2/members?limit=5");
    expect(first.body.entries).toHaveLength(5);
    const next = String(first.body.nextPage);
    expect(next).not.toMatch(/^\d+$/);
    const second = await call("GET", `/v2/members?limit=5&page=${encodeURIComponent(next)}`);
    expect(second.body.entries).toHaveLength(Math.min(5, (legacy.body as unknown as unknown[]).length - 5));
  });

  it("hides archived members unless includeArchived=true", async () => {
    const active = await call("GET", "/v2.1/members?limit=1000");
    const all = await call("GET", "/v2.1/members?limit=1000&includeArchived=true");
    expect(all.body.total).toBe(Number(active.body.total) + 1);
    expect(active.body.hasMore).toBe(false);
  });

  it("filters by email ignoring case", async () => {
    const found = await call("GET", "/v2/members?limit=10&email=ADA.Lovelace%40acme.example");
    expect(found.body.entries).toEqual([expect.objectContaining({ firstName: "Ada" })]);
  });

  it("clamps limit to 1000 by default and rejects above it when configured", async () => {
    expect((await call("GET", "/v2/members?limit=5000")).status).toBe(200);
    sim.store.config = { ...sim.store.config, overLimit: "reject" };
    expect((await call("GET", "/v2/members?limit=5000")).status).toBe(400);
  });

  it("creates a member with the invitation default, and refuses duplicates, unknown types and missing names", async () => {
    const created = await call("POST", "/v2/members", { email: "new@acme.example", firstName: "N", lastName: "Ew" });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ memberType: "viewer", isArchived: false, userKind: "internal" });
    expect(sim.snapshot().invitations).toContain("new@acme.example");
    const duplicate = await call("POST", "/v2/members", { email: "NEW@acme.example", firstName: "N", lastName: "Ew" });
    expect(duplicate).toMatchObject({ status: 409, body: { message: "Duplicate record", code: "conflict" } });
    const badType = await call("POST", "/v2/members", {
      email: "x@acme.example",
      firstName: "X",
      lastName: "Y",
      memberType: "wizard",
    });
    expect(badType).toMatchObject({ status: 404, body: { message: "Member type name is not found" } });
    const noName = await call("POST", "/v2/members", { email: "y@acme.example", firstName: "Y" });
    expect(noName.status).toBe(400);
    expect(noName.body.requestId).toEqual(expect.any(String));
  });

  it("archives on DELETE and reactivates on PATCH isArchived:false", async () => {
    const id = String(
      entriesOf((await call("GET", "/v2/members?limit=1&email=radia.perlman%40acme.example")).body)[0]?.memberId,
    );
    expect(await call("DELETE", `/v2/members/${id}`)).toEqual({ status: 200, body: {} });
    expect((await call("GET", `/v2/members/${id}`)).body.isArchived).toBe(true);
    expect((await call("PATCH", `/v2/members/${id}`, { isArchived: false })).body.isArchived).toBe(false);
  });
});

describe("Sigma simulator: teams and attributes", () => {
  it("caps team member PATCHes at 100 ids and refuses archived members", async () => {
    const team = (await call("POST", "/v2/teams", { name: "Big" })).body;
    const ids = Array.from({ length: 101 }, (_, i) => `m${i}`);
    const tooMany = await call("PATCH", `/v2/teams/${team.teamId}/members`, { add: ids });
    expect(tooMany.status).toBe(400);
    const archived = sim.snapshot().members.find((member) => member.isArchived);
    const refused = await call("PATCH", `/v2/teams/${team.teamId}/members`, { add: [archived?.memberId] });
    expect(refused).toMatchObject({
      status: 400,
      body: { message: "Inactive members cannot be added or removed from a team." },
    });
  });

  it("sets and unsets user attribute values in batches", async () => {
    const region = entriesOf((await call("GET", "/v2/user-attributes?limit=10")).body)[0] ?? {};
    const self = sim.snapshot().selfMemberId;
    const set = await call("POST", `/v2/user-attributes/${region.userAttributeId}/users`, {
      assignments: [{ userId: self, value: { type: "string", val: "APAC" } }],
    });
    expect(set.status).toBe(200);
    const listed = await call("GET", `/v2/user-attributes/${region.userAttributeId}/users?limit=1000`);
    expect(listed.body.entries).toContainEqual(
      expect.objectContaining({ userId: self, value: { type: "string", val: "APAC" } }),
    );
    await call("PATCH", `/v2/user-attributes/${region.userAttributeId}/users`, { delete: [{ userId: self }] });
    const after = await call("GET", `/v2/user-attributes/${region.userAttributeId}/users?limit=1000`);
    expect(entriesOf(after.body).map((entry) => entry.userId)).not.toContain(self);
  });

  it("pages account types with pageToken/nextPageToken", async () => {
    const first = await call("GET", "/v2/accountTypes?pageSize=3");
    expect(first.body.entries).toHaveLength(3);
    const rest = await call("GET", `/v2/accountTypes?pageSize=3&pageToken=${String(first.body.nextPageToken)}`);
    expect(rest.body.entries).toHaveLength(1);
    expect(rest.body).not.toHaveProperty("nextPageToken");
  });

  it("answers unknown paths and malformed JSON with the error envelope", async () => {
    const missing = await call("GET", "/v2/nothing");
    expect(missing).toMatchObject({ status: 404, body: { code: "not_found", requestId: expect.any(String) } });
    const response = await fetch(`${sim.url}/v2/teams`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: "{not json",
    });
    expect(response.status).toBe(400);
  });
});
