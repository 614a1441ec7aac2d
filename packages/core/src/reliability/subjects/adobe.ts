import { expect } from "vitest";
import { readUsersCsv } from "../../csv/read-users-csv.js";
import { planForVendor } from "../../engine/run-plan.js";
import { defaultPolicy, type Policy } from "../../model/policy.js";
import type { SimRoute } from "../../simulator/types.js";
import { adobeCapabilities } from "../../vendors/adobe/capabilities.js";
import { createUmapiClient } from "../../vendors/adobe/client.js";
import { parseAdobeSettings } from "../../vendors/adobe/settings.js";
import {
  type AdobeSeed,
  type AdobeSimulator,
  adobeDemoSeed,
  adobeSimulatorEnv,
  startAdobeSimulator,
} from "../../vendors/adobe/simulator/index.js";
import { adobeRoutes } from "../../vendors/adobe/simulator/routes.js";
import { createStore } from "../../vendors/adobe/simulator/state.js";
import { adobeVendor, createAdobeVendor } from "../../vendors/adobe/vendor.js";
import type { RunMode } from "../../vendors/vendor.js";
import { recordingLogger } from "../convergence.js";
import { mutatingRoutes, probe } from "../route-probe.js";
import { textsOfRun } from "../run-texts.js";
import { echoingBody, errorTexts } from "../secret-scan.js";
import type { HeldState, ReliabilitySubject } from "./subject.js";

// --- faults: ~340 changes, 40 renames, 40 group moves (into a new group too), 20 removals, 200 new users ---

const EXISTING = 100;
const NEW = 200;
const GROUPS = ["Sales", "Data", "Support", "Finance"];

const faultSeed: AdobeSeed = {
  orgId: "FAULT0123456789@AdobeOrg",
  clientId: "fault-adobe-client",
  clientSecret: "fault-adobe-secret-0123456789",
  groups: GROUPS.map((groupName) => ({ groupName, type: "USER_GROUP" })),
  users: Array.from({ length: EXISTING }, (_, i) => ({
    email: `user${i}@fault.test`,
    type: "federatedID" as const,
    firstname: `First${i}`,
    lastname: `Last${i}`,
    country: "US",
    groups: [GROUPS[i % 4] ?? "Sales"],
  })),
};

function faultCsv(): string {
  const rows = ["email,first_name,last_name,country,type,groups"];
  for (let i = 0; i < EXISTING - 20; i++) {
    const first = i < 40 ? `Renamed${i}` : `First${i}`;
    const groups = i >= 40 ? `${GROUPS[(i + 1) % 4]};Platform` : GROUPS[i % 4];
    rows.push(`user${i}@fault.test,${first},Last${i},US,federatedID,${groups}`);
  }
  for (let i = 0; i < NEW; i++) {
    rows.push(`new.user${i}@fault.test,New${i},Person${i},US,federatedID,${i % 2 ? "Data" : "Platform"}`);
  }
  return `${rows.join("\n")}\n`;
}

const faultPolicy: Policy = {
  ...defaultPolicy,
  createMissingGroups: true,
  absentUsers: "deactivate",
  removalThreshold: { percent: 100, floor: 10_000 },
};

function heldBy(sim: AdobeSimulator): HeldState {
  const { users, groups } = sim.state();
  return {
    users: users.map((user) => ({ email: user.email, firstName: user.firstname, active: true })),
    groupNames: groups.map((group) => group.groupName),
  };
}

// --- read-only: every mutating UMAPI and IMS route, except the token exchange (IMS v3) and testOnly=true ---

const writeRoutes = mutatingRoutes(adobeRoutes(createStore(adobeDemoSeed)));

async function probeInPlanMode(route: SimRoute): Promise<void> {
  await using sim = await startAdobeSimulator({ rateLimits: false });
  const before = JSON.stringify(sim.state());
  const client = createUmapiClient({
    settings: parseAdobeSettings({ ...adobeSimulatorEnv(sim), ADOBE_RATE_LIMITS: "off" }),
    mode: "plan",
    logger: recordingLogger(),
  });
  try {
    const { ims, umapi } = client.http;
    const tokenExchange = route.name === "ims.token" && route.pattern.endsWith("/v3");
    expect(await probe(umapi, route, {}, undefined, sim.url)).toEqual({ refused: true });
    expect(await probe(umapi, route, { testOnly: "false" }, undefined, sim.url)).toEqual({ refused: true });
    expect(await probe(umapi, route, {}, "testOnly=true&testOnly=false", sim.url)).toEqual({ refused: true });
    expect((await probe(ims, route, {}, undefined, sim.url)).refused).toBe(!tokenExchange);
    if (!tokenExchange) {
      const sent = sim.requests.filter((request) => request.path === route.pattern.replace(/:\w+/g, ""));
      expect(sent).toEqual([]);
      expect(sim.requests.filter((request) => request.route === route.name)).toEqual([]);
    }
    if (route.name === "action") {
      // UMAPI's dry run reaches the server, which validates and changes nothing.
      expect((await probe(umapi, route, { testOnly: "true" }, undefined, sim.url)).refused).toBe(false);
      expect(sim.requests.filter((request) => request.route === "action")).toHaveLength(1);
    }
    expect(JSON.stringify(sim.state())).toBe(before);
  } finally {
    await client.close();
  }
}

// --- corrupt reads: pages of 4 users and 1 group, so page 2 of each listing can be spoilt alone ---

const ORG = "CORRUPT0123456789@AdobeOrg";
const readsSeed: AdobeSeed = {
  orgId: ORG,
  clientId: "corrupt-adobe-client",
  clientSecret: "corrupt-adobe-secret-0123456789",
  groups: [
    { groupName: "Sales", type: "USER_GROUP" },
    { groupName: "Design", type: "USER_GROUP" },
  ],
  users: Array.from({ length: 10 }, (_, i) => ({
    email: `u${i}@corrupt.test`,
    type: "federatedID" as const,
    firstname: "U",
    lastname: String(i),
    country: "US",
    groups: ["Sales"],
  })),
};
const readsConfig = { usersPageSize: 4, groupsPageSize: 1 };
const READS_CSV = `email,first_name,last_name,country,type,groups\n${readsSeed.users
  .slice(0, 5)
  .map((u) => `${u.email},U,${u.lastname},US,federatedID,Sales`)
  .join("\n")}\n`;
const deactivate: Policy = {
  ...defaultPolicy,
  absentUsers: "deactivate",
  removalThreshold: { percent: 100, floor: 100 },
};
/** The corrupt-reads fixture, also used by adobe-corrupt-reads.test.ts for what only Adobe can get wrong. */
export const ADOBE_READS = { org: ORG, seed: readsSeed, config: readsConfig, csv: READS_CSV, policy: deactivate };

// --- secrets: the OAuth client secret and the IMS bearer token, echoed by UMAPI or IMS ---

const CLIENT_SECRET = "p8e-adobe-secret-Mv3Tq9Rz1Lk";
const secretSeed: AdobeSeed = {
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
const SECRET_CSV = [
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

async function textsOf(sim: AdobeSimulator, mode: RunMode, faults: () => void) {
  const logger = recordingLogger();
  const settings = parseAdobeSettings({ ...adobeSimulatorEnv(sim), ADOBE_RATE_LIMITS: "off" });
  const vendor = createAdobeVendor(settings, { mode, logger, sleep: async () => {} });
  const desired = await readUsersCsv(
    { file: "users.csv", input: SECRET_CSV },
    { groupSeparators: adobeCapabilities.groupSeparators },
  );
  const policy = { ...defaultPolicy, createMissingGroups: true, absentUsers: "deactivate" as const };
  // A first read mints the token; the faults that echo it come after.
  return textsOfRun({
    vendor,
    desired,
    policy,
    context: { logger },
    lines: logger.lines,
    mode,
    planFirst: true,
    serverCheck: true,
    faults,
  });
}

function actionEchoCase(title: string, mode: RunMode) {
  return {
    name: `${title}: UMAPI errors that echo the secret and the token`,
    expectText: "Invalid request",
    async run() {
      await using sim = await startAdobeSimulator({ seed: secretSeed, rateLimits: false });
      let secrets: Record<string, string> = {};
      const texts = await textsOf(sim, mode, () => {
        secrets = { clientSecret: CLIENT_SECRET, bearer: bearerOf(sim) };
        const echo = { body: echoingBody(secrets), headers: { "x-request-id": secrets.bearer ?? "" } };
        sim.addFault({ route: "action", count: 1, status: 400, ...echo });
        sim.addFault({ route: "action", count: 1, status: 500, ...echo });
      });
      return { texts, secrets };
    },
  };
}

export const adobeSubject: ReliabilitySubject = {
  name: "Adobe UMAPI",
  label: "adobe",
  protocolVendor: "Adobe",
  module: adobeVendor,
  faults: {
    changes: 340,
    usersCsv: faultCsv(),
    policy: faultPolicy,
    randomSeed: 13,
    async start({ faultSeed: seedOfFaults, corrupt }) {
      // Corrupt answers: small pages, so a read is several users and groups pages.
      const sim = await startAdobeSimulator({
        seed: faultSeed,
        rateLimits: false,
        faultSeed: seedOfFaults,
        ...(corrupt && { config: { usersPageSize: 50, groupsPageSize: 2 } }),
      });
      const settings = parseAdobeSettings({ ...adobeSimulatorEnv(sim), ADOBE_RATE_LIMITS: "off" });
      return {
        sim,
        makeVendor: (logger, { random, timeoutMs }) =>
          createAdobeVendor(settings, {
            mode: "apply",
            logger,
            sleep: async () => {},
            random,
            timeoutMs,
            // One request at a time, so the seeded fault sequence meets the same requests every run.
            actionLanes: 1,
          }),
        held: () => heldBy(sim),
        [Symbol.asyncDispose]: () => sim.close(),
      };
    },
    minInjected: () => 2,
    corrupt: { readRoutes: ["users.list", "groups.list"], writeRate: 0.08, maxRuns: 20 },
  },
  readOnly: {
    title: "Adobe plan mode refuses every mutating route",
    routes: writeRoutes,
    expectRoutes: (routes) =>
      expect(routes.map((route) => route.name)).toEqual(expect.arrayContaining(["ims.token", "ims.jwt", "action"])),
    probe: probeInPlanMode,
  },
  corruptReads: {
    async start() {
      const sim = await startAdobeSimulator({ seed: readsSeed, config: readsConfig, rateLimits: false });
      return {
        sim,
        async plan() {
          const logger = recordingLogger();
          const settings = parseAdobeSettings({ ...adobeSimulatorEnv(sim), ADOBE_RATE_LIMITS: "off" });
          const vendor = createAdobeVendor(settings, { mode: "apply", logger, sleep: async () => {}, actionLanes: 1 });
          try {
            const desired = await readUsersCsv(
              { file: "users.csv", input: READS_CSV },
              { groupSeparators: adobeCapabilities.groupSeparators },
            );
            return await planForVendor({ desired, vendor, policy: deactivate, context: { logger } });
          } finally {
            await vendor.close();
          }
        },
        writes: () => sim.requests.filter((r) => r.route === "action"),
        [Symbol.asyncDispose]: () => sim.close(),
      };
    },
    readRoutes: [
      { label: "users.list", route: "users.list", request: `GET /users/${ORG}/0` },
      { label: "users.list (page 2)", route: "users.list", request: `GET /users/${ORG}/1`, fault: { skip: 1 } },
      { label: "groups.list", route: "groups.list", request: `GET /groups/${ORG}/0` },
      { label: "groups.list (page 2)", route: "groups.list", request: `GET /groups/${ORG}/1`, fault: { skip: 1 } },
    ],
    // Adobe names no `self` user, so an empty users listing is caught by X-Total-Count instead
    // (reliability/adobe-corrupt-reads.test.ts).
  },
  secrets: {
    cases: [
      actionEchoCase("apply", "apply"),
      actionEchoCase("plan with the server-side check (testOnly)", "plan"),
      {
        name: "plan: a read refused with the secret and the token in its body and headers",
        expectText: "Invalid request",
        async run() {
          await using sim = await startAdobeSimulator({ seed: secretSeed, rateLimits: false });
          let secrets: Record<string, string> = {};
          const texts = await textsOf(sim, "plan", () => {
            secrets = { clientSecret: CLIENT_SECRET, bearer: bearerOf(sim) };
            sim.addFault({
              route: "users.list",
              status: 403,
              body: echoingBody(secrets),
              headers: { "x-request-id": secrets.bearer ?? "" },
            });
          });
          return { texts, secrets };
        },
      },
      {
        name: "the token exchange refused with a body that echoes the client secret",
        expectText: "Invalid request",
        async run() {
          await using sim = await startAdobeSimulator({ seed: secretSeed, rateLimits: false });
          sim.addFault({ route: "ims.token", status: 401, body: echoingBody({ clientSecret: CLIENT_SECRET }) });
          const logger = recordingLogger();
          const settings = parseAdobeSettings({ ...adobeSimulatorEnv(sim), ADOBE_RATE_LIMITS: "off" });
          const vendor = createAdobeVendor(settings, { mode: "plan", logger, sleep: async () => {} });
          const error = await vendor.read({ logger }).catch((caught: unknown) => caught);
          await vendor.close();
          return { texts: [...errorTexts(error), ...logger.lines], secrets: { clientSecret: CLIENT_SECRET } };
        },
      },
    ],
  },
};
