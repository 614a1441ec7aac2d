import { afterEach, describe, expect, it } from "vitest";
import type { AdobeSimulator } from "./index.js";
import { adobeDemoSeed, startAdobeSimulator } from "./index.js";

const sims: AdobeSimulator[] = [];
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.close()));
});

async function start(options: Parameters<typeof startAdobeSimulator>[0] = {}) {
  const sim = await startAdobeSimulator({ rateLimits: false, ...options });
  sims.push(sim);
  return sim;
}

const org = encodeURIComponent(adobeDemoSeed.orgId);

function tokenForm(overrides: Record<string, string> = {}) {
  return new URLSearchParams({
    grant_type: "client_credentials",
    client_id: adobeDemoSeed.clientId,
    client_secret: adobeDemoSeed.clientSecret,
    scope: "openid,AdobeID,user_management_sdk",
    ...overrides,
  });
}

async function token(sim: AdobeSimulator, path = "/ims/token/v3"): Promise<string> {
  const response = await fetch(`${sim.url}${path}`, { method: "POST", body: tokenForm() });
  const body = (await response.json()) as { access_token: string };
  return body.access_token;
}

async function get(sim: AdobeSimulator, path: string, headers: Record<string, string>) {
  const response = await fetch(`${sim.url}/v2/usermanagement${path}`, { headers });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    text,
    json: text === "" ? undefined : (JSON.parse(text) as unknown),
  };
}

async function authed(sim: AdobeSimulator) {
  return { Authorization: `Bearer ${await token(sim)}`, "X-Api-Key": adobeDemoSeed.clientId };
}

describe("simulated IMS", () => {
  it("issues tokens on v2 and v3 for the right client and scope", async () => {
    const sim = await start();
    for (const path of ["/ims/token/v2", "/ims/token/v3"]) {
      const response = await fetch(`${sim.url}${path}`, { method: "POST", body: tokenForm() });
      expect(await response.json()).toMatchObject({ token_type: "bearer", expires_in: 86_399 });
    }
    const bad = await fetch(`${sim.url}/ims/token/v3`, { method: "POST", body: tokenForm({ client_secret: "nope" }) });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({ error: "invalid_client" });
    const scope = await fetch(`${sim.url}/ims/token/v3`, { method: "POST", body: tokenForm({ scope: "openid" }) });
    expect(scope.status).toBe(400);
  });

  it("explains that the JWT exchange reached end of life", async () => {
    const sim = await start();
    const response = await fetch(`${sim.url}/ims/exchange/jwt/`, { method: "POST", body: "jwt_token=x" });
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toMatch(/end of life.*OAuth Server-to-Server/);
  });
});

describe("simulated UMAPI reads", () => {
  it("wants a valid bearer token, then the API key, then the right org", async () => {
    const sim = await start();
    const headers = await authed(sim);
    const noToken = await get(sim, `/users/${org}/0`, { "X-Api-Key": adobeDemoSeed.clientId });
    expect(noToken).toMatchObject({ status: 401, text: "" });
    expect(noToken.headers.get("www-authenticate")).toContain('error="invalid_token"');
    expect(await get(sim, `/users/${org}/0`, { Authorization: headers.Authorization })).toMatchObject({
      status: 403,
      text: "",
    });
    expect(await get(sim, "/users/other@AdobeOrg/0", headers)).toMatchObject({
      status: 400,
      json: { result: "error.organization.invalid_id", message: "Bad organization Id" },
    });
    sim.advanceClock(86_400_000);
    expect((await get(sim, `/users/${org}/0`, headers)).status).toBe(401);
  });

  it("pages users with lastPage and the X- headers, answering the last page past the end", async () => {
    const sim = await start({ config: { usersPageSize: 4 } });
    const headers = { ...(await authed(sim)), "X-Request-Id": "req-1" };
    const first = await get(sim, `/users/${org}/0`, headers);
    expect(first.json).toMatchObject({ lastPage: false, result: "success" });
    expect(
      Object.fromEntries(
        ["x-total-count", "x-page-count", "x-current-page", "x-page-size", "x-request-id"].map((h) => [
          h,
          first.headers.get(h),
        ]),
      ),
    ).toEqual({
      "x-total-count": "10",
      "x-page-count": "3",
      "x-current-page": "0",
      "x-page-size": "4",
      "x-request-id": "req-1",
    });
    const beyond = await get(sim, `/users/${org}/7`, headers);
    expect(beyond.json).toMatchObject({ lastPage: true });
    expect((beyond.json as { users: unknown[] }).users).toHaveLength(2);
  });

  it("lists a group's members, one user by email, and the groups", async () => {
    const sim = await start({ config: { groupsPageSize: 6 } });
    const headers = await authed(sim);
    const designers = await get(sim, `/users/${org}/0/Designers`, headers);
    expect((designers.json as { users: { email: string }[] }).users.map((u) => u.email)).toEqual([
      "alice@example.com",
      "bob@example.com",
    ]);
    expect(await get(sim, `/users/${org}/0/Nope`, headers)).toMatchObject({
      status: 404,
      json: { result: "error.group.not_found" },
    });
    expect(await get(sim, `/organizations/${org}/users/CAROL@example.com`, headers)).toMatchObject({
      status: 200,
      json: { result: "success", user: { email: "carol@example.com", type: "enterpriseID" } },
    });
    expect(await get(sim, `/organizations/${org}/users/zed@example.com`, headers)).toMatchObject({
      status: 404,
      json: { result: "error.user.not_found" },
    });
    const groups = await get(sim, `/groups/${org}/1`, headers);
    expect(groups.json).toMatchObject({ lastPage: true, result: "success" });
    expect(await get(sim, `/groups/${org}/2`, headers)).toMatchObject({
      status: 404,
      json: { lastPage: true, result: "Not found" },
    });
  });

  it("adds profiles granted through user groups only when directOnly=false", async () => {
    const sim = await start();
    const headers = await authed(sim);
    const body = [{ usergroup: "Designers", do: [{ add: { productConfiguration: ["Photoshop"] } }] }];
    const action = await fetch(`${sim.url}/v2/usermanagement/action/${org}`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    expect(action.status).toBe(200);
    const direct = await get(sim, `/organizations/${org}/users/alice@example.com`, headers);
    expect(direct.json).toMatchObject({ user: { groups: ["Designers", "All Apps"] } });
    const all = await get(sim, `/organizations/${org}/users/alice@example.com?directOnly=false`, headers);
    expect(all.json).toMatchObject({ user: { groups: ["Designers", "All Apps", "Photoshop"] } });
  });

  it("throttles per client with 429, Retry-After and Adobe's body", async () => {
    const small = { limit: 2, windowMs: 60_000 };
    const sim = await start({
      rateLimits: { action: small, users: small, groups: small, global: { limit: 100, windowMs: 60_000 } },
    });
    const headers = await authed(sim);
    await get(sim, `/groups/${org}/0`, headers);
    await get(sim, `/groups/${org}/0`, headers);
    const third = await get(sim, `/groups/${org}/0`, headers);
    expect(third).toMatchObject({ status: 429, json: { error_code: "429050", message: "Too many requests" } });
    expect(Number(third.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another client key has its own window.
    expect((await get(sim, `/groups/${org}/0`, { ...headers, "X-Api-Key": "other" })).status).toBe(403);
  });

  it("never shows the client secret or tokens in its state", async () => {
    const sim = await start();
    await token(sim);
    const state = await (await fetch(`${sim.url}/__sandbox/state`)).text();
    expect(state).toContain("alice@example.com");
    expect(state).not.toContain(adobeDemoSeed.clientSecret);
    expect(state).not.toContain("sim-");
  });
});

describe("simulator control", () => {
  it("resets to a new seed and refuses a malformed one with the reason", async () => {
    const sim = await start();
    const seed = { ...adobeDemoSeed, users: [{ email: "solo@example.com", type: "enterpriseID" }] };
    const ok = await fetch(`${sim.url}/__sandbox/reset`, {
      method: "POST",
      body: JSON.stringify(seed),
      headers: { "content-type": "application/json" },
    });
    expect(ok.status).toBe(200);
    expect(sim.state().users.map((u) => u.email)).toEqual(["solo@example.com"]);
    const bad = await fetch(`${sim.url}/__sandbox/reset`, {
      method: "POST",
      body: JSON.stringify({ ...adobeDemoSeed, users: [{ email: "x@example.com", type: "google" }] }),
      headers: { "content-type": "application/json" },
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('users[0] \\"type\\" must be one of adobeID');
    await expect(startAdobeSimulator({ seed: { users: [] } as never })).rejects.toThrow(
      /"orgId" must be a non-empty string/,
    );
  });
});
