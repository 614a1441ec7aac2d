import { describe, expect, it } from "vitest";
import { CORRUPT_KINDS, corruptAnswer } from "../simulator/faults.js";
import { RELIABILITY_SUBJECTS } from "./subjects/index.js";
import type { CorruptReadRun } from "./subjects/subject.js";

// Issue 12, items 2 and 3, for every vendor: a read Roster cannot trust (HTML with 200, `{}`, an
// empty body, a wrong shape, JSON cut short, JSON labelled HTML, a listing of nobody) stops the run
// with VENDOR_PROTOCOL naming the request before anything is planned, never a TypeError and never
// "nothing there". What only one vendor's API can get wrong stays in reliability/<vendor>-corrupt-reads.test.ts.

async function expectStopped(run: CorruptReadRun, vendor: string, request: string | RegExp): Promise<Error> {
  const error = await run.plan().then(
    () => undefined,
    (caught: unknown) => caught,
  );
  const named = typeof request === "string" ? request : expect.stringMatching(request);
  expect(error).toMatchObject({ code: "VENDOR_PROTOCOL", vendor, request: named });
  expect((error as Error).message).not.toMatch(/TypeError|Cannot read|iterable/);
  expect(run.writes()).toEqual([]);
  return error as Error;
}

describe.each(RELIABILITY_SUBJECTS)("$name listings (issue 12 items 2 and 3)", (subject) => {
  const scenario = subject.corruptReads;
  const cases = scenario.readRoutes.flatMap((read) =>
    CORRUPT_KINDS.map((kind) => [read.label, kind, String(read.request), read] as const),
  );

  it.each(cases)(
    "%s answering %s stops the plan with VENDOR_PROTOCOL naming %s",
    async (_label, kind, _shown, read) => {
      await using run = await scenario.start();
      run.sim.addFault({ ...corruptAnswer(kind, { route: read.route }), ...read.fault });
      const error = await expectStopped(run, subject.protocolVendor, read.request);
      expect(error.message).toMatch(new RegExp(`^${subject.protocolVendor} answered GET /`));
    },
  );

  const empty = scenario.emptyUsers;
  if (empty !== undefined) {
    it("a users listing of nobody at all (not even the admin) stops the plan instead of planning creates", async () => {
      await using run = await scenario.start();
      run.sim.addFault({ route: empty.route, status: 200, body: empty.body });
      const error = await expectStopped(run, subject.protocolVendor, empty.request);
      expect(error.message).toContain(empty.message);
    });
  }
});
