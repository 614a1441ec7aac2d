import { describe, expect, it } from "vitest";
import { readUsersCsv } from "../csv/read-users-csv.js";
import { defaultPolicy } from "../model/policy.js";
import { type RunningSigmaSimulator, startSigmaSimulator } from "../vendors/sigma/simulator/index.js";
import { sigmaSimulatorEnv } from "../vendors/sigma/testing.js";
import { createSigmaVendor } from "../vendors/sigma/vendor.js";
import type { RunMode } from "../vendors/vendor.js";
import { recordingLogger } from "./convergence.js";
import { textsOfRun } from "./run-texts.js";
import { echoingBody, findLeaks } from "./secret-scan.js";

// Security suite: no secret in any output, error, report or log line, even when Sigma
// echoes the client secret and the bearer token back in its error bodies and headers.

const CLIENT_SECRET = "sigma-client-secret-Zq8Xw3Lp0Kd";
const seed = {
  client: { clientId: "sigma-client-id-77", clientSecret: CLIENT_SECRET, memberEmail: "bot@secret.test" },
  teams: ["Sales"],
  userAttributes: ["region"],
  members: Array.from({ length: 6 }, (_, i) => ({ email: `user${i}@secret.test`, firstName: "U", lastName: `${i}` })),
};
const CSV = [
  "email,first_name,last_name,groups,status,attr:region",
  ...Array.from({ length: 6 }, (_, i) => `user${i}@secret.test,Renamed,${i},Sales,${i === 5 ? "deactivated" : ""},EU`),
  ...Array.from({ length: 6 }, (_, i) => `new${i}@secret.test,New,${i},Sales;Platform,,US`),
].join("\n");

function bearerOf(sim: RunningSigmaSimulator): string {
  const token = [...sim.store.accessTokens.keys()].at(-1);
  if (token === undefined) throw new Error("no token issued yet");
  return token;
}

async function run(sim: RunningSigmaSimulator, mode: RunMode, before?: () => void) {
  const logger = recordingLogger();
  const vendor = createSigmaVendor(sigmaSimulatorEnv(sim), { mode, logger }, { sleep: async () => {} });
  const context = { logger };
  const desired = await readUsersCsv({ file: "users.csv", input: CSV });
  const policy = { ...defaultPolicy, createMissingGroups: true, removalThreshold: { percent: 100, floor: 100 } };
  // A first read mints the token; the faults that echo it are added after.
  return textsOfRun({
    vendor,
    desired,
    policy,
    context,
    lines: logger.lines,
    mode,
    planFirst: true,
    serverCheck: false,
    faults: () => before?.(),
  });
}

describe("Sigma never shows a secret", () => {
  it("apply: every write answered with an error body and headers that echo the secret and the token", async () => {
    await using sim = await startSigmaSimulator({ seed });
    let secrets: Record<string, string> = {};
    const texts = await run(sim, "apply", () => {
      secrets = { clientSecret: CLIENT_SECRET, bearer: bearerOf(sim) };
      for (const [index, status] of [400, 409, 500, 502].entries()) {
        sim.addFault({
          route: "*",
          method: index % 2 === 0 ? "POST" : "PATCH",
          rate: 0.5,
          status,
          body: echoingBody(secrets),
          headers: { "x-request-id": secrets.bearer ?? "", "www-authenticate": `Bearer ${secrets.bearer}` },
        });
      }
    });
    expect(texts.join("\n")).toContain("Invalid request");
    expect(findLeaks(texts, secrets)).toEqual([]);
  });

  it("plan: a read that fails for good with the secret in its body", async () => {
    await using sim = await startSigmaSimulator({ seed });
    let secrets: Record<string, string> = {};
    const texts = await run(sim, "plan", () => {
      secrets = { clientSecret: CLIENT_SECRET, bearer: bearerOf(sim) };
      sim.addFault({ route: "members.list", status: 400, body: echoingBody(secrets) });
    });
    expect(texts.join("\n")).toContain("Invalid request");
    expect(findLeaks(texts, secrets)).toEqual([]);
  });

  it("the token exchange refused with a body that echoes the client secret", async () => {
    await using sim = await startSigmaSimulator({ seed });
    const secrets = { clientSecret: CLIENT_SECRET };
    sim.addFault({ route: "auth.token", status: 401, body: echoingBody(secrets) });
    const texts = await run(sim, "plan");
    expect(texts.join("\n")).toMatch(/rejected the API credentials/);
    expect(findLeaks(texts, secrets)).toEqual([]);
  });
});
