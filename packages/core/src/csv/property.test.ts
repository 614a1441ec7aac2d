import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DesiredUser } from "../model/desired.js";
import { readUsersCsv } from "./index.js";

// `pnpm fuzz` raises the number of runs; the seed is fixed so CI is reproducible, FUZZ_SEED picks another.
const runs = Number(process.env.FUZZ_RUNS ?? 200);
const params: fc.Parameters<unknown> = { numRuns: runs, seed: Number(process.env.FUZZ_SEED ?? 20_261_122) };

/** Characters that stress quoting and trimming: separators, quotes, line breaks, `#`, non-ASCII. */
const cellChar = fc.constantFrom(
  "a",
  "Z",
  "0",
  " ",
  ",",
  '"',
  "\n",
  "\r",
  "\r\n",
  "#",
  "é",
  "\u00a0",
  "ß",
  "-",
  ".",
  "@",
);
const text = fc.array(cellChar, { maxLength: 8 }).map((chars) => chars.join("").trim().normalize("NFC"));
const groupName = fc
  .array(fc.constantFrom("a", "B", "c", " ", ",", '"', "é", "#", "1"), { minLength: 1, maxLength: 5 })
  .map((chars) => chars.join("").trim())
  .filter((name) => name !== "" && name !== "-");
const groups = fc
  .uniqueArray(groupName, { maxLength: 3, selector: (g) => g.toLowerCase() })
  .chain((names) => fc.constantFrom<readonly string[] | undefined>(names, undefined, []));
const row = fc.record({
  local: fc.stringMatching(/^[A-Za-z0-9]{1,6}$/),
  first: text,
  last: text,
  role: fc.constantFrom("", "Viewer", "creator"),
  groups,
  region: fc.constantFrom("", "-", "EU", "Nord, Süd"),
  quoteAll: fc.boolean(),
  eol: fc.constantFrom("\n", "\r\n", "\r"),
  before: fc.constantFrom("", "", "\n", "# note, with comma\n", "   \n", ",,,,,\n"),
});
const table = fc.record({
  rows: fc.array(row, { maxLength: 12 }),
  bom: fc.boolean(),
  trailingEol: fc.boolean(),
  /** Fed as one string, or as bytes in pieces of this size (splitting BOM, CRLF and characters). */
  chunk: fc.option(fc.integer({ min: 1, max: 9 }), { nil: undefined }),
});

async function* pieces(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

function quote(value: string, always: boolean): string {
  return always || /[",\r\n]/.test(value) || value.startsWith("#") ? `"${value.replace(/"/g, '""')}"` : value;
}

function countBreaks(written: string): number {
  return written.match(/\r\n|\r|\n/g)?.length ?? 0;
}

describe("users.csv properties", () => {
  it("property: any table of valid rows, with any quoting, BOM and line endings, reads back to the same rows", async () => {
    await fc.assert(
      fc.asyncProperty(table, async ({ rows, bom, trailingEol, chunk }) => {
        let written = `${bom ? "\ufeff" : ""}Email,First Name,last_name,Member Type,Teams,attr:Region\n`;
        const expected: DesiredUser[] = [];
        rows.forEach((r, i) => {
          written += r.before;
          const emailAsWritten = `${r.local}.${i}@Example.com`;
          const cells = [
            emailAsWritten,
            r.first,
            r.last,
            r.role,
            r.groups === undefined ? "" : r.groups.length === 0 ? "-" : r.groups.join(";"),
            r.region,
          ];
          const line = 1 + countBreaks(written);
          written += cells.map((c) => quote(c, r.quoteAll)).join(",");
          if (i < rows.length - 1 || trailingEol) written += r.eol;
          const user: { -readonly [K in keyof DesiredUser]: DesiredUser[K] } = {
            line,
            email: emailAsWritten.toLowerCase(),
            emailAsWritten,
            attributes: r.region === "" ? {} : { Region: r.region === "-" ? null : r.region },
          };
          if (r.first !== "") user.firstName = r.first;
          if (r.last !== "") user.lastName = r.last;
          if (r.role !== "") user.role = r.role;
          if (r.groups !== undefined) user.groups = r.groups;
          expected.push(user);
        });
        const input = chunk === undefined ? written : pieces(new TextEncoder().encode(written), chunk);
        const state = await readUsersCsv({ file: "users.csv", input });
        expect(state.diagnostics).toEqual([]);
        expect(state.users).toEqual(expected);
      }),
      params,
    );
  });

  it("property: arbitrary bytes never throw; every problem is a diagnostic with a code and a line", async () => {
    const header = new TextEncoder().encode("email,first_name,groups,status,attr:x\n");
    const csvish = fc
      .array(fc.constantFrom(...'a@.,;"#\n\r \t-é'.split(""), "\u00a0", "x@y.com", "\ufeff"), { maxLength: 60 })
      .map((parts) => new TextEncoder().encode(parts.join("")));
    const input = fc.oneof(
      fc.uint8Array({ maxLength: 200 }),
      fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.concat([header, b])),
      csvish.map((b) => Buffer.concat([header, b])),
      csvish,
    );
    await fc.assert(
      fc.asyncProperty(input, fc.integer({ min: 1, max: 17 }), async (bytes, chunk) => {
        const state = await readUsersCsv({ file: "users.csv", input: pieces(bytes, chunk) });
        const lineCount =
          2 +
          (Buffer.from(bytes)
            .toString("latin1")
            .match(/\r\n|\r|\n/g)?.length ?? 0);
        for (const d of state.diagnostics) {
          expect(typeof d.code).toBe("string");
          expect(Number.isInteger(d.line) && d.line >= 0 && d.line <= lineCount).toBe(true);
        }
        for (const u of state.users) expect(u.line >= 1 && u.line <= lineCount).toBe(true);
      }),
      params,
    );
  });
});
