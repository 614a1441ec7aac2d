import { describe, expect, it } from "vitest";
import { buildOperations } from "./apply.js";
import { planOf } from "./test-helpers.js";

describe("buildOperations", () => {
  it("merges a user's field update and group changes into one update, keeping every change index", () => {
    const operations = buildOperations(
      planOf([
        { kind: "create-group", group: "New", line: 2 },
        {
          kind: "update-user",
          email: "a@x.io",
          userId: "1",
          line: 3,
          downgrade: false,
          fields: [{ field: "firstName", from: "A", to: "B" }],
        },
        { kind: "update-user", email: "b@x.io", userId: "2", line: 4, downgrade: false, fields: [] },
        { kind: "add-to-groups", email: "a@x.io", userId: "1", line: 3, groups: ["New"] },
        { kind: "remove-from-groups", email: "a@x.io", userId: "1", line: 3, groups: ["Old"] },
        { kind: "delete-user", email: "c@x.io", userId: "3", line: null },
      ]),
    );
    expect(operations.map((operation) => [operation.kind, operation.indexes])).toEqual([
      ["create-group", [0]],
      ["update-user", [1, 3, 4]],
      ["update-user", [2]],
      ["delete-user", [5]],
    ]);
    expect(operations[1]).toMatchObject({ add: ["New"], remove: ["Old"], fields: [{ field: "firstName", to: "B" }] });
  });

  it("turns changes Periscope cannot make into unsupported operations", () => {
    const operations = buildOperations(
      planOf([{ kind: "rename-email", email: "a@x.io", userId: "1", line: 2, to: "b@x.io", toAsWritten: "b@x.io" }]),
    );
    expect(operations).toEqual([
      { kind: "unsupported", indexes: [0], reason: "Periscope cannot change a user's email address" },
    ]);
  });
});
