import { describe, expect, it } from "vitest";
import { readUsersCsv } from "../csv/read-users-csv.js";
import { defaultPolicy } from "../model/policy.js";
import { createPeriscopeVendors } from "../vendors/periscope/index.js";
import type { PeriscopeSimSeed } from "../vendors/periscope/simulator/index.js";
import {
  type PeriscopeSimulator,
  periscopeSimulatorEnv,
  startPeriscopeSimulator,
} from "../vendors/periscope/testing.js";
import type { RunMode } from "../vendors/vendor.js";
import { recordingLogger } from "./convergence.js";
import { textsOfRun } from "./run-texts.js";
import { echoingBody, findLeaks } from "./secret-scan.js";

// Security suite: the Periscope API key (and the `site:key` header made from it) never
// shows, even when the vendor echoes it in error bodies and headers.

const API_KEY = "periscope-key-Hc72Lq0Vx9Ws";
const SITE = "secret-site";
const secrets = { apiKey: API_KEY, header: `${SITE}:${API_KEY}` };

function seedFor(rbac: boolean): PeriscopeSimSeed {
  return {
    sites: [
      {
        name: SITE,
        apiKey: API_KEY,
        rbac,
        ...(rbac ? { roles: ["Viewer"] } : { groups: ["Everyone"] }),
        users: [
          { email: "admin@secret.test", first_name: "Ada", last_name: "Admin" },
          ...Array.from({ length: 5 }, (_, i) => ({
            email: `user${i}@secret.test`,
            first_name: "U",
            last_name: `${i}`,
          })),
        ],
      },
    ],
  };
}

const CSV = [
  "email,first_name,last_name,groups",
  "admin@secret.test,Ada,Admin,",
  ...Array.from({ length: 5 }, (_, i) => `user${i}@secret.test,Renamed,${i},Platform`),
  ...Array.from({ length: 5 }, (_, i) => `new${i}@secret.test,New,${i},Platform`),
].join("\n");

async function run(sim: PeriscopeSimulator, seed: PeriscopeSimSeed, mode: RunMode, faults: () => void) {
  const logger = recordingLogger();
  const [vendor] = createPeriscopeVendors(
    periscopeSimulatorEnv(sim, seed),
    { mode, logger },
    { sleep: async () => {} },
  );
  if (vendor === undefined) throw new Error("no site");
  const context = { logger };
  const desired = await readUsersCsv({ file: "users.csv", input: CSV });
  const policy = { ...defaultPolicy, createMissingGroups: true, absentUsers: "delete" as const };
  return textsOfRun({
    vendor,
    desired,
    policy,
    context,
    lines: logger.lines,
    mode,
    planFirst: false,
    serverCheck: true,
    faults,
  });
}

const echo = { body: echoingBody(secrets), headers: { "x-request-id": API_KEY, "x-echo": secrets.header } };

describe.each([
  { api: "v1", rbac: false },
  { api: "v2", rbac: true },
])("Periscope $api never shows the API key", ({ rbac }) => {
  it("apply: writes answered with error bodies and headers that echo the key", async () => {
    const seed = seedFor(rbac);
    await using sim = await startPeriscopeSimulator({ seed });
    const texts = await run(sim, seed, "apply", () => {
      for (const [index, status] of [400, 409, 500, 502].entries()) {
        sim.addFault({ route: "*", method: index % 2 === 0 ? "POST" : "PUT", rate: 0.5, status, ...echo });
      }
      sim.addFault({ route: "*", method: "DELETE", status: 422, ...echo });
    });
    expect(texts.join("\n")).toContain("Invalid request");
    expect(findLeaks(texts, secrets)).toEqual([]);
  });

  it("plan with the server-side check: test-mode answers that echo the key", async () => {
    const seed = seedFor(rbac);
    await using sim = await startPeriscopeSimulator({ seed });
    const texts = await run(sim, seed, "plan", () => {
      sim.addFault({ route: "*", method: "POST", status: 422, ...echo });
      sim.addFault({ route: "*", method: "PUT", status: 500, ...echo });
    });
    expect(texts.join("\n")).toContain("Invalid request");
    expect(findLeaks(texts, secrets)).toEqual([]);
  });

  it("plan: a read refused with the key in its body", async () => {
    const seed = seedFor(rbac);
    await using sim = await startPeriscopeSimulator({ seed });
    const texts = await run(sim, seed, "plan", () => {
      sim.addFault({ route: "*", method: "GET", status: 403, ...echo });
    });
    expect(texts.join("\n")).toContain("Invalid request");
    expect(findLeaks(texts, secrets)).toEqual([]);
  });
});
