import { describe, expect, it } from "vitest";
import { readUsersCsv } from "../csv/read-users-csv.js";
import { applyPlan } from "../engine/apply-plan.js";
import { planForVendor } from "../engine/run-plan.js";
import { corruptAnswer } from "../simulator/faults.js";
import type { FaultSpec } from "../simulator/types.js";
import { createPeriscopeVendors } from "../vendors/periscope/index.js";
import type { PeriscopeSimSeed } from "../vendors/periscope/simulator/index.js";
import {
  type PeriscopeSimulator,
  periscopeSimulatorEnv,
  startPeriscopeSimulator,
} from "../vendors/periscope/testing.js";
import { recordingLogger } from "./convergence.js";
import { PERISCOPE_READS } from "./subjects/periscope.js";

// Issue 12 for Periscope: items 2 and 3 (a read Roster cannot trust stops the run with
// VENDOR_PROTOCOL naming the request) and item 12 (the built-in Everyone group or role is reserved;
// groups are created with the fields the vendor's samples send).

const { admin: ADMIN, seedFor, csv: CSV, policy: strict } = PERISCOPE_READS;

async function withVendor<T>(
  sim: PeriscopeSimulator,
  seed: PeriscopeSimSeed,
  run: (vendor: ReturnType<typeof createPeriscopeVendors>[number]) => Promise<T>,
) {
  const [vendor] = createPeriscopeVendors(
    periscopeSimulatorEnv(sim, seed),
    { mode: "apply", logger: recordingLogger() },
    { sleep: async () => {}, random: () => 0.5 },
  );
  if (vendor === undefined) throw new Error("no site");
  try {
    return await run(vendor);
  } finally {
    await vendor.close();
  }
}

async function plan(sim: PeriscopeSimulator, seed: PeriscopeSimSeed) {
  return withVendor(sim, seed, async (vendor) => {
    const desired = await readUsersCsv({ file: "users.csv", input: CSV });
    return {
      vendor,
      ...(await planForVendor({ desired, vendor, policy: strict, context: { logger: recordingLogger() } })),
    };
  });
}

async function expectStopped(sim: PeriscopeSimulator, seed: PeriscopeSimSeed, request: string) {
  const error = await plan(sim, seed).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toMatchObject({ code: "VENDOR_PROTOCOL", vendor: "Periscope", request });
  expect((error as Error).message).not.toMatch(/TypeError|Cannot read|iterable/);
  expect(sim.requests.filter((r) => r.method !== "GET")).toEqual([]);
  return error as Error;
}

describe.each([
  {
    family: "v1",
    rbac: false,
    users: ["v1.users.list", "GET /api/v1/users"],
    groups: ["v1.groups.list", "GET /api/v1/groups"],
  },
  {
    family: "RBAC",
    rbac: true,
    users: ["v2.users.list", "GET /api/v2/users"],
    groups: ["roles.list", "GET /api/v1/roles"],
  },
] as const)("Periscope $family listings (issue 12 items 2 and 3)", ({ rbac, users, groups }) => {
  // Every read route answering each corrupt kind, users page 2, and a users listing of nobody:
  // the shared reliability/corrupt-reads.test.ts.
  const seed = seedFor(rbac);
  it("an empty but well-formed group or role listing, while users hold some, stops the plan", async () => {
    await using sim = await startPeriscopeSimulator({ seed });
    sim.addFault({ route: groups[0], status: 200, body: rbac ? { roles: [] } : { groups: [] } });
    const error = await expectStopped(sim, seed, groups[1]);
    expect(error.message).toMatch(/no (group|role)s at all, while users hold some/);
  });

  it("a next_page_start cursor that repeats stops the plan instead of ending the list early", async () => {
    await using sim = await startPeriscopeSimulator({ seed });
    const fault: FaultSpec = {
      route: users[0],
      status: 200,
      body: { users: [{ id: 1, email: ADMIN }], next_page_start: 7 },
    };
    sim.addFault(fault);
    const error = await expectStopped(sim, seed, users[1]);
    expect(error.message).toContain("cursor repeats");
  });
});

describe.each([
  { family: "v1", rbac: false },
  { family: "RBAC", rbac: true },
])("Periscope $family: the built-in Everyone is reserved (issue 12 item 12)", ({ rbac }) => {
  const seed = seedFor(rbac);

  it("an exact-groups plan never removes anyone from Everyone, and the apply converges", async () => {
    await using sim = await startPeriscopeSimulator({ seed });
    const first = await plan(sim, seed);
    expect(first.plan.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const touchingEveryone = first.plan.changes.filter(
      (c) =>
        (c.kind === "remove-from-groups" || c.kind === "add-to-groups") &&
        c.groups.some((g) => g.toLowerCase() === "everyone"),
    );
    expect(touchingEveryone).toEqual([]);
    await withVendor(sim, seed, async (vendor) => {
      const result = await applyPlan(
        vendor,
        first.plan,
        first.directory,
        { stopOnError: false },
        { logger: recordingLogger() },
      );
      expect(result.counts.failed).toBe(0);
    });
    expect((await plan(sim, seed)).plan.changes).toEqual([]);
  });

  it("a file that names Everyone is told it is reserved", async () => {
    await using sim = await startPeriscopeSimulator({ seed });
    const result = await withVendor(sim, seed, async (vendor) => {
      const desired = await readUsersCsv({
        file: "users.csv",
        input: `email,first_name,last_name,groups\n${ADMIN},Ada,Admin,Everyone;Analysts\n`,
      });
      return planForVendor({ desired, vendor, policy: strict, context: { logger: recordingLogger() } });
    });
    expect(result.plan.diagnostics).toEqual([expect.objectContaining({ code: "PLAN_RESERVED_GROUP", line: 2 })]);
  });
});

describe("Periscope v1 group creation (issue 12 item 12)", () => {
  it("sends name, access and created_by_email, as the vendor's samples do; the simulator refuses less", async () => {
    const seed = seedFor(false);
    await using sim = await startPeriscopeSimulator({ seed });
    const first = await plan(sim, seed);
    await withVendor(sim, seed, (vendor) =>
      applyPlan(vendor, first.plan, first.directory, { stopOnError: false }, { logger: recordingLogger() }),
    );
    const creates = sim.requests.filter((r) => r.route === "v1.groups.create");
    expect(creates.map((r) => r.body)).toEqual([{ name: "Data", access: "View", created_by_email: ADMIN }]);
    expect(creates.map((r) => r.status)).toEqual([201]);
  });
});

describe("Periscope: an unreadable answer to a write", () => {
  it("leaves that change unknown, saying Periscope may have made it; the rest apply and a rerun converges", async () => {
    const seed = seedFor(false);
    await using sim = await startPeriscopeSimulator({ seed });
    const first = await plan(sim, seed);
    sim.addFault(corruptAnswer("html-200", { route: "v1.users.create", count: 1 }));
    const result = await withVendor(sim, seed, (vendor) =>
      applyPlan(vendor, first.plan, first.directory, { stopOnError: false }, { logger: recordingLogger() }),
    );
    const unknown = result.results.filter((r) => r.outcome.status === "unknown");
    expect(unknown).toHaveLength(1);
    expect(unknown[0]?.outcome).toMatchObject({
      code: "VENDOR_PROTOCOL",
      message: expect.stringContaining("Periscope may have made the change or not"),
    });
    expect(result.counts.applied).toBe(first.plan.changes.length - 1);
    const second = await plan(sim, seed);
    await withVendor(sim, seed, (vendor) =>
      applyPlan(vendor, second.plan, second.directory, { stopOnError: false }, { logger: recordingLogger() }),
    );
    expect((await plan(sim, seed)).plan.changes).toEqual([]);
  });
});
