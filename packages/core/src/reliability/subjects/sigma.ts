import { expect } from "vitest";
import { readUsersCsv } from "../../csv/read-users-csv.js";
import { planForVendor } from "../../engine/run-plan.js";
import { normaliseEmail } from "../../model/directory.js";
import { defaultPolicy, type Policy } from "../../model/policy.js";
import type { SimRoute } from "../../simulator/types.js";
import {
  type RunningSigmaSimulator,
  type SigmaSeed,
  startSigmaSimulator,
} from "../../vendors/sigma/simulator/index.js";
import { attributeRoutes } from "../../vendors/sigma/simulator/routes-attributes.js";
import { authRoutes } from "../../vendors/sigma/simulator/routes-auth.js";
import { memberRoutes } from "../../vendors/sigma/simulator/routes-members.js";
import { teamAttributeRoutes } from "../../vendors/sigma/simulator/routes-team-attributes.js";
import { teamRoutes } from "../../vendors/sigma/simulator/routes-teams.js";
import { SigmaSimStore } from "../../vendors/sigma/simulator/state.js";
import { sigmaSimulatorEnv } from "../../vendors/sigma/testing.js";
import { createSigmaVendor, sigmaVendor } from "../../vendors/sigma/vendor.js";
import type { RunMode } from "../../vendors/vendor.js";
import { recordingLogger } from "../convergence.js";
import { mutatingRoutes, probe } from "../route-probe.js";
import { textsOfRun } from "../run-texts.js";
import { echoingBody } from "../secret-scan.js";
import type { HeldState, ReliabilitySubject } from "./subject.js";

// --- faults: ~360 changes, updates, team moves, attributes, deactivations, 200 new members ---

const EXISTING = 120;
const NEW = 200;
const TEAMS = ["Sales", "Data", "Support", "Finance"];

const faultSeed: SigmaSeed = {
  client: { clientId: "fault-client", clientSecret: "fault-secret-0123456789", memberEmail: "bot@fault.test" },
  accountTypes: ["admin", "creator", "explorer", "viewer"],
  teams: TEAMS,
  userAttributes: ["region"],
  members: Array.from({ length: EXISTING }, (_, i) => ({
    email: `user${i}@fault.test`,
    firstName: `First${i}`,
    lastName: `Last${i}`,
    memberType: "viewer",
    teams: [TEAMS[i % 4] ?? "Sales"],
    attributes: { region: "EMEA" },
  })),
};

function faultCsv(): string {
  const rows = ["email,first_name,last_name,role,groups,status,attr:region"];
  for (let i = 0; i < EXISTING; i++) {
    const first = i < 40 ? `Renamed${i}` : `First${i}`;
    const role = i % 10 === 0 ? "creator" : "viewer";
    const groups = i >= 40 && i < 80 ? `${TEAMS[(i + 1) % 4]};Platform` : TEAMS[i % 4];
    const status = i >= 100 ? "deactivated" : "active";
    const region = i >= 80 && i < 100 ? "AMER" : "EMEA";
    rows.push(`user${i}@fault.test,${first},Last${i},${role},${groups},${status},${region}`);
  }
  for (let i = 0; i < NEW; i++) {
    rows.push(`New.User${i}@Fault.test,New${i},Person${i},explorer,${i % 2 ? "Sales;Research" : "Platform"},,APAC`);
  }
  return `${rows.join("\n")}\n`;
}

const faultPolicy: Policy = {
  ...defaultPolicy,
  createMissingGroups: true,
  // The fault suite measures delivery, not the removal brake.
  removalThreshold: { percent: 100, floor: 10_000 },
};

function heldBy(sim: RunningSigmaSimulator): HeldState {
  const { members, teams } = sim.snapshot();
  return {
    users: members.map((member) => ({
      email: member.email,
      firstName: member.firstName,
      active: member.isArchived !== true,
    })),
    groupNames: teams.map((team) => team.name),
  };
}

// --- read-only: every mutating route of the simulator ---

const store = new SigmaSimStore();
const writeRoutes = mutatingRoutes([
  ...authRoutes(store),
  ...memberRoutes(store),
  ...teamRoutes(store),
  ...attributeRoutes(store),
  ...teamAttributeRoutes(store),
]);

async function probeInPlanMode(route: SimRoute): Promise<void> {
  await using sim = await startSigmaSimulator();
  const vendor = createSigmaVendor(sigmaSimulatorEnv(sim), { mode: "plan", logger: recordingLogger() });
  try {
    const api = await probe(vendor.connection.http.api, route);
    const token = await probe(vendor.connection.http.token, route);
    expect(api).toEqual({ refused: true });
    // Sigma has no server-side test mode: another vendor's flag must not open the door.
    expect(await probe(vendor.connection.http.api, route, { test_mode: "true", testOnly: "true" })).toEqual({
      refused: true,
    });
    if (route.name === "auth.token") {
      // The token exchange is the one write plan mode needs; it goes through its own client.
      expect(token.refused).toBe(false);
    } else {
      expect(token).toEqual({ refused: true });
      expect(sim.requests.filter((request) => request.route === route.name)).toEqual([]);
    }
  } finally {
    await vendor.close();
  }
}

// --- corrupt reads: 12 members in pages of 5, so page 2 of the members listing can be spoilt alone ---

const readsSeed: SigmaSeed = {
  client: { clientId: "reads-client", clientSecret: "reads-secret-0123456789", memberEmail: "bot@reads.test" },
  teams: ["Sales"],
  userAttributes: ["region"],
  members: Array.from({ length: 12 }, (_, i) => ({
    email: `m${i}@reads.test`,
    firstName: "M",
    lastName: String(i),
    memberType: "viewer",
    teams: ["Sales"],
    attributes: { region: "EMEA" },
  })),
};
const readsConfig = { maxLimit: 5 };
// A file that needs every listing (account types, teams and their members, attribute values), so
// each read route is met: Sigma reads only what a file needs.
const KEEP_ONE = "email,first_name,last_name,role,groups,attr:region\nm0@reads.test,M,0,viewer,Sales,EMEA\n";
const deactivate: Policy = {
  ...defaultPolicy,
  absentUsers: "deactivate",
  removalThreshold: { percent: 100, floor: 100 },
};
/** The corrupt-reads fixture, also used by sigma-corrupt-reads.test.ts for what only Sigma can get wrong. */
export const SIGMA_READS = { seed: readsSeed, config: readsConfig, csvReadingAll: KEEP_ONE, policy: deactivate };

/** `GET /v2/teams/:id/members` as a pattern over the shown request (ids vary). */
function pathPattern(request: string): RegExp {
  const escaped = request.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/:id/g, "[^/]+");
  return new RegExp(`^${escaped}$`);
}

// --- secrets: Sigma echoes the client secret and the bearer token in error bodies and headers ---

const CLIENT_SECRET = "sigma-client-secret-Zq8Xw3Lp0Kd";
const secretSeed: SigmaSeed = {
  client: { clientId: "sigma-client-id-77", clientSecret: CLIENT_SECRET, memberEmail: "bot@secret.test" },
  teams: ["Sales"],
  userAttributes: ["region"],
  members: Array.from({ length: 6 }, (_, i) => ({ email: `user${i}@secret.test`, firstName: "U", lastName: `${i}` })),
};
const SECRET_CSV = [
  "email,first_name,last_name,groups,status,attr:region",
  ...Array.from({ length: 6 }, (_, i) => `user${i}@secret.test,Renamed,${i},Sales,${i === 5 ? "deactivated" : ""},EU`),
  ...Array.from({ length: 6 }, (_, i) => `new${i}@secret.test,New,${i},Sales;Platform,,US`),
].join("\n");

function bearerOf(sim: RunningSigmaSimulator): string {
  const token = [...sim.store.accessTokens.keys()].at(-1);
  if (token === undefined) throw new Error("no token issued yet");
  return token;
}

async function textsOf(sim: RunningSigmaSimulator, mode: RunMode, before?: () => void) {
  const logger = recordingLogger();
  const vendor = createSigmaVendor(sigmaSimulatorEnv(sim), { mode, logger }, { sleep: async () => {} });
  const desired = await readUsersCsv({ file: "users.csv", input: SECRET_CSV });
  const policy = { ...defaultPolicy, createMissingGroups: true, removalThreshold: { percent: 100, floor: 100 } };
  // A first read mints the token; the faults that echo it are added after.
  return textsOfRun({
    vendor,
    desired,
    policy,
    context: { logger },
    lines: logger.lines,
    mode,
    planFirst: true,
    serverCheck: false,
    faults: () => before?.(),
  });
}

export const sigmaSubject: ReliabilitySubject = {
  name: "Sigma",
  label: "sigma",
  protocolVendor: "Sigma",
  module: sigmaVendor,
  faults: {
    changes: 360,
    usersCsv: faultCsv(),
    policy: faultPolicy,
    randomSeed: 7,
    async start({ faultSeed: seedOfFaults }) {
      const sim = await startSigmaSimulator({ seed: faultSeed, faultSeed: seedOfFaults });
      return {
        sim,
        makeVendor: (logger, { random, timeoutMs }) =>
          createSigmaVendor(
            sigmaSimulatorEnv(sim),
            { mode: "apply", logger },
            { sleep: async () => {}, random, timeoutMs },
          ),
        held: () => heldBy(sim),
        [Symbol.asyncDispose]: () => sim.close(),
      };
    },
    minInjected: (changes) => (changes === undefined ? 0 : changes / 10),
    checkConverged(held, desired) {
      // The state is the file: every row once, plus the API client's own member.
      expect(held.users).toHaveLength(EXISTING + NEW + 1);
      for (const row of desired.users) {
        const member = held.users.find((m) => normaliseEmail(m.email) === row.email);
        expect(member?.firstName).toBe(row.firstName);
        expect(member?.active === false ? "deactivated" : "active").toBe(row.status ?? "active");
      }
    },
    corrupt: {
      readRoutes: [
        "whoami",
        "members.list",
        "accountTypes.list",
        "teams.list",
        "teams.members.list",
        "attributes.list",
        "attributes.users.list",
      ],
      writeRate: 0.04,
      maxRuns: 25,
      checkConverged(held) {
        expect(held.users).toHaveLength(EXISTING + NEW + 1);
      },
    },
  },
  readOnly: {
    title: "Sigma plan mode refuses every mutating route",
    routes: writeRoutes,
    expectRoutes: (routes) => expect(routes.length).toBeGreaterThanOrEqual(15),
    probe: probeInPlanMode,
  },
  corruptReads: {
    async start() {
      const sim = await startSigmaSimulator({ seed: readsSeed, config: readsConfig });
      return {
        sim,
        async plan() {
          const vendor = createSigmaVendor(
            sigmaSimulatorEnv(sim),
            { mode: "apply", logger: recordingLogger() },
            { sleep: async () => {}, random: () => 0.5 },
          );
          try {
            const desired = await readUsersCsv({ file: "users.csv", input: KEEP_ONE });
            return await planForVendor({ desired, vendor, policy: deactivate, context: { logger: recordingLogger() } });
          } finally {
            await vendor.close();
          }
        },
        writes: () => sim.requests.filter((r) => r.method !== "GET" && r.route !== "auth.token"),
        [Symbol.asyncDispose]: () => sim.close(),
      };
    },
    readRoutes: [
      { label: "members.list", route: "members.list", request: "GET /v2/members" },
      { label: "members.list (page 2)", route: "members.list", request: "GET /v2/members", fault: { skip: 1 } },
      { label: "teams.list", route: "teams.list", request: "GET /v2/teams" },
      { label: "teams.members.list", route: "teams.members.list", request: pathPattern("GET /v2/teams/:id/members") },
      { label: "attributes.list", route: "attributes.list", request: "GET /v2/user-attributes" },
      {
        label: "attributes.users.list",
        route: "attributes.users.list",
        request: pathPattern("GET /v2/user-attributes/:id/users"),
      },
      { label: "accountTypes.list", route: "accountTypes.list", request: "GET /v2/accountTypes" },
    ],
    emptyUsers: {
      route: "members.list",
      body: { entries: [], nextPage: null },
      request: "GET /v2/members",
      message: "no members at all",
    },
  },
  secrets: {
    cases: [
      {
        name: "apply: every write answered with an error body and headers that echo the secret and the token",
        expectText: "Invalid request",
        async run() {
          await using sim = await startSigmaSimulator({ seed: secretSeed });
          let secrets: Record<string, string> = {};
          const texts = await textsOf(sim, "apply", () => {
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
          return { texts, secrets };
        },
      },
      {
        name: "plan: a read that fails for good with the secret in its body",
        expectText: "Invalid request",
        async run() {
          await using sim = await startSigmaSimulator({ seed: secretSeed });
          let secrets: Record<string, string> = {};
          const texts = await textsOf(sim, "plan", () => {
            secrets = { clientSecret: CLIENT_SECRET, bearer: bearerOf(sim) };
            sim.addFault({ route: "members.list", status: 400, body: echoingBody(secrets) });
          });
          return { texts, secrets };
        },
      },
      {
        name: "the token exchange refused with a body that echoes the client secret",
        expectText: /rejected the API credentials/,
        async run() {
          await using sim = await startSigmaSimulator({ seed: secretSeed });
          const secrets = { clientSecret: CLIENT_SECRET };
          sim.addFault({ route: "auth.token", status: 401, body: echoingBody(secrets) });
          return { texts: await textsOf(sim, "plan"), secrets };
        },
      },
    ],
  },
};
