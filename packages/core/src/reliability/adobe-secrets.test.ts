import { describe, expect, it } from "vitest";
import { readUsersCsv } from "../csv/read-users-csv.js";
import { defaultPolicy } from "../model/policy.js";
import { adobeCapabilities } from "../vendors/adobe/capabilities.js";
import { parseAdobeSettings } from "../vendors/adobe/settings.js";
import {
  type AdobeSeed,
  type AdobeSimulator,
  adobeSimulatorEnv,
  startAdobeSimulator,
} from "../vendors/adobe/simulator/index.js";
import { createAdobeVendor } from "../vendors/adobe/vendor.js";
import type { RunMode } from "../vendors/vendor.js";
import { recordingLogger } from "./convergence.js";
import { textsOfRun } from "./run-texts.js";
import { echoingBody, errorTexts, findLeaks } from "./secret-scan.js";

// Security suite, Adobe: the OAuth client secret and the IMS bearer token never show, even
// when UMAPI or IMS echo them back in error bodies and headers.

const CLIENT_SECRET = "p8e-adobe-secret-Mv3Tq9Rz1Lk";
const seed: AdobeSeed = {
  orgId: "SECRET0123456789@AdobeOrg",
  clientId: "adobe-client-id-55",
  clientSecret: CLIENT_SECRET,
  groups: [{ groupName: "Sales", type: "USER_GROUP" }],
  users: Array.from({ length: 5 }, (_, i) => ({
    email: `user${i}@secret.test`,
    type: "federatedID" as const,
    firstname: "U",
    lastname: `${i}`,
    country: "US",
  })),
};
const CSV = [
  "email,first_name,last_name,country,type,groups",
  ...Array.from({ length: 5 }, (_, i) => `user${i}@secret.test,Renamed,${i},US,federatedID,Sales`),
  ...Array.from({ length: 5 }, (_, i) => `new${i}@secret.test,New,${i},US,federatedID,Sales;Platform`),
].join("\n");

/** The bearer token the vendor sent, read from the simulator's request log. */
function bearerOf(sim: AdobeSimulator): string {
  const header = sim.requests.map((request) => request.headers.authorization).find((value) => value !== undefined);
  const token = header?.replace(/^Bearer\s+/i, "");
  if (token === undefined || token === "") throw new Error("no token sent yet");
  return token;
}

async function run(sim: AdobeSimulator, mode: RunMode, faults: () => void) {
  const logger = recordingLogger();
  const settings = parseAdobeSettings({ ...adobeSimulatorEnv(sim), ADOBE_RATE_LIMITS: "off" });
  const vendor = createAdobeVendor(settings, { mode, logger, sleep: async () => {} });
  const context = { logger };
  const desired = await readUsersCsv(
    { file: "users.csv", input: CSV },
    { groupSeparators: adobeCapabilities.groupSeparators },
  );
  const policy = { ...defaultPolicy, createMissingGroups: true, absentUsers: "deactivate" as const };
  // A first read mints the token; the faults that echo it come after.
  return textsOfRun({
    vendor,
    desired,
    policy,
    context,
    lines: logger.lines,
    mode,
    planFirst: true,
    serverCheck: true,
    faults,
  });
}

describe("Adobe never shows a secret", () => {
  it.each([
    ["apply", "apply"],
    ["plan with the server-side check (testOnly)", "plan"],
  ] as const)("%s: UMAPI errors that echo the secret and the token", async (_title, mode) => {
    await using sim = await startAdobeSimulator({ seed, rateLimits: false });
    let secrets: Record<string, string> = {};
    const texts = await run(sim, mode, () => {
      secrets = { clientSecret: CLIENT_SECRET, bearer: bearerOf(sim) };
      const echo = { body: echoingBody(secrets), headers: { "x-request-id": secrets.bearer ?? "" } };
      sim.addFault({ route: "action", count: 1, status: 400, ...echo });
      sim.addFault({ route: "action", count: 1, status: 500, ...echo });
    });
    expect(texts.join("\n")).toContain("Invalid request");
    expect(findLeaks(texts, secrets)).toEqual([]);
  });

  it("plan: a read refused with the secret and the token in its body and headers", async () => {
    await using sim = await startAdobeSimulator({ seed, rateLimits: false });
    let secrets: Record<string, string> = {};
    const texts = await run(sim, "plan", () => {
      secrets = { clientSecret: CLIENT_SECRET, bearer: bearerOf(sim) };
      sim.addFault({
        route: "users.list",
        status: 403,
        body: echoingBody(secrets),
        headers: { "x-request-id": secrets.bearer ?? "" },
      });
    });
    expect(texts.join("\n")).toContain("Invalid request");
    expect(findLeaks(texts, secrets)).toEqual([]);
  });

  it("the token exchange refused with a body that echoes the client secret", async () => {
    await using sim = await startAdobeSimulator({ seed, rateLimits: false });
    sim.addFault({ route: "ims.token", status: 401, body: echoingBody({ clientSecret: CLIENT_SECRET }) });
    const logger = recordingLogger();
    const settings = parseAdobeSettings({ ...adobeSimulatorEnv(sim), ADOBE_RATE_LIMITS: "off" });
    const vendor = createAdobeVendor(settings, { mode: "plan", logger, sleep: async () => {} });
    const error = await vendor.read({ logger }).catch((caught: unknown) => caught);
    await vendor.close();
    const texts = [...errorTexts(error), ...logger.lines];
    expect(texts.join("\n")).toContain("Invalid request");
    expect(findLeaks(texts, { clientSecret: CLIENT_SECRET })).toEqual([]);
  });
});
