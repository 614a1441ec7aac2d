import { describe, expect, it } from "vitest";
import { readUsersCsv } from "../csv/read-users-csv.js";
import { applyPlan } from "../engine/apply-plan.js";
import { planForVendor } from "../engine/run-plan.js";
import { corruptAnswer } from "../simulator/faults.js";
import type { FaultSpec } from "../simulator/types.js";
import { adobeCapabilities } from "../vendors/adobe/capabilities.js";
import { createUmapiClient } from "../vendors/adobe/client.js";
import { parseAdobeSettings } from "../vendors/adobe/settings.js";
import { type AdobeSimulator, adobeSimulatorEnv, startAdobeSimulator } from "../vendors/adobe/simulator/index.js";
import { createAdobeVendor } from "../vendors/adobe/vendor.js";
import { recordingLogger } from "./convergence.js";
import { ADOBE_READS } from "./subjects/adobe.js";

// Issue 12, items 2 and 3 for Adobe: a users or groups page Roster cannot trust (HTML with 200,
// `{}`, an empty body, a wrong shape, a listing shorter than its headers say) stops the run with
// VENDOR_PROTOCOL naming the request, before anything is planned; an action answer that does not
// account for its entries is VENDOR_PROTOCOL too, never a TypeError.

// Pages of 4 users and 1 group, so page 2 of each listing can be spoilt alone.
const { org: ORG, seed, config, csv: CSV, policy: deactivate } = ADOBE_READS;

async function plan(sim: AdobeSimulator) {
  const logger = recordingLogger();
  const settings = parseAdobeSettings({ ...adobeSimulatorEnv(sim), ADOBE_RATE_LIMITS: "off" });
  const vendor = createAdobeVendor(settings, { mode: "apply", logger, sleep: async () => {}, actionLanes: 1 });
  try {
    const desired = await readUsersCsv(
      { file: "users.csv", input: CSV },
      { groupSeparators: adobeCapabilities.groupSeparators },
    );
    return await planForVendor({ desired, vendor, policy: deactivate, context: { logger } });
  } finally {
    await vendor.close();
  }
}

async function expectStopped(sim: AdobeSimulator, request: string) {
  const error = await plan(sim).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toMatchObject({ code: "VENDOR_PROTOCOL", vendor: "Adobe", request });
  expect((error as Error).message).not.toMatch(/TypeError|Cannot read|iterable/);
  expect(sim.requests.filter((r) => r.route === "action")).toEqual([]);
  return error as Error;
}

// Every read route answering each corrupt kind: the shared reliability/corrupt-reads.test.ts.
describe("Adobe listings (issue 12 items 2 and 3)", () => {
  it("a users page that is empty but well formed, while X-Total-Count says 10, stops the plan", async () => {
    await using sim = await startAdobeSimulator({ seed, config, rateLimits: false });
    sim.addFault({
      route: "users.list",
      status: 200,
      headers: { "X-Total-Count": "10", "X-Page-Count": "1", "X-Current-Page": "0" },
      body: { lastPage: true, result: "success", users: [] },
    });
    const error = await expectStopped(sim, `GET /users/${ORG}`);
    expect(error.message).toContain("no users at all, while X-Total-Count says 10");
  });

  it("a first page that claims to be the last while X-Page-Count says 3 stops the plan", async () => {
    await using sim = await startAdobeSimulator({ seed, config, rateLimits: false });
    sim.addFault({
      route: "users.list",
      count: 1,
      status: 200,
      headers: { "X-Total-Count": "10", "X-Page-Count": "3", "X-Current-Page": "0" },
      body: { lastPage: true, result: "success", users: [{ email: "u0@corrupt.test", type: "federatedID" }] },
    });
    const error = await expectStopped(sim, `GET /users/${ORG}`);
    expect(error.message).toContain("says lastPage true, but X-Page-Count is 3");
  });

  it("a group page dropped from the listing (fewer groups than X-Total-Count) stops the plan", async () => {
    await using sim = await startAdobeSimulator({ seed, config, rateLimits: false });
    sim.addFault({
      route: "groups.list",
      skip: 1,
      status: 200,
      headers: { "X-Total-Count": "2", "X-Page-Count": "2", "X-Current-Page": "1" },
      body: { lastPage: true, result: "success", groups: [] },
    });
    const error = await expectStopped(sim, `GET /groups/${ORG}`);
    expect(error.message).toContain("claim 2 items in all, but 1 arrived");
  });

  it("the same run with good answers plans the 5 deactivations", async () => {
    await using sim = await startAdobeSimulator({ seed, config, rateLimits: false });
    const { plan: planned } = await plan(sim);
    expect(planned.changes.filter((c) => c.kind === "deactivate-user")).toHaveLength(5);
    expect(planned.changes.filter((c) => c.kind === "create-user")).toHaveLength(0);
  });
});

describe("Adobe action answers (issue 12 item 3)", () => {
  const entries = [{ user: "u0@corrupt.test", do: [{ add: { group: ["Design"] } }] }];

  it.each<[string, Partial<FaultSpec>]>([
    ["an empty 200", corruptAnswer("empty-200", { route: "action" })],
    ["an HTML 200", corruptAnswer("html-200", { route: "action" })],
    ["{}", corruptAnswer("empty-object", { route: "action" })],
    [
      "counts that do not add up to the entries",
      {
        route: "action",
        status: 200,
        body: { completed: 0, notCompleted: 0, completedInTestMode: 0, result: "success" },
      },
    ],
    [
      "an error naming an entry never sent",
      {
        route: "action",
        status: 200,
        body: {
          completed: 0,
          notCompleted: 1,
          completedInTestMode: 0,
          result: "error",
          errors: [{ index: 4, step: 0, message: "x", errorCode: "error.user.nonexistent" }],
        },
      },
    ],
  ])("%s is VENDOR_PROTOCOL naming POST /action/<org>", async (_, fault) => {
    await using sim = await startAdobeSimulator({ seed, config, rateLimits: false });
    sim.addFault({ route: "action", ...fault } as FaultSpec);
    const settings = parseAdobeSettings({ ...adobeSimulatorEnv(sim), ADOBE_RATE_LIMITS: "off" });
    const client = createUmapiClient({ settings, mode: "apply", logger: recordingLogger(), sleep: async () => {} });
    try {
      await expect(client.action(entries, false)).rejects.toMatchObject({
        code: "VENDOR_PROTOCOL",
        vendor: "Adobe",
        request: `POST /action/${ORG}`,
      });
    } finally {
      await client.close();
    }
  });
});

describe("Adobe: an empty but well-formed groups listing (issue 12 item 2)", () => {
  it("stops the plan when users hold groups the listing does not have at all", async () => {
    await using sim = await startAdobeSimulator({ seed, config, rateLimits: false });
    sim.addFault({
      route: "groups.list",
      status: 200,
      headers: { "X-Page-Count": "1", "X-Current-Page": "0" },
      body: { lastPage: true, result: "success", groups: [] },
    });
    const error = await expectStopped(sim, `GET /groups/${ORG}`);
    expect(error.message).toContain("no groups at all, while users hold some");
  });
});

describe("Adobe: an unreadable answer to an action request", () => {
  it("leaves that request's changes unknown, saying Adobe may have made them; the rest apply", async () => {
    await using sim = await startAdobeSimulator({ seed, config, rateLimits: false });
    const { plan: planned, directory } = await plan(sim);
    const logger = recordingLogger();
    const settings = parseAdobeSettings({ ...adobeSimulatorEnv(sim), ADOBE_RATE_LIMITS: "off" });
    const vendor = createAdobeVendor(settings, { mode: "apply", logger, sleep: async () => {}, actionLanes: 1 });
    sim.addFault(corruptAnswer("empty-200", { route: "action", count: 1 }));
    try {
      const result = await applyPlan(vendor, planned, directory, { stopOnError: false }, { logger });
      const unknown = result.results.filter((r) => r.outcome.status === "unknown");
      expect(unknown.length).toBeGreaterThan(0);
      for (const { outcome } of unknown)
        expect(outcome).toMatchObject({ message: expect.stringContaining("may or may not") });
      expect(result.counts.applied + unknown.length).toBe(planned.changes.length);
    } finally {
      await vendor.close();
    }
  });
});
