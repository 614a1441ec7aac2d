import { describe, expect, it } from "vitest";
import type { SigmaSeedMember } from "./simulator/index.js";
import { byRoute, idOf, isWrite, quietContext, startSigmaHarness } from "./test-helpers.js";

describe("Sigma read", () => {
  it("maps the demo organisation: members, teams, roles, attributes and the credentials' own user", async () => {
    await using h = await startSigmaHarness();
    const directory = await h.vendor.read(quietContext);
    expect(directory.users).toHaveLength(12);
    expect(directory.self).toBe("roster-bot@acme.example");
    expect(directory.groups.map((group) => group.name)).toEqual(["Analytics", "Finance", "Sales", "Support"]);
    expect(directory.roles).toEqual(["admin", "creator", "explorer", "viewer"]);
    expect(directory.attributes).toEqual(["region"]);
    const grace = directory.users.find((user) => user.email === "grace.hopper@acme.example");
    expect(grace).toMatchObject({
      firstName: "Grace",
      lastName: "Hopper",
      role: "creator",
      status: "active",
      groups: ["Analytics", "Finance"],
      attributes: { region: "AMER" },
    });
    expect(directory.users.find((user) => user.email === "ken.thompson@acme.example")?.status).toBe("deactivated");
    expect(h.sim.requests.filter(isWrite)).toHaveLength(0);
  });

  it("makes each member one directory user with its teams and attribute values, leaving out blank names and type", async () => {
    await using h = await startSigmaHarness({
      seed: {
        teams: ["Sales", "Ops"],
        userAttributes: ["region"],
        members: [
          { email: "ann@x.example", firstName: "Ann", lastName: "Lee", memberType: "creator", teams: ["Sales", "Ops"] },
          { email: "bo@x.example", firstName: "", lastName: "", memberType: "", isInactive: true },
          { email: "cy@x.example", firstName: "Cy", lastName: "Wu", attributes: { region: "EU" }, isArchived: true },
        ],
      },
    });
    const directory = await h.vendor.read(quietContext);
    const users = directory.users.filter((user) => user.email.endsWith("@x.example"));
    expect(users).toEqual([
      {
        id: idOf(directory, "ann@x.example"),
        email: "ann@x.example",
        firstName: "Ann",
        lastName: "Lee",
        role: "creator",
        status: "active",
        groups: ["Sales", "Ops"],
        attributes: {},
      },
      { id: idOf(directory, "bo@x.example"), email: "bo@x.example", status: "deactivated", groups: [], attributes: {} },
      {
        id: idOf(directory, "cy@x.example"),
        email: "cy@x.example",
        firstName: "Cy",
        lastName: "Wu",
        role: "viewer",
        status: "deactivated",
        groups: [],
        attributes: { region: "EU" },
      },
    ]);
    // Blank names and type are absent, not present as "" or undefined.
    expect(Object.keys(users[1] ?? {}).sort()).toEqual(["attributes", "email", "groups", "id", "status"]);
  });

  it("reads 2,500 members in ceil(2500/1000) = 3 member calls, with limit, includeArchived and includeInactive", async () => {
    const members: SigmaSeedMember[] = Array.from({ length: 2499 }, (_, i) => ({
      email: `user${i}@bulk.example`,
      firstName: "U",
      lastName: String(i),
      memberType: "viewer",
      ...(i % 10 === 0 ? { isArchived: true } : {}),
      ...(i % 25 === 0 ? { isInactive: true } : {}),
    }));
    await using h = await startSigmaHarness({ seed: { members } });
    const directory = await h.vendor.read(quietContext);
    expect(directory.users).toHaveLength(2500); // 2,499 + the API client's own member
    const calls = byRoute(h.sim.requests, "members.list");
    expect(calls).toHaveLength(3);
    for (const call of calls) {
      const query = new URLSearchParams(call.query);
      expect(query.get("limit")).toBe("1000");
      expect(query.get("includeArchived")).toBe("true");
      expect(query.get("includeInactive")).toBe("true");
    }
    // whoami + 3 member pages + account types + teams + user attributes; no teams or attributes exist.
    expect(h.sim.requests.filter((r) => r.route !== "auth.token")).toHaveLength(7);
  });

  it("falls back to the built-in account types plus those in use when account types are refused", async () => {
    await using h = await startSigmaHarness({
      seed: {
        accountTypes: ["admin", "creator", "explorer", "viewer", "Analyst"],
        client: { memberEmail: "bot@acme.example" },
        members: [
          { email: "bot@acme.example", firstName: "B", lastName: "ot", memberType: "creator" },
          { email: "a@acme.example", firstName: "A", lastName: "Nalyst", memberType: "Analyst" },
        ],
      },
    });
    const directory = await h.vendor.read(quietContext);
    expect(byRoute(h.sim.requests, "accountTypes.list")[0]?.status).toBe(403);
    expect(directory.roles).toEqual(["admin", "creator", "explorer", "viewer", "Analyst"]);
  });

  it("re-authenticates once when the token expires mid-read", async () => {
    await using h = await startSigmaHarness({ config: { defaultPageSize: 50 } });
    await h.vendor.read(quietContext);
    h.sim.clearRequests();
    // The vendor believes its token is fresh (its own clock did not move); Sigma says it expired.
    h.sim.advanceClock(2 * 3600 * 1000);
    const directory = await h.vendor.read(quietContext);
    expect(directory.users).toHaveLength(12);
    const statuses = h.sim.requests.map((r) => `${r.route} ${r.status}`);
    // The listings run side by side: each meets the expired token once, one token is minted for all.
    const minted = statuses.indexOf("auth.token 200");
    expect(minted).toBeGreaterThan(0);
    expect(statuses.slice(0, minted).every((status) => status.endsWith(" 401"))).toBe(true);
    expect(statuses.slice(minted + 1).every((status) => status.endsWith(" 200"))).toBe(true);
    expect(statuses).toContain("whoami 200");
    expect(byRoute(h.sim.requests, "auth.token")).toHaveLength(1);
  });

  it("retries 429 with and without Retry-After, and 503, then succeeds", async () => {
    await using h = await startSigmaHarness();
    h.sim.addFault({
      route: "members.list",
      status: 429,
      count: 1,
      headers: { "retry-after": "0" },
      body: { message: "Too many requests", code: "too_many_requests", requestId: "r1" },
    });
    h.sim.addFault({
      route: "teams.list",
      status: 429,
      count: 1,
      body: { message: "Too many requests", code: "too_many_requests", requestId: "r2" },
    });
    h.sim.addFault({ route: "attributes.list", status: 503, count: 2 });
    const directory = await h.vendor.read(quietContext);
    expect(directory.users).toHaveLength(12);
    expect(byRoute(h.sim.requests, "members.list").map((r) => r.status)).toEqual([429, 200]);
    expect(byRoute(h.sim.requests, "teams.list").map((r) => r.status)).toEqual([429, 200]);
    expect(byRoute(h.sim.requests, "attributes.list").map((r) => r.status)).toEqual([503, 503, 200]);
    // Retry-After: 0 falls back to backoff like a missing header; the injected sleep recorded every wait.
    expect(h.sleeps).toHaveLength(4);
  });

  it("waits out a rate-limit window that sends Retry-After", async () => {
    await using h = await startSigmaHarness(
      { rateLimit: { limit: 3, windowMs: 60_000, retryAfter: "seconds" } },
      "plan",
      { sleepMovesSimClock: true },
    );
    const directory = await h.vendor.read(quietContext);
    expect(directory.users).toHaveLength(12);
    const limited = h.sim.requests.filter((r) => r.injected === "rate-limit");
    expect(limited.length).toBeGreaterThan(0);
    expect(limited.every((r) => r.status === 429)).toBe(true);
    expect(Math.max(...h.sleeps)).toBeGreaterThanOrEqual(1000);
  });

  it("backs off through a rate-limit window that sends no Retry-After", async () => {
    await using h = await startSigmaHarness({ rateLimit: { limit: 4, windowMs: 1000, retryAfter: "none" } }, "plan", {
      sleepMovesSimClock: true,
    });
    const directory = await h.vendor.read(quietContext);
    expect(directory.groups).toHaveLength(4);
    expect(h.sim.requests.some((r) => r.injected === "rate-limit")).toBe(true);
  });
  it("pages a team's membership and an attribute's assignments past 1,000 entries", async () => {
    const members: SigmaSeedMember[] = Array.from({ length: 1200 }, (_, i) => ({
      email: `u${i}@bulk.example`,
      firstName: "U",
      lastName: String(i),
      teams: ["Everyone"],
      attributes: { region: i % 2 === 0 ? "EMEA" : "AMER" },
    }));
    await using h = await startSigmaHarness({ seed: { teams: ["Everyone"], userAttributes: ["region"], members } });
    const directory = await h.vendor.read(quietContext);
    expect(directory.users.filter((user) => user.groups.includes("Everyone"))).toHaveLength(1200);
    expect(directory.users.filter((user) => user.attributes?.region === "AMER")).toHaveLength(600);
    expect(byRoute(h.sim.requests, "teams.members.list")).toHaveLength(2);
    expect(byRoute(h.sim.requests, "attributes.users.list")).toHaveLength(2);
  });

  it("refuses the legacy bare-array answer: limit was sent, and a bare array has no cursor to check", async () => {
    await using h = await startSigmaHarness();
    const team = h.sim.snapshot().teams[0];
    h.sim.addFault({ route: "teams.list", count: 1, status: 200, body: [{ ...team, members: undefined }] });
    await expect(h.vendor.read(quietContext)).rejects.toMatchObject({
      code: "VENDOR_PROTOCOL",
      request: "GET /v2/teams",
    });
  });
  it("renews its token with the refresh token before it expires, without a 401", async () => {
    let now = 0;
    await using h = await startSigmaHarness({}, "plan", { now: () => now });
    await h.vendor.read(quietContext);
    now = 3600 * 1000;
    h.sim.advanceClock(3600 * 1000);
    await h.vendor.read(quietContext);
    const tokens = byRoute(h.sim.requests, "auth.token").map((r) => (r.body as { grant_type: string }).grant_type);
    expect(tokens).toEqual(["client_credentials", "refresh_token"]);
    expect(h.sim.requests.filter((r) => r.status === 401)).toHaveLength(0);
  });
});
