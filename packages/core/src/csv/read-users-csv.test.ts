import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../diagnostics.js";
import { readUsersCsv, readUsersCsvFile } from "./index.js";

const read = (input: string, options = {}) => readUsersCsv({ file: "users.csv", input }, options);
const where = (diagnostics: readonly Diagnostic[]) => diagnostics.map((d) => [d.code, d.line, d.column ?? null]);

describe("readUsersCsv diagnostics", () => {
  it("CSV_EMPTY for an empty file or one with only comments and blank lines", async () => {
    expect(where((await read("")).diagnostics)).toEqual([["CSV_EMPTY", 0, null]]);
    expect(where((await read("# users\n\n,,,\n")).diagnostics)).toEqual([["CSV_EMPTY", 0, null]]);
  });

  it("a header-only file is valid and has no users", async () => {
    const state = await read("email,groups\n");
    expect(state.diagnostics).toEqual([]);
    expect(state.users).toEqual([]);
  });

  it("CSV_MISSING_HEADER when the first row is data", async () => {
    expect(where((await read("a@x.com,Ann\nb@x.com,Bo\n")).diagnostics)).toEqual([["CSV_MISSING_HEADER", 1, null]]);
  });

  it("CSV_MISSING_EMAIL_COLUMN on the header line", async () => {
    const state = await read("# c\nfirst_name\nAnn\n");
    expect(where(state.diagnostics)).toEqual([["CSV_MISSING_EMAIL_COLUMN", 2, null]]);
    expect(state.users).toEqual([]);
  });

  it("CSV_UNKNOWN_COLUMN and CSV_DUPLICATE_COLUMN with their columns", async () => {
    const state = await read("email,frist_name,Email Address\na@x.com,Ann,b@x.com\n");
    expect(where(state.diagnostics)).toEqual([
      ["CSV_UNKNOWN_COLUMN", 1, 2],
      ["CSV_DUPLICATE_COLUMN", 1, 3],
    ]);
    expect(state.diagnostics[0]?.message).toContain("did you mean `first_name`?");
  });

  it("CSV_DELIMITER for a semicolon export, without a flood of row errors", async () => {
    const state = await read("email;first_name\na@x.com;Ann\n");
    expect(where(state.diagnostics)).toEqual([["CSV_DELIMITER", 1, 1]]);
  });

  it("CSV_RAGGED_ROW names both counts and the row adds no user", async () => {
    const state = await read("email,first_name,last_name\na@x.com,Ann\nb@x.com,Bo,Li,extra\nc@x.com,Cy,Wu\n");
    expect(where(state.diagnostics)).toEqual([
      ["CSV_RAGGED_ROW", 2, null],
      ["CSV_RAGGED_ROW", 3, null],
    ]);
    expect(state.diagnostics[0]?.message).toContain("row has 2 fields where the header has 3");
    expect(state.diagnostics[1]?.message).toContain("row has 4 fields where the header has 3");
    expect(state.users.map((u) => u.email)).toEqual(["c@x.com"]);
  });

  it("ROW_MISSING_EMAIL, ROW_INVALID_EMAIL (email and new_email) with the column", async () => {
    const state = await read("first_name,email,new_email\nAnn,,\nBo,bo@x,\nCy,cy@x.com,cy at x.com\n");
    expect(where(state.diagnostics)).toEqual([
      ["ROW_MISSING_EMAIL", 2, 2],
      ["ROW_INVALID_EMAIL", 3, 2],
      ["ROW_INVALID_EMAIL", 4, 3],
    ]);
    expect(state.users).toEqual([]);
  });

  it("ROW_DUPLICATE_EMAIL after normalisation, on the later line, naming both", async () => {
    const state = await read("email\nJane@X.com\nbob@x.com\n jane@x.COM\u00a0\n");
    expect(where(state.diagnostics)).toEqual([["ROW_DUPLICATE_EMAIL", 4, 1]]);
    expect(state.diagnostics[0]?.message).toContain("lines 2 and 4");
    expect(state.users.map((u) => u.line)).toEqual([2, 3]);
  });

  it("ROW_INVALID_STATUS for status and isArchived values", async () => {
    const a = await read("email,status\na@x.com,Active\nb@x.com,gone\nc@x.com,inactive\n");
    expect(where(a.diagnostics)).toEqual([["ROW_INVALID_STATUS", 3, 2]]);
    expect(a.users.map((u) => u.status)).toEqual(["active", "deactivated"]);
    const b = await read("email,isArchived\na@x.com,TRUE\nb@x.com,False\nc@x.com,active\n");
    expect(where(b.diagnostics)).toEqual([["ROW_INVALID_STATUS", 4, 2]]);
    expect(b.users.map((u) => u.status)).toEqual(["deactivated", "active"]);
  });

  it("ROW_CONFLICTING_COLUMNS when status and isArchived are both present", async () => {
    const state = await read("email,status,is_archived\na@x.com,active,false\n");
    expect(where(state.diagnostics)).toEqual([["ROW_CONFLICTING_COLUMNS", 1, 3]]);
  });

  it("ROW_INVALID_VALUE for `-` mixed with groups and for a value under a blank header", async () => {
    const state = await read("email,groups,\na@x.com,a;-,\nb@x.com,,oops\n");
    expect(where(state.diagnostics)).toEqual([
      ["ROW_INVALID_VALUE", 2, 2],
      ["ROW_INVALID_VALUE", 3, 3],
    ]);
  });

  it("CSV_MALFORMED for a stray quote, and keeps reading", async () => {
    const state = await read('email,name\na@x.com,Ann "A" Lee\nb@x.com,Bo\nc@x.com,Cy "C\n');
    expect(where(state.diagnostics)).toEqual([
      ["CSV_MALFORMED", 2, null],
      ["CSV_MALFORMED", 4, null],
    ]);
    expect(state.users.map((u) => u.email)).toEqual(["b@x.com"]);
  });

  it("CSV_MALFORMED on the line where a never-closed quoted row starts", async () => {
    const state = await read('email,name\na@x.com,Ann\nb@x.com,"Bo\nc@x.com,Cy\n');
    expect(where(state.diagnostics)).toEqual([["CSV_MALFORMED", 3, null]]);
    expect(state.diagnostics[0]?.message).toContain("never closed");
    expect(state.users.map((u) => u.email)).toEqual(["a@x.com"]);
  });

  it("CSV_MALFORMED for text after a closing quote, reported once", async () => {
    const state = await read('email,name\na@x.com,"Ann"x\n');
    expect(where(state.diagnostics)).toEqual([["CSV_MALFORMED", 2, null]]);
  });

  it("CSV_INVALID_UTF8 names the line and suggests CSV UTF-8", async () => {
    const bytes = Buffer.concat([
      Buffer.from("email,first_name\na@x.com,Ann\nb@x.com,Jos"),
      Buffer.from([0xe9]),
      Buffer.from("\n"),
    ]);
    const state = await readUsersCsv({ file: "users.csv", input: bytes });
    expect(where(state.diagnostics)).toEqual([["CSV_INVALID_UTF8", 3, null]]);
    expect(state.diagnostics[0]?.message).toContain('"CSV UTF-8');
  });

  it("CSV_INVALID_UTF8 recognises a UTF-16 file by its byte order mark", async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("email\r\na@x.com\r\n", "utf16le")]);
    const state = await readUsersCsv({ file: "users.csv", input: bytes });
    expect(state.diagnostics.filter((d) => d.code === "CSV_INVALID_UTF8").map((d) => [d.line, d.message])).toEqual([
      [0, 'the file is UTF-16, not UTF-8; re-save it as "CSV UTF-8 (Comma delimited)"'],
    ]);
  });

  it("reports every problem of a file in one pass, all as errors", async () => {
    const state = await read("email,frist\n,x\nbad,x\na@x.com,x,y\n");
    expect(state.diagnostics.map((d) => d.code)).toEqual([
      "CSV_UNKNOWN_COLUMN",
      "ROW_MISSING_EMAIL",
      "ROW_INVALID_EMAIL",
      "CSV_RAGGED_ROW",
    ]);
    expect(state.diagnostics.every((d) => d.severity === "error" && d.file === "users.csv")).toBe(true);
  });
});

describe("readUsersCsv values", () => {
  it("keeps blank cells unmanaged and reads `-` as explicit none", async () => {
    const state = await read("email,first_name,groups,attr:Region,attr:Team\na@x.com,,-,-,\nb@x.com,Bo,,EU,x\n");
    expect(state.diagnostics).toEqual([]);
    expect(state.users[0]).toEqual({
      line: 2,
      email: "a@x.com",
      emailAsWritten: "a@x.com",
      groups: [],
      attributes: { Region: null },
    });
    expect(state.users[1]).toEqual({
      line: 3,
      email: "b@x.com",
      emailAsWritten: "b@x.com",
      firstName: "Bo",
      attributes: { Region: "EU", Team: "x" },
    });
    expect(state.attributeColumns).toEqual({ Region: 4, Team: 5 });
  });

  it("keeps the email's case in emailAsWritten and lower-cases the key", async () => {
    const [user] = (await read("email,new email\nJane.Doe@Example.com,JD@Example.com\n")).users;
    expect(user).toMatchObject({ email: "jane.doe@example.com", emailAsWritten: "Jane.Doe@Example.com" });
    expect(user).toMatchObject({ newEmail: "jd@example.com", newEmailAsWritten: "JD@Example.com" });
  });

  it("splits name into first and last only where those columns are absent", async () => {
    const a = await read("email,full name\na@x.com,Mary Ann  van Dyke\nb@x.com,Cher\n");
    expect(a.users.map((u) => [u.firstName, u.lastName])).toEqual([
      ["Mary Ann van", "Dyke"],
      ["Cher", undefined],
    ]);
    const b = await read("email,name,first_name\na@x.com,Ann Lee,Annie\n");
    expect(b.users.map((u) => [u.firstName, u.lastName])).toEqual([["Annie", "Lee"]]);
  });

  it("collects groupsNamed across the file in first-seen order, case-insensitively", async () => {
    const state = await read("email,teams\na@x.com,Sales;Ops\nb@x.com,ops; Eng ;sales\nc@x.com,\n");
    expect(state.groupsNamed).toEqual(["Sales", "Ops", "Eng"]);
    expect(state.users.map((u) => u.groups)).toEqual([["Sales", "Ops"], ["ops", "Eng", "sales"], undefined]);
  });

  it("calls validateUser for rows without errors and keeps out users it rejects", async () => {
    const seen: string[] = [];
    const state = await read("email,role\na@x.com,Admin\nbad,Viewer\nc@x.com,Boss\n", {
      validateUser: (
        user: { email: string; role?: string; line: number },
        file: string,
        columns: Record<string, number>,
      ) => {
        seen.push(user.email);
        return user.role === "Boss"
          ? [
              {
                severity: "error",
                code: "PLAN_UNKNOWN_ROLE",
                message: "no",
                file,
                line: user.line,
                column: columns.role,
              },
            ]
          : [];
      },
    });
    expect(seen).toEqual(["a@x.com", "c@x.com"]);
    expect(where(state.diagnostics)).toEqual([
      ["ROW_INVALID_EMAIL", 3, 1],
      ["PLAN_UNKNOWN_ROLE", 4, 2],
    ]);
    expect(state.users.map((u) => u.email)).toEqual(["a@x.com"]);
  });
});

describe("readUsersCsvFile", () => {
  it("streams from disk and names the file by displayName", async () => {
    const dir = await mkdtemp(join(tmpdir(), "roster-csv-"));
    try {
      const path = join(dir, "users.csv");
      await writeFile(path, "email\na@x.com\nbad\n");
      const state = await readUsersCsvFile(path, { displayName: "config/users.csv" });
      expect(state.file).toBe("config/users.csv");
      expect(state.diagnostics.map((d) => [d.file, d.line])).toEqual([["config/users.csv", 3]]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("throws CSV_UNREADABLE for a missing file or a directory", async () => {
    await expect(readUsersCsvFile("/nonexistent/users.csv")).rejects.toMatchObject({ code: "CSV_UNREADABLE" });
    await expect(readUsersCsvFile(tmpdir())).rejects.toMatchObject({ code: "CSV_UNREADABLE" });
  });
});
