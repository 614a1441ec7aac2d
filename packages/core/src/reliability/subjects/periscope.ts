import { expect } from "vitest";
import { readUsersCsv } from "../../csv/read-users-csv.js";
import { planForVendor } from "../../engine/run-plan.js";
import { normaliseEmail } from "../../model/directory.js";
import { defaultPolicy, type Policy } from "../../model/policy.js";
import type { SimRoute } from "../../simulator/types.js";
import { parsePeriscopeSettings } from "../../vendors/periscope/settings.js";
import type { PeriscopeSimSeed } from "../../vendors/periscope/simulator/index.js";
import {
  type PeriscopeSimulator,
  periscopeSimulatorDefinition,
  periscopeSimulatorEnv,
  startPeriscopeSimulator,
} from "../../vendors/periscope/testing.js";
import { createPeriscopeHttp } from "../../vendors/periscope/transport.js";
import { createPeriscopeVendors, periscopeVendor } from "../../vendors/periscope/vendor.js";
import type { RunMode, Vendor, VendorFactoryOptions } from "../../vendors/vendor.js";
import { recordingLogger } from "../convergence.js";
import { mutatingRoutes, probe } from "../route-probe.js";
import { textsOfRun } from "../run-texts.js";
import { echoingBody } from "../secret-scan.js";
import type { HeldState, ReliabilitySubject } from "./subject.js";

/** The one site of a seed as a vendor. */
function siteVendor(
  sim: PeriscopeSimulator,
  seed: PeriscopeSimSeed,
  options: VendorFactoryOptions,
  transport: Parameters<typeof createPeriscopeVendors>[2],
): Vendor {
  const [vendor] = createPeriscopeVendors(periscopeSimulatorEnv(sim, seed), options, transport);
  if (vendor === undefined) throw new Error("no site");
  return vendor;
}

function heldBy(sim: PeriscopeSimulator, rbac: boolean): HeldState {
  const site = Object.values(sim.state.sites)[0];
  return {
    users: (site?.users ?? []).map((user) => ({ email: user.email, firstName: user.first_name, active: true })),
    groupNames: rbac ? (site?.roles ?? []).map((r) => r.name) : (site?.groups ?? []).map((g) => g.name),
  };
}

// --- faults: ~330 changes, 40 renames, 40 group moves (into a new group too), 20 deletions, 200 new users ---

const EXISTING = 100;
const NEW = 200;
const GROUPS = ["Everyone", "Analysts", "Finance", "Sales Ops"];
const FAULT_ADMIN = "admin@fault.test";

function faultSeed(rbac: boolean): PeriscopeSimSeed {
  return {
    sites: [
      {
        name: rbac ? "fault-rbac" : "fault-v1",
        apiKey: "fault-key-0123456789abcdef",
        rbac,
        ...(rbac ? { roles: GROUPS } : { groups: GROUPS }),
        users: [
          { email: FAULT_ADMIN, first_name: "Ada", last_name: "Admin", groups: ["Everyone"] },
          ...Array.from({ length: EXISTING }, (_, i) => ({
            email: `user${i}@fault.test`,
            first_name: `First${i}`,
            last_name: `Last${i}`,
            groups: [GROUPS[i % 4] ?? "Everyone"],
          })),
        ],
      },
    ],
  };
}

/** The file's groups cell: Everyone is built in and reserved, so a file never names it. */
const cell = (...names: (string | undefined)[]) =>
  names.filter((name) => name !== undefined && name !== "Everyone").join(";");

function faultCsv(): string {
  const rows = ["email,first_name,last_name,groups", `${FAULT_ADMIN},Ada,Admin,`];
  for (let i = 0; i < EXISTING - 20; i++) {
    const first = i < 40 ? `Renamed${i}` : `First${i}`;
    const groups = i >= 40 ? cell(GROUPS[(i + 1) % 4], "Platform") : cell(GROUPS[i % 4]);
    rows.push(`user${i}@fault.test,${first},Last${i},${groups}`);
  }
  for (let i = 0; i < NEW; i++)
    rows.push(`New.User${i}@Fault.test,New${i},Person${i},${i % 2 ? "Analysts" : "Platform"}`);
  return `${rows.join("\n")}\n`;
}

const faultPolicy: Policy = {
  ...defaultPolicy,
  createMissingGroups: true,
  absentUsers: "delete",
  protectedUsers: [FAULT_ADMIN],
  removalThreshold: { percent: 100, floor: 10_000 },
};

// --- read-only: every mutating route, unless test_mode=true ---

const writeRoutes = mutatingRoutes(periscopeSimulatorDefinition().routes);

async function probeInPlanMode(route: SimRoute): Promise<void> {
  await using sim = await startPeriscopeSimulator();
  const before = JSON.stringify(sim.state.sites);
  for (const site of parsePeriscopeSettings(periscopeSimulatorEnv(sim))) {
    const http = createPeriscopeHttp(site, "plan", recordingLogger());
    try {
      expect(await probe(http, route)).toEqual({ refused: true });
      expect(await probe(http, route, { test_mode: "false" })).toEqual({ refused: true });
      // Regression: a repeated flag whose last value is false (what a Rails server reads).
      expect(await probe(http, route, {}, "test_mode=true&test_mode=false")).toEqual({ refused: true });
      const sent = sim.requests.filter((request) => request.route === route.name);
      expect(sent.filter((request) => !request.query.includes("test_mode=true"))).toEqual([]);
      // The vendor's own dry run reaches the server, which validates and persists nothing.
      expect((await probe(http, route, { test_mode: "true" })).refused).toBe(false);
    } finally {
      await http.close();
    }
  }
  expect(sim.requests.filter((request) => request.route === route.name).length).toBeGreaterThan(0);
  expect(JSON.stringify(sim.state.sites)).toBe(before);
}

// --- corrupt reads: a small site, users in pages of 3 so page 2 can be spoilt alone ---

const READS_ADMIN = "admin@corrupt.test";

function readsSeed(rbac: boolean): PeriscopeSimSeed {
  const names = ["Everyone", "Analysts", "Finance"];
  return {
    sites: [
      {
        name: "corrupt-site",
        apiKey: "corrupt-key-0123456789abcdef",
        rbac,
        ...(rbac ? { roles: names } : { groups: names }),
        users: [
          { email: READS_ADMIN, first_name: "Ada", last_name: "Admin", groups: ["Analysts"] },
          ...Array.from({ length: 6 }, (_, i) => ({
            email: `u${i}@corrupt.test`,
            first_name: "U",
            last_name: String(i),
            groups: [i % 2 ? "Analysts" : "Finance"],
          })),
        ],
      },
    ],
  };
}

const READS_CSV = `email,first_name,last_name,groups\n${READS_ADMIN},Ada,Admin,Analysts\nu0@corrupt.test,U,0,Analysts\nu1@corrupt.test,U,1,Analysts\nnew@corrupt.test,New,Person,Data\n`;
const strict: Policy = {
  ...defaultPolicy,
  absentUsers: "delete",
  groupScope: "exact",
  createMissingGroups: true,
  protectedUsers: [READS_ADMIN],
  removalThreshold: { percent: 100, floor: 100 },
};
/** The corrupt-reads fixture, also used by periscope-corrupt-reads.test.ts for what only Periscope can get wrong. */
export const PERISCOPE_READS = { admin: READS_ADMIN, seedFor: readsSeed, csv: READS_CSV, policy: strict };

// --- secrets: the API key and the `site:key` header made from it ---

const API_KEY = "periscope-key-Hc72Lq0Vx9Ws";
const SITE = "secret-site";
const secrets = { apiKey: API_KEY, header: `${SITE}:${API_KEY}` };

function secretSeed(rbac: boolean): PeriscopeSimSeed {
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

const SECRET_CSV = [
  "email,first_name,last_name,groups",
  "admin@secret.test,Ada,Admin,",
  ...Array.from({ length: 5 }, (_, i) => `user${i}@secret.test,Renamed,${i},Platform`),
  ...Array.from({ length: 5 }, (_, i) => `new${i}@secret.test,New,${i},Platform`),
].join("\n");

const echo = { body: echoingBody(secrets), headers: { "x-request-id": API_KEY, "x-echo": secrets.header } };

async function textsOf(rbac: boolean, mode: RunMode, faults: (sim: PeriscopeSimulator) => void) {
  const seed = secretSeed(rbac);
  await using sim = await startPeriscopeSimulator({ seed });
  const logger = recordingLogger();
  const vendor = siteVendor(sim, seed, { mode, logger }, { sleep: async () => {} });
  const desired = await readUsersCsv({ file: "users.csv", input: SECRET_CSV });
  const policy = { ...defaultPolicy, createMissingGroups: true, absentUsers: "delete" as const };
  const texts = await textsOfRun({
    vendor,
    desired,
    policy,
    context: { logger },
    lines: logger.lines,
    mode,
    planFirst: false,
    serverCheck: true,
    faults: () => faults(sim),
  });
  return { texts, secrets };
}

/** Periscope's two API families are two subjects: each site is one or the other. */
function periscopeSubject(rbac: boolean): ReliabilitySubject {
  const users = rbac
    ? { route: "v2.users.list", request: "GET /api/v2/users" }
    : { route: "v1.users.list", request: "GET /api/v1/users" };
  const groups = rbac
    ? { route: "roles.list", request: "GET /api/v1/roles" }
    : { route: "v1.groups.list", request: "GET /api/v1/groups" };
  return {
    name: rbac ? "Periscope v2 RBAC (users + roles)" : "Periscope v1 (users + groups)",
    label: rbac ? "periscope v2" : "periscope v1",
    protocolVendor: "Periscope",
    module: periscopeVendor,
    faults: {
      changes: 330,
      usersCsv: faultCsv(),
      policy: faultPolicy,
      randomSeed: 11,
      async start({ faultSeed: seedOfFaults, corrupt }) {
        const seed = faultSeed(rbac);
        // Corrupt answers: pages of 25 users (wrapped lists carry next_page_start), so a read is several pages.
        const sim = await startPeriscopeSimulator({
          seed,
          faultSeed: seedOfFaults,
          ...(corrupt && { config: { userPageSize: 25 } }),
        });
        return {
          sim,
          makeVendor: (logger, { random, timeoutMs }) =>
            siteVendor(sim, seed, { mode: "apply", logger }, { sleep: async () => {}, random, timeoutMs }),
          held: () => heldBy(sim, rbac),
          [Symbol.asyncDispose]: () => sim.close(),
        };
      },
      minInjected: () => 30,
      checkConverged(held, desired) {
        // Absent users are deleted: the site holds exactly the file's users.
        expect(new Set(held.users.map((user) => normaliseEmail(user.email)))).toEqual(
          new Set(desired.users.map((row) => row.email)),
        );
      },
      corrupt: { readRoutes: [users.route, groups.route], writeRate: 0.04, maxRuns: 20 },
    },
    // The guard is the site's HTTP client, the same for both families, and the probe covers every
    // demo site: the v1 entry carries it for both.
    ...(!rbac && {
      readOnly: {
        title: "Periscope plan mode refuses every mutating route unless test_mode=true",
        routes: writeRoutes,
        expectRoutes: (routes: readonly SimRoute[]) => expect(routes.length).toBeGreaterThanOrEqual(8),
        probe: probeInPlanMode,
      },
    }),
    corruptReads: {
      async start() {
        const seed = readsSeed(rbac);
        const sim = await startPeriscopeSimulator({ seed, config: { userPageSize: 3 } });
        return {
          sim,
          async plan() {
            const vendor = siteVendor(
              sim,
              seed,
              { mode: "apply", logger: recordingLogger() },
              { sleep: async () => {}, random: () => 0.5 },
            );
            try {
              const desired = await readUsersCsv({ file: "users.csv", input: READS_CSV });
              return await planForVendor({ desired, vendor, policy: strict, context: { logger: recordingLogger() } });
            } finally {
              await vendor.close();
            }
          },
          writes: () => sim.requests.filter((r) => r.method !== "GET"),
          [Symbol.asyncDispose]: () => sim.close(),
        };
      },
      readRoutes: [
        { label: users.route, ...users },
        { label: `${users.route} (page 2)`, ...users, fault: { skip: 1 } },
        { label: groups.route, ...groups },
      ],
      emptyUsers: { ...users, body: { users: [] }, message: "no users at all" },
    },
    secrets: {
      cases: [
        {
          name: "apply: writes answered with error bodies and headers that echo the key",
          expectText: "Invalid request",
          run: () =>
            textsOf(rbac, "apply", (sim) => {
              for (const [index, status] of [400, 409, 500, 502].entries()) {
                sim.addFault({ route: "*", method: index % 2 === 0 ? "POST" : "PUT", rate: 0.5, status, ...echo });
              }
              sim.addFault({ route: "*", method: "DELETE", status: 422, ...echo });
            }),
        },
        {
          name: "plan with the server-side check: test-mode answers that echo the key",
          expectText: "Invalid request",
          run: () =>
            textsOf(rbac, "plan", (sim) => {
              sim.addFault({ route: "*", method: "POST", status: 422, ...echo });
              sim.addFault({ route: "*", method: "PUT", status: 500, ...echo });
            }),
        },
        {
          name: "plan: a read refused with the key in its body",
          expectText: "Invalid request",
          run: () =>
            textsOf(rbac, "plan", (sim) => {
              sim.addFault({ route: "*", method: "GET", status: 403, ...echo });
            }),
        },
      ],
    },
  };
}

export const periscopeV1Subject = periscopeSubject(false);
export const periscopeV2Subject = periscopeSubject(true);
