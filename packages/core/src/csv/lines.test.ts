import { describe, expect, it } from "vitest";
import { readUsersCsv } from "./index.js";

const read = (input: string | Uint8Array | AsyncIterable<string | Uint8Array>) =>
  readUsersCsv({ file: "users.csv", input });

async function* pieces(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

// Physical lines:          1                 2        3   4                   5         6
const TRICKY = 'email,name,groups\n# comment\n\n"a@x.com","Ann\nLee",x\n,,\nb@x.com,"B\r\n\r\nC",y\n\n\nc@x.com,Cy,z\n';
//                                                                     7  8    9 10      11

describe("line numbers", () => {
  it("are the physical line where each row starts, past quoted newlines, comments and blank lines", async () => {
    const state = await read(TRICKY);
    expect(state.diagnostics).toEqual([]);
    expect(state.users.map((u) => [u.email, u.line])).toEqual([
      ["a@x.com", 4],
      ["b@x.com", 7],
      ["c@x.com", 12],
    ]);
  });

  it("do not depend on how the input is chunked", async () => {
    const bytes = new TextEncoder().encode(`\ufeff${TRICKY.replace(/\r?\n/g, "\r\n")}`);
    const whole = await read(bytes);
    for (const size of [1, 2, 3, 7]) {
      const chunked = await read(pieces(bytes, size));
      expect(chunked.users.map((u) => u.line)).toEqual(whole.users.map((u) => u.line));
    }
    expect(whole.users.map((u) => u.line)).toEqual([4, 7, 12]);
  });

  it("stay right for rows after a row csv-parse dropped", async () => {
    const state = await read(
      'email,name\na@x.com,A "x"\nb@x.com,B "y"\nc@x.com,"C\nc"\nd@x.com,"bad"q\n\n# note\ne@x.com,E\n',
    );
    expect(state.diagnostics.map((d) => [d.code, d.line])).toEqual([
      ["CSV_MALFORMED", 2],
      ["CSV_MALFORMED", 3],
      ["CSV_MALFORMED", 6],
    ]);
    expect(state.users.map((u) => [u.email, u.line])).toEqual([["c@x.com", 4]]);
  });

  it("stay right deep into a large streamed file", async () => {
    const parts = ["email,name"];
    let line = 1;
    const expected: [string, number][] = [];
    for (let i = 0; i < 30_000; i++) {
      if (i % 1000 === 0) {
        parts.push("# section");
        line++;
      }
      line++;
      expected.push([`u${i}@x.com`, line]);
      parts.push(i % 777 === 0 ? `u${i}@x.com,"two\nlines"` : `u${i}@x.com,N${i}`);
      if (i % 777 === 0) line++;
    }
    parts.push("U29999@X.com,again");
    const state = await read(pieces(new TextEncoder().encode(parts.join("\r\n")), 4096));
    expect(state.users.map((u) => [u.email, u.line])).toEqual(expected);
    expect(state.diagnostics.map((d) => [d.code, d.line])).toEqual([["ROW_DUPLICATE_EMAIL", line + 1]]);
  });

  it("count CR-only (old Mac Excel) and mixed line endings", async () => {
    const state = await read("email\ra@x.com\r\nb@x.com\nc@x.com\r\rd@x.com");
    expect(state.diagnostics).toEqual([]);
    expect(state.users.map((u) => [u.email, u.line])).toEqual([
      ["a@x.com", 2],
      ["b@x.com", 3],
      ["c@x.com", 4],
      ["d@x.com", 6],
    ]);
  });
});

describe("encoding and whitespace", () => {
  it("accepts a UTF-8 BOM with CRLF (Excel's CSV UTF-8)", async () => {
    const state = await read("\ufeffEmail,First Name\r\na@x.com,Ann\r\n");
    expect(state.diagnostics).toEqual([]);
    expect(state.columns).toEqual({ email: 1, first_name: 2 });
    expect(state.users).toEqual([
      { line: 2, email: "a@x.com", emailAsWritten: "a@x.com", firstName: "Ann", attributes: {} },
    ]);
  });

  it("trims NBSP and spaces, inside quotes too", async () => {
    const state = await read('email,first_name,groups\n\u00a0a@x.com\u00a0, " Ann\u00a0" ,"\u00a0Sales ; Ops "\n');
    expect(state.diagnostics).toEqual([]);
    expect(state.users[0]).toMatchObject({
      email: "a@x.com",
      emailAsWritten: "a@x.com",
      firstName: "Ann",
      groups: ["Sales", "Ops"],
    });
  });

  it("NFC-normalises names, groups and emails so decomposed and composed forms match", async () => {
    const state = await read(
      "email,first_name,groups\nJose\u0301@x.com,Jose\u0301,E\u0301quipe\njos\u00e9@x.com,x,y\n",
    );
    expect(state.users[0]).toMatchObject({ email: "jos\u00e9@x.com", firstName: "Jos\u00e9", groups: ["\u00c9quipe"] });
    expect(state.diagnostics.map((d) => [d.code, d.line])).toEqual([["ROW_DUPLICATE_EMAIL", 3]]);
  });

  it("keeps `#` inside values; only a `#` starting a line is a comment", async () => {
    const state = await read("email,groups\n# a@x.com,x\na@x.com,team#1\n  # indented comment\n");
    expect(state.diagnostics).toEqual([]);
    expect(state.users.map((u) => [u.line, u.groups])).toEqual([[3, ["team#1"]]]);
  });

  it("joins a string input split inside a surrogate pair", async () => {
    async function* parts() {
      yield "email,first_name\na@x.com,\ud83d";
      yield "\ude00\n";
    }
    const state = await read(parts());
    expect(state.users[0]?.firstName).toBe("\ud83d\ude00");
  });
});
