import { describe, expect, it } from "vitest";
import { sigmaSimulatorEnv } from "../testing.js";
import { SIGMA_DEMO_CLIENT_ID, startSigmaSimulator } from "./index.js";

const json = async (response: Response) => (await response.json()) as Record<string, unknown>;

describe("Sigma simulator: control endpoints and options", () => {
  it("resets to a seed posted to /__sandbox/reset and shows it at /__sandbox/state", async () => {
    await using sim = await startSigmaSimulator();
    const seed = {
      client: { clientId: "acme-id", clientSecret: "acme-secret-123", memberEmail: "bot@acme.example" },
      teams: ["Ops"],
      members: [{ email: "bot@acme.example", firstName: "B", lastName: "Ot", memberType: "admin", teams: ["Ops"] }],
    };
    const reset = await fetch(`${sim.url}/__sandbox/reset`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(seed),
    });
    expect(reset.status).toBeLessThan(300);
    const state = await json(await fetch(`${sim.url}/__sandbox/state`));
    expect(state.members).toEqual([expect.objectContaining({ email: "bot@acme.example", memberType: "admin" })]);
    expect(state.teams).toEqual([expect.objectContaining({ name: "Ops", members: [expect.any(String)] })]);
    expect(sigmaSimulatorEnv(sim)).toEqual({
      SIGMA_BASE_URL: sim.url,
      SIGMA_CLIENT_ID: "acme-id",
      SIGMA_CLIENT_SECRET: "acme-secret-123",
    });
  });

  it("changes unverified behaviour through PUT /__sandbox/config", async () => {
    await using sim = await startSigmaSimulator({ seed: {} });
    await fetch(`${sim.url}/__sandbox/config`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ legacyArrays: false, teamPatchMaxIds: null, unknownKey: 1 }),
    });
    expect(sim.snapshot().config).toMatchObject({ legacyArrays: false, teamPatchMaxIds: null });
    expect(sim.snapshot().config).not.toHaveProperty("unknownKey");
  });

  it("limits the token endpoint to one request per second when asked", async () => {
    await using sim = await startSigmaSimulator({ tokenRateLimit: true });
    const mint = () =>
      fetch(`${sim.url}/v2/auth/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          grant_type: "client_credentials",
          client_id: SIGMA_DEMO_CLIENT_ID,
          client_secret: sim.clientSecret,
        }),
      });
    expect((await mint()).status).toBe(200);
    const limited = await mint();
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).not.toBeNull();
    sim.advanceClock(1000);
    expect((await mint()).status).toBe(200);
  });
});

describe("Sigma simulator: team-level attributes", () => {
  it("assigns attribute values to a team, at most 100 per request", async () => {
    await using sim = await startSigmaSimulator();
    const form = new URLSearchParams({
      grant_type: "client_credentials",
      client_id: sim.clientId,
      client_secret: sim.clientSecret,
    });
    const token = (await json(await fetch(`${sim.url}/v2/auth/token`, { method: "POST", body: form }))).access_token;
    const headers = { authorization: `Bearer ${String(token)}`, "content-type": "application/json" };
    const team = sim.snapshot().teams[0]?.teamId;
    const attribute = sim.snapshot().userAttributes[0]?.userAttributeId;
    const assignment = { userAttributeId: attribute, value: { type: "string", val: "EMEA" } };
    const set = await fetch(`${sim.url}/v2/teams/${team}/assignedUserAttributes`, {
      method: "POST",
      headers,
      body: JSON.stringify({ assignments: [assignment] }),
    });
    expect(set.status).toBe(200);
    const listed = await json(await fetch(`${sim.url}/v2/teams/${team}/user-attributes?limit=10`, { headers }));
    expect(listed.entries).toEqual([
      { userAttributeId: attribute, userAttributeName: "region", value: { type: "string", val: "EMEA" } },
    ]);
    const tooMany = await fetch(`${sim.url}/v2/teams/${team}/assignedUserAttributes`, {
      method: "POST",
      headers,
      body: JSON.stringify({ assignments: Array.from({ length: 101 }, () => assignment) }),
    });
    expect(tooMany.status).toBe(400);
  });
});
