import { describe, expect, it } from "vitest";
import type { Change } from "../../plan/types.js";
import { mapOutcomes } from "./outcomes.js";
import { packActions } from "./pack-actions.js";
import { existing } from "./test-helpers.js";

const base = { email: "a@x.com", userId: "a@x.com", line: 2 };
const changes: Change[] = [
  { ...base, kind: "remove-from-groups", groups: ["A"] },
  { ...base, kind: "add-to-groups", groups: ["B"] },
  { ...base, email: "b@x.com", userId: "b@x.com", kind: "add-to-groups", groups: ["C"] },
];
const users = new Map([
  ["a@x.com", existing("a@x.com", { type: "federatedID" })],
  ["b@x.com", existing("b@x.com", { type: "federatedID" })],
]);
const pack = packActions(changes, users, { defaultIdentityType: "federatedID" });

describe("mapOutcomes", () => {
  it("fails the change whose step erred and reports later steps of that entry as not run", () => {
    const outcomes = mapOutcomes(
      pack,
      [
        {
          kind: "response",
          body: {
            completed: 1,
            notCompleted: 1,
            completedInTestMode: 0,
            result: "partial",
            errors: [{ index: 0, step: 0, message: "Group not found: A", errorCode: "error.group.not_found" }],
          },
        },
      ],
      changes.length,
    );
    expect(outcomes).toEqual([
      { status: "failed", message: "Group not found: A", code: "error.group.not_found" },
      { status: "skipped", reason: "not run: an earlier step for a@x.com failed" },
      { status: "applied" },
    ]);
  });

  it("fails every change of a request that failed as a whole, and skips requests not sent", () => {
    const failed = mapOutcomes(pack, [{ kind: "failed", message: "boom", code: "500" }], changes.length);
    expect(failed.every((o) => o.status === "failed")).toBe(true);
    const levelError = mapOutcomes(
      pack,
      [
        {
          kind: "response",
          body: {
            completed: 0,
            notCompleted: 2,
            completedInTestMode: 0,
            result: "error.organization.migrating",
            message: "migrating",
          },
        },
      ],
      changes.length,
    );
    expect(levelError[0]).toEqual({ status: "failed", message: "migrating", code: "error.organization.migrating" });
    const notSent = mapOutcomes(pack, [{ kind: "not-sent", reason: "stop on error" }], changes.length);
    expect(notSent[2]).toEqual({ status: "skipped", reason: "stop on error" });
  });
});
