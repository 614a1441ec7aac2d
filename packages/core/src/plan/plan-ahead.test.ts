import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DesiredState } from "../model/desired.js";
import type { CurrentUser, Directory, DirectoryMeta } from "../model/directory.js";
import { defaultPolicy, type Policy } from "../model/policy.js";
import { capabilities, desiredArb, optional, policyArb, runs, seed, userArb } from "./__tests__/arbitraries.js";
import { createPlanAhead, type PlanAhead, type PlannedAhead } from "./plan-ahead.js";
import { planChanges } from "./plan-changes.js";
import { currentUser, desiredState } from "./test-builders.js";

const vendor = { id: "memory", capabilities };

/** A scheduler the test drives: tasks run only when `runAll` (or `runOne`) says so. */
function manualScheduler() {
  const tasks: (() => void)[] = [];
  return {
    schedule: (task: () => void) => void tasks.push(task),
    runOne: () => tasks.shift()?.(),
    runAll: () => {
      while (tasks.length > 0) tasks.shift()?.();
    },
    get pending() {
      return tasks.length;
    },
  };
}

function metaOf(directory: Directory): DirectoryMeta {
  const { users: _users, ...meta } = directory;
  return meta;
}

/** Hands `batches` over in order, running the scheduled work after each as `drain` says. */
function feed(
  ahead: PlanAhead,
  scheduler: ReturnType<typeof manualScheduler>,
  batches: readonly (readonly CurrentUser[])[],
  drain: readonly boolean[],
): void {
  batches.forEach((batch, i) => {
    ahead.sink.users(batch);
    if (drain[i] === true) scheduler.runAll();
    else scheduler.runOne();
  });
}

describe("planning ahead while the vendor is read", () => {
  it("property: the plan is the same with rows planned ahead, whatever the batches, order and timing", () => {
    // Users may share an address (in any case): the lowest id must win however late it arrives.
    const usersArb = fc.array(userArb, { maxLength: 8 }).chain((inputs) =>
      fc
        .shuffledSubarray(
          inputs.map((_, i) => i),
          { minLength: inputs.length, maxLength: inputs.length },
        )
        .map((ids) => inputs.map((input, i) => ({ ...currentUser(input), id: `u${ids[i]}` }))),
    );
    fc.assert(
      fc.property(
        desiredArb,
        usersArb,
        optional(fc.constantFrom("a@x.io", "c@x.io")),
        policyArb,
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.boolean(), { maxLength: 8 }),
        fc.integer({ min: 0, max: 8 }),
        fc.integer({ min: 0, max: 8 }),
        fc.integer({ min: 1, max: 3 }),
        optional(userArb),
        (desired, users, self, policy, sizes, drain, desiredAt, metaAt, sliceSize, unseen) => {
          // Sometimes the directory also holds a user the vendor never handed over.
          const directory: Directory = {
            users: unseen === undefined ? users : [...users, { ...currentUser(unseen), id: "u-unseen" }],
            groups: [
              { id: "g:Sales", name: "Sales" },
              { id: "g:Ops", name: "Ops" },
              { id: "g:Eng", name: "Eng" },
              { id: "g:_admin", name: "_admin", reserved: true },
            ],
            roles: ["Admin", "Creator", "Viewer"],
            attributes: ["region", "tier"],
            ...(self === undefined ? {} : { self }),
          };
          const batches: CurrentUser[][] = [];
          let at = 0;
          for (const size of sizes) {
            if (at >= users.length) break;
            batches.push(users.slice(at, at + size));
            at += size;
          }
          if (at < users.length) batches.push(users.slice(at));
          const scheduler = manualScheduler();
          const ahead = createPlanAhead({ policy, vendor, schedule: scheduler.schedule, sliceSize });
          // The CSV and the metadata may come before, between or after the pages.
          batches.forEach((batch, i) => {
            if (i === desiredAt) ahead.desired(desired);
            if (i === metaAt) ahead.sink.meta(metaOf(directory));
            feed(ahead, scheduler, [batch], [drain[i] ?? false]);
          });
          if (desiredAt >= batches.length) ahead.desired(desired);
          if (metaAt >= batches.length) ahead.sink.meta(metaOf(directory));
          if (drain.at(-1) === true) scheduler.runAll();
          const planned = ahead.finish();
          scheduler.runAll(); // work scheduled before finish must do nothing after it
          const input = { desired, directory, policy, vendor };
          expect(planChanges(input, planned)).toEqual(planChanges(input));
        },
      ),
      { numRuns: runs, seed },
    );
  });

  const desired = desiredState([
    { email: "ann@x.io", groups: ["Sales"] },
    { email: "bo@x.io", lastName: "New" },
    { email: "cy@x.io", groups: ["Ops"] },
  ]);
  const ann = currentUser({ email: "ann@x.io", groups: ["Ops"] });
  const bo = currentUser({ email: "bo@x.io", lastName: "Old" });
  const groups = [
    { id: "g:Sales", name: "Sales" },
    { id: "g:Ops", name: "Ops" },
  ];

  /** Every batch but the last is worked through before the next arrives; the last, as the read ends. */
  function planAhead(policy: Policy, batches: CurrentUser[][], meta: DirectoryMeta): PlannedAhead | undefined {
    const scheduler = manualScheduler();
    const ahead = createPlanAhead({ policy, vendor, schedule: scheduler.schedule });
    ahead.desired(desired);
    ahead.sink.meta(meta);
    feed(
      ahead,
      scheduler,
      batches.slice(0, -1),
      batches.map(() => true),
    );
    ahead.sink.users(batches.at(-1) ?? []);
    return ahead.finish();
  }
  const plannedRows = (planned: PlannedAhead | undefined) => [0, 1, 2].map((i) => planned?.rows[i] !== undefined);

  it("plans the rows of each batch as it arrives, and only the last batch's rows are left", () => {
    const meta = { groups };
    const planned = planAhead(defaultPolicy, [[ann], [bo]], meta);
    // The first batch was worked through; the second arrived as the read ended and is only indexed.
    expect(plannedRows(planned)).toEqual([true, false, false]);
    const directory = { users: [ann, bo], ...meta };
    const input = { desired, directory, policy: defaultPolicy, vendor };
    const plan = planChanges(input, planned);
    expect(plan).toEqual(planChanges(input));
    expect(plan.changes.map((change) => change.kind)).toEqual([
      "create-user",
      "update-user",
      "add-to-groups",
      "remove-from-groups",
    ]);
  });

  it("plans a row again when a duplicate address with a lower id arrives later", () => {
    const meta = { groups };
    const later = { ...currentUser({ email: "ANN@x.io", groups: ["Sales"] }), id: "a-first" };
    const planned = planAhead(defaultPolicy, [[ann], [later], []], meta);
    const directory = { users: [ann, later], ...meta };
    const input = { desired, directory, policy: defaultPolicy, vendor };
    const plan = planChanges(input, planned);
    expect(plan).toEqual(planChanges(input));
    // The lowest id is already in Sales: nothing to add for ann.
    expect(plan.changes.some((change) => change.kind === "add-to-groups" && change.email === "ann@x.io")).toBe(false);
  });

  it("reuses nothing when the directory's metadata is not the metadata the rows were planned with", () => {
    const planned = planAhead(defaultPolicy, [[ann, bo], []], { groups });
    expect(plannedRows(planned)).toEqual([true, true, false]);
    // Same names, a different array: Sales is now reserved, which changes ann's row.
    const directory = { users: [ann, bo], groups: [{ ...groups[0], reserved: true }, groups[1]] as typeof groups };
    const input = { desired, directory, policy: defaultPolicy, vendor };
    const plan = planChanges(input, planned);
    expect(plan).toEqual(planChanges(input));
    expect(plan.diagnostics.map((d) => d.code)).toContain("PLAN_RESERVED_GROUP");
  });

  it("keeps the first metadata handed over, so a later, different one cannot vouch for rows planned earlier", () => {
    const scheduler = manualScheduler();
    const ahead = createPlanAhead({ policy: defaultPolicy, vendor, schedule: scheduler.schedule });
    ahead.desired(desired);
    ahead.sink.meta({ groups });
    ahead.sink.users([ann, bo]);
    scheduler.runAll();
    const reserved = [{ ...groups[0], reserved: true }, groups[1]] as typeof groups;
    ahead.sink.meta({ groups: reserved });
    const planned = ahead.finish();
    const input = { desired, directory: { users: [ann, bo], groups: reserved }, policy: defaultPolicy, vendor };
    expect(planChanges(input, planned)).toEqual(planChanges(input));
  });

  it("checks each reused row against the directory when it holds users that were never handed over", () => {
    const planned = planAhead(defaultPolicy, [[ann, bo], []], { groups });
    const earlierAnn = { ...currentUser({ email: "ann@x.io", groups: ["Sales"] }), id: "a-0" };
    const directory = { users: [ann, bo, earlierAnn], groups };
    const input = { desired, directory, policy: defaultPolicy, vendor };
    expect(planChanges(input, planned)).toEqual(planChanges(input));
  });

  it("stops planning ahead, without throwing from the scheduled work, when planning a row throws", () => {
    const scheduler = manualScheduler();
    const broken = {
      id: "memory",
      capabilities: {
        ...capabilities,
        updatableFields: () => {
          throw new Error("bug");
        },
      },
    };
    const ahead = createPlanAhead({ policy: defaultPolicy, vendor: broken, schedule: scheduler.schedule });
    ahead.desired(desired);
    ahead.sink.meta({ groups });
    ahead.sink.users([bo]); // bo's last name differs: his row asks what may be updated
    expect(() => scheduler.runAll()).not.toThrow();
    expect(ahead.finish()).toBeUndefined();
  });

  it("plans nothing ahead before it has the desired state and the metadata", () => {
    const scheduler = manualScheduler();
    const ahead = createPlanAhead({ policy: defaultPolicy, vendor, schedule: scheduler.schedule });
    ahead.sink.users([ann, bo]);
    ahead.desired(desired as DesiredState);
    scheduler.runAll();
    expect(ahead.finish()).toBeUndefined();
  });
});
