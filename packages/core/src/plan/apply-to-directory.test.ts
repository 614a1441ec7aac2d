import { describe, expect, it } from "vitest";
import { applyChangeToDraft, applyPlanToDirectory, draftDirectory, finishDraft } from "./apply-to-directory.js";
import { directoryOf } from "./test-builders.js";

describe("applyPlanToDirectory", () => {
  const directory = directoryOf([
    { email: "a@x.io", groups: ["Sales"], attributes: { region: "EU" } },
    { email: "b@x.io" },
  ]);

  it("applies every kind of change without touching the input", () => {
    const after = applyPlanToDirectory(
      {
        changes: [
          { kind: "create-group", group: "Ops", line: 2 },
          {
            kind: "create-user",
            email: "c@x.io",
            line: 2,
            user: {
              email: "c@x.io",
              emailAsWritten: "C@x.io",
              groups: ["Ops"],
              attributes: {},
              status: "active",
              role: "Viewer",
            },
          },
          {
            kind: "rename-email",
            email: "a@x.io",
            line: 3,
            userId: "id:a@x.io",
            to: "a2@x.io",
            toAsWritten: "A2@x.io",
          },
          {
            kind: "update-user",
            email: "a@x.io",
            line: 3,
            userId: "id:a@x.io",
            fields: [{ field: "firstName", from: null, to: "Ann" }],
            downgrade: false,
          },
          { kind: "add-to-groups", email: "a@x.io", line: 3, userId: "id:a@x.io", groups: ["Ops"] },
          { kind: "remove-from-groups", email: "a@x.io", line: 3, userId: "id:a@x.io", groups: ["Sales"] },
          { kind: "unset-attribute", email: "a@x.io", line: 3, userId: "id:a@x.io", attribute: "region", from: "EU" },
          { kind: "delete-user", email: "b@x.io", line: null, userId: "id:b@x.io" },
        ],
      },
      directory,
    );
    expect(after.users).toEqual([
      { id: "id:a@x.io", email: "A2@x.io", status: "active", firstName: "Ann", groups: ["Ops"] },
      { id: "new:c@x.io", email: "C@x.io", status: "active", role: "Viewer", groups: ["Ops"] },
    ]);
    expect(after.groups.map((g) => g.name)).toEqual(["Sales", "Ops"]);
    expect(directory.users).toHaveLength(2);
  });

  it("reports what a vendor would reject instead of corrupting the draft", () => {
    const draft = draftDirectory(directory);
    expect(
      applyChangeToDraft(draft, {
        kind: "add-to-groups",
        email: "a@x.io",
        line: 2,
        userId: "id:a@x.io",
        groups: ["Nope"],
      }),
    ).toBe('Group "Nope" does not exist.');
    expect(
      applyChangeToDraft(draft, {
        kind: "rename-email",
        email: "a@x.io",
        line: 2,
        userId: "id:a@x.io",
        to: "b@x.io",
        toAsWritten: "b@x.io",
      }),
    ).toBe("Another user already has the address b@x.io.");
    expect(
      applyChangeToDraft(draft, { kind: "deactivate-user", email: "z@x.io", line: null, userId: "id:z@x.io" }),
    ).toContain("does not exist");
    expect(finishDraft(draft)).toEqual(directory);
    expect(() =>
      applyPlanToDirectory({ changes: [{ kind: "create-group", group: "sales", line: 2 }] }, directory),
    ).toThrow(/already exists/);
  });
});
