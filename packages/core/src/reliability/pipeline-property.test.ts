import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readUsersCsv } from "../csv/read-users-csv.js";
import type { Directory } from "../model/directory.js";
import { normaliseEmail } from "../model/directory.js";
import { defaultPolicy, type Policy } from "../model/policy.js";
import { applyPlanToDirectory } from "../plan/apply-to-directory.js";
import { planChanges } from "../plan/plan-changes.js";
import { hasInputErrors } from "../plan/safety.js";
import { capabilitiesOf, directoryOf } from "../plan/test-builders.js";
import { fuzzParams } from "./fuzz-params.js";

// Fuzz suite: users.csv BYTES all the way to a plan. The CSV engine and the planner have
// their own properties; these check the pipeline a user actually runs.

const rank = (role: string) => ({ admin: 3, creator: 2, viewer: 1 })[role.toLowerCase()];
const vendor = {
  id: "fuzz",
  capabilities: capabilitiesOf({ roleRank: rank, isReservedGroup: (name) => name.startsWith("_admin") }),
};
const SELF = "self@x.io";
const PROTECTED = "keep@x.io";
const EMAILS = ["a@x.io", "B@x.io", "c@x.io", "d@x.io", SELF, PROTECTED, "Self@X.io", " keep@x.io "];

const directoryArb: fc.Arbitrary<Directory> = fc
  .uniqueArray(
    fc.record({
      email: fc.constantFrom("a@x.io", "b@x.io", "c@x.io", "e@x.io", SELF, PROTECTED),
      firstName: fc.constantFrom("Ann", "Bo"),
      role: fc.constantFrom("Admin", "Creator", "Viewer"),
      status: fc.constantFrom("active" as const, "deactivated" as const),
      groups: fc.uniqueArray(fc.constantFrom("Sales", "Ops", "_admin_x"), { maxLength: 2 }),
      attributes: fc.constantFrom({}, { region: "EU" }),
    }),
    { selector: (user) => user.email, maxLength: 6 },
  )
  .map((users) =>
    directoryOf(users, { roles: ["Admin", "Creator", "Viewer"], attributes: ["region"], groups: ["Eng"], self: SELF }),
  );

const policyArb: fc.Arbitrary<Policy> = fc.record({
  absentUsers: fc.constantFrom("ignore" as const, "remove-groups" as const, "deactivate" as const, "delete" as const),
  groupScope: fc.constantFrom("listed" as const, "exact" as const),
  createMissingGroups: fc.boolean(),
  protectedUsers: fc.constant([PROTECTED.toUpperCase()]),
  removalThreshold: fc.constant(defaultPolicy.removalThreshold),
});

/** Header spellings, aliases included, in any order. */
const columnArb = fc.constantFrom(
  "email",
  "Email Address",
  "first_name",
  "First Name",
  "last name",
  "role",
  "Account Type",
  "groups",
  "Teams",
  "status",
  "attr:region",
  "new_email",
  "name",
);
const cellArb = fc.oneof(
  fc.constantFrom(...EMAILS, "", "-", "Admin", "viewer", "Sales;Ops", "Eng;_admin_x", "New Team", "deactivated"),
  fc.constantFrom("active", "EU", "Ann Lee", "x@", "=cmd()", '"q"', "a,b", "é\u0301", "\u202e", "# c"),
  fc.string({ maxLength: 6 }),
);
function quote(cell: string, always: boolean): string {
  return always || /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/** A users.csv as bytes: any header, ragged or not, quoted or not, BOM, CRLF, comments, bad UTF-8. */
const csvBytesArb = fc
  .record({
    header: fc.uniqueArray(columnArb, { minLength: 1, maxLength: 6 }),
    rows: fc.array(fc.array(cellArb, { minLength: 0, maxLength: 7 }), { maxLength: 10 }),
    quoteAll: fc.boolean(),
    eol: fc.constantFrom("\n", "\r\n"),
    bom: fc.boolean(),
    comment: fc.boolean(),
    garbage: fc.option(fc.uint8Array({ minLength: 1, maxLength: 3 }), { nil: undefined }),
  })
  .map((input) => {
    const lines = [input.header, ...input.rows].map((cells) => cells.map((c) => quote(c, input.quoteAll)).join(","));
    if (input.comment) lines.splice(1, 0, "# reviewed by ops, 2026");
    const text = `${input.bom ? "\ufeff" : ""}${lines.join(input.eol)}${input.eol}`;
    const bytes = new TextEncoder().encode(text);
    if (input.garbage === undefined) return bytes;
    const at = Math.floor(bytes.length / 2);
    return new Uint8Array([...bytes.subarray(0, at), ...input.garbage, ...bytes.subarray(at)]);
  });

/** A file the engine should accept: an email column first, known values, any quoting and layout. */
const validCsvArb = fc
  .record({
    header: fc.uniqueArray(
      fc.constantFrom("First Name", "last_name", "Account Type", "Teams", "status", "attr:region"),
      { maxLength: 5 },
    ),
    rows: fc.uniqueArray(fc.tuple(fc.constantFrom(...EMAILS), fc.array(cellArb, { minLength: 6, maxLength: 6 })), {
      selector: ([email]) => normaliseEmail(email),
      maxLength: 8,
    }),
    quoteAll: fc.boolean(),
    eol: fc.constantFrom("\n", "\r\n"),
    bom: fc.boolean(),
  })
  .map((input) => {
    const valid: Record<string, readonly string[]> = {
      "First Name": ["", "Ann", "Zoé", "O'Brien, Jr."],
      last_name: ["", "Lee", "-"],
      "Account Type": ["", "admin", "Viewer", "CREATOR"],
      Teams: ["", "-", "Sales", "ops;Eng", "New Team;Sales", "_admin_x"],
      status: ["", "active", "deactivated"],
      "attr:region": ["", "-", "EU", "US"],
    };
    const lines = [["Email Address", ...input.header].map((c) => quote(c, input.quoteAll)).join(",")];
    for (const [email, cells] of input.rows) {
      const values = input.header.map((column, i) => {
        const options = valid[column] ?? [""];
        return options[(cells[i] ?? "").length % options.length] ?? "";
      });
      lines.push([email, ...values].map((c) => quote(c, input.quoteAll)).join(","));
    }
    return new TextEncoder().encode(`${input.bom ? "\ufeff" : ""}${lines.join(input.eol)}${input.eol}`);
  });

async function planFromBytes(bytes: Uint8Array, directory: Directory, policy: Policy) {
  const desired = await readUsersCsv(
    { file: "users.csv", input: bytes },
    { groupSeparators: vendor.capabilities.groupSeparators },
  );
  return { desired, plan: planChanges({ desired, directory, policy, vendor }) };
}

describe("users.csv bytes -> plan (fuzz suite)", () => {
  // Regression: a header row csv-parse could not read was also called "no rows" on line 0.
  it("reports an unreadable header on its line, without calling the file empty", async () => {
    const desired = await readUsersCsv({ file: "users.csv", input: 'email,"gro"ups"\n' });
    expect(desired.diagnostics.map((d) => [d.code, d.line])).toEqual([["CSV_MALFORMED", 1]]);
  });

  it("accepts most generated valid files (the convergence property is not vacuous)", async () => {
    const samples = fc.sample(validCsvArb, { numRuns: 50, seed: 1 });
    let accepted = 0;
    for (const bytes of samples) {
      const desired = await readUsersCsv({ file: "users.csv", input: bytes });
      if (!desired.diagnostics.some((d) => d.severity === "error")) accepted++;
    }
    expect(accepted).toBeGreaterThan(35);
  });

  it("property: no input throws, and every rejection names a line of the file", async () => {
    await fc.assert(
      fc.asyncProperty(csvBytesArb, directoryArb, policyArb, async (bytes, directory, policy) => {
        const { desired, plan } = await planFromBytes(bytes, directory, policy);
        const lines = new TextDecoder().decode(bytes).split(/\r\n|\n|\r/).length;
        for (const diagnostic of [...desired.diagnostics, ...plan.diagnostics]) {
          if (diagnostic.severity !== "error" || diagnostic.code === "PLAN_UNSAFE") continue;
          expect(diagnostic.file).toBe("users.csv");
          // Line 0 is for the file as a whole (only a file with no row at all), or, with a column,
          // for a header cell: the planner does not know the header's line (DesiredState has none).
          const empty = diagnostic.code === "CSV_EMPTY";
          const headerCell = diagnostic.line === 0 && diagnostic.column !== undefined;
          expect(diagnostic.line, diagnostic.message).toBeGreaterThanOrEqual(empty || headerCell ? 0 : 1);
          if (empty) expect(desired.diagnostics.filter((d) => d.line > 0)).toEqual([]);
          expect(diagnostic.line, diagnostic.message).toBeLessThanOrEqual(lines);
        }
        // An invalid file produces no plan to apply.
        if (desired.diagnostics.some((d) => d.severity === "error")) expect(hasInputErrors(plan)).toBe(true);
      }),
      fuzzParams(300),
    );
  });

  it("property: plan(apply(plan)) is empty for any file the engine accepts", async () => {
    await fc.assert(
      fc.asyncProperty(validCsvArb, directoryArb, policyArb, async (bytes, directory, policy) => {
        const { desired, plan } = await planFromBytes(bytes, directory, policy);
        fc.pre(!hasInputErrors(plan));
        const after = applyPlanToDirectory(plan, directory);
        expect(planChanges({ desired, directory: after, policy, vendor }).changes).toEqual([]);
      }),
      fuzzParams(300),
    );
  });

  it("property: the credentials' own user and protected users are never touched, whatever the file says", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(validCsvArb, csvBytesArb),
        directoryArb,
        policyArb,
        async (bytes, directory, policy) => {
          const { plan } = await planFromBytes(bytes, directory, policy);
          const guarded = new Set([SELF, PROTECTED].map(normaliseEmail));
          const guardedIds = new Set(
            directory.users.filter((user) => guarded.has(normaliseEmail(user.email))).map((user) => user.id),
          );
          for (const change of plan.changes) {
            if (change.kind === "create-group") {
              expect(vendor.capabilities.isReservedGroup(change.group)).toBe(false);
              continue;
            }
            expect(guarded.has(change.email)).toBe(false);
            if ("userId" in change) expect(guardedIds.has(change.userId)).toBe(false);
            if (change.kind === "rename-email") expect(guarded.has(normaliseEmail(change.to))).toBe(false);
            if (change.kind === "add-to-groups" || change.kind === "remove-from-groups") {
              expect(change.groups.filter((group) => vendor.capabilities.isReservedGroup(group))).toEqual([]);
            }
          }
        },
      ),
      fuzzParams(300),
    );
  });
});
