import { describe, expect, it } from "vitest";
import { readUsersCsv } from "../csv/read-users-csv.js";
import { planForVendor } from "../engine/run-plan.js";
import type { Policy } from "../model/policy.js";
import { type CorruptKind, corruptAnswer } from "../simulator/faults.js";
import { type RunningSigmaSimulator, startSigmaSimulator } from "../vendors/sigma/simulator/index.js";
import { sigmaSimulatorEnv } from "../vendors/sigma/testing.js";
import { createSigmaVendor } from "../vendors/sigma/vendor.js";
import { recordingLogger } from "./convergence.js";
import { SIGMA_READS } from "./subjects/sigma.js";

// Issue 12, items 1-3 for Sigma: a read Roster cannot trust stops the run before anything is
// planned, with VENDOR_PROTOCOL naming the request, never a TypeError and never "nothing there".

// Pages of 5, so the members listing takes three pages and page 2 can be spoilt alone. The
// fixture's file needs every listing (account types, teams and their members, attribute values):
// Sigma reads only what the file needs (plan/read-needs.ts).
const { seed, config, csvReadingAll: KEEP_ONE_READING_ALL, policy: deactivate } = SIGMA_READS;
const KEEP_ONE = "email,first_name,last_name\nm0@reads.test,M,0\n";

async function plan(sim: RunningSigmaSimulator, csv: string, policy: Policy = deactivate) {
  const vendor = createSigmaVendor(
    sigmaSimulatorEnv(sim),
    { mode: "apply", logger: recordingLogger() },
    { sleep: async () => {}, random: () => 0.5 },
  );
  try {
    const desired = await readUsersCsv({ file: "users.csv", input: csv });
    return await planForVendor({ desired, vendor, policy, context: { logger: recordingLogger() } });
  } finally {
    await vendor.close();
  }
}

async function expectStopped(sim: RunningSigmaSimulator, request: string) {
  const error = await plan(sim, KEEP_ONE_READING_ALL).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toMatchObject({ code: "VENDOR_PROTOCOL", vendor: "Sigma", request });
  expect((error as Error).message).not.toMatch(/TypeError|Cannot read|iterable/);
  expect(sim.requests.filter((r) => r.method !== "GET" && r.route !== "auth.token")).toEqual([]);
  return error as Error;
}

describe("Sigma whoami (issue 12 item 1)", () => {
  it.each<CorruptKind>(["html-200", "empty-object", "empty-200", "wrong-shape", "truncated-json"])(
    "stops the plan, naming GET /v2/whoami, when whoami answers %s (with --absent-users deactivate)",
    async (kind) => {
      await using sim = await startSigmaSimulator({ seed, config });
      sim.addFault(corruptAnswer(kind, { route: "whoami" }));
      const error = await expectStopped(sim, "GET /v2/whoami");
      expect(error.message).toContain("Sigma answered GET /v2/whoami with");
      expect(sim.snapshot().members.filter((m) => m.isArchived === true)).toEqual([]);
    },
  );

  it("with a good whoami, the same run protects the credentials' own admin", async () => {
    await using sim = await startSigmaSimulator({ seed, config });
    const { plan: planned } = await plan(sim, KEEP_ONE);
    const deactivated = planned.changes.flatMap((c) => (c.kind === "deactivate-user" ? [c.email] : []));
    expect(deactivated).toHaveLength(11);
    expect(deactivated).not.toContain("bot@reads.test");
  });
});

// Every read route answering each corrupt kind, and a members listing of nobody: the shared
// reliability/corrupt-reads.test.ts.
describe("Sigma listings (issue 12 items 2 and 3)", () => {
  it("an empty but well-formed team member page claiming a total of 12 stops the plan", async () => {
    await using sim = await startSigmaSimulator({ seed, config });
    sim.addFault({ route: "teams.members.list", status: 200, body: { entries: [], nextPage: null, total: 12 } });
    const error = await expectStopped(
      sim,
      expect.stringMatching(/^GET \/v2\/teams\/[^/]+\/members$/) as unknown as string,
    );
    expect(error.message).toContain("claim 12 items in all, but 0 arrived");
  });

  it("an attribute-assignment page 2 served as an empty last page (a short listing) is caught by the total", async () => {
    await using sim = await startSigmaSimulator({ seed, config });
    sim.addFault({
      route: "attributes.users.list",
      skip: 1,
      status: 200,
      body: { entries: [], nextPage: null, total: 12 },
    });
    await expectStopped(sim, expect.stringMatching(/^GET \/v2\/user-attributes\/[^/]+\/users$/) as unknown as string);
  });

  it("a bare array (the legacy answer, though limit was sent) is refused: it cannot be checked", async () => {
    await using sim = await startSigmaSimulator({ seed, config });
    sim.addFault({ route: "teams.list", status: 200, body: [] });
    await expectStopped(sim, "GET /v2/teams");
  });

  it("a cursor that repeats (pages that loop) stops the plan instead of reading forever or stopping short", async () => {
    await using sim = await startSigmaSimulator({ seed, config });
    const looping = { entries: [], nextPage: "c2lnbWEtc2ltOjU", total: 13 };
    sim.addFault({ route: "members.list", skip: 1, count: 2, status: 200, body: looping });
    const error = await expectStopped(sim, "GET /v2/members");
    expect(error.message).toContain("cursor repeats");
  });

  it("messages never carry the query (cursors, emails)", async () => {
    await using sim = await startSigmaSimulator({ seed, config });
    sim.addFault(corruptAnswer("html-200", { route: "members.list", skip: 1 }));
    const error = await expectStopped(sim, "GET /v2/members");
    expect(error.message).not.toMatch(/[?&](page|limit|includeArchived)=/);
  });
});
