import { describe, expect, it } from "vitest";
import { analyseHeader } from "./header.js";
import { COLUMN_ALIASES, resolveColumn } from "./index.js";

describe("resolveColumn", () => {
  it("matches every canonical name and alias, ignoring case, spaces, _ and -", () => {
    for (const [column, aliases] of Object.entries(COLUMN_ALIASES)) {
      expect(resolveColumn(column)).toBe(column);
      expect(resolveColumn(column.toUpperCase())).toBe(column);
      for (const alias of aliases) {
        expect(resolveColumn(alias)).toBe(column);
        expect(resolveColumn(` ${alias.replace(/ /g, "_").toUpperCase()} `)).toBe(column);
        expect(resolveColumn(alias.replace(/ /g, "-"))).toBe(column);
      }
    }
  });

  it("reads the aliases users have in their files", () => {
    expect(resolveColumn("First Name")).toBe("first_name");
    expect(resolveColumn("firstname")).toBe("first_name");
    expect(resolveColumn("Given Name")).toBe("first_name");
    expect(resolveColumn("Surname")).toBe("last_name");
    expect(resolveColumn("Email Address")).toBe("email");
    expect(resolveColumn("Member Type")).toBe("role");
    expect(resolveColumn("Teams")).toBe("groups");
    expect(resolveColumn("roles")).toBe("groups");
    expect(resolveColumn("role")).toBe("role");
    expect(resolveColumn("isArchived")).toBe("status");
    expect(resolveColumn("Identity Type")).toBe("type");
    expect(resolveColumn("Full Name")).toBe("name");
    expect(resolveColumn("New Email")).toBe("new_email");
  });

  it("keeps the attribute name as written after attr:", () => {
    expect(resolveColumn("attr:Region")).toEqual({ attribute: "Region" });
    expect(resolveColumn("ATTR: Cost Center ")).toEqual({ attribute: "Cost Center" });
    expect(resolveColumn("attr:")).toBeUndefined();
  });

  it("returns undefined for unknown headers", () => {
    expect(resolveColumn("department")).toBeUndefined();
    expect(resolveColumn("")).toBeUndefined();
  });
});

describe("analyseHeader", () => {
  const codes = (cells: string[]) =>
    analyseHeader(cells, "u.csv", 3).diagnostics.map((d) => [d.code, d.line, d.column]);

  it("suggests the closest column for a typo", () => {
    const [d] = analyseHeader(["email", "Frist Name"], "u.csv", 1).diagnostics;
    expect(d).toMatchObject({ code: "CSV_UNKNOWN_COLUMN", line: 1, column: 2, severity: "error" });
    expect(d?.message).toContain("did you mean `first_name`?");
  });

  it("lists the accepted columns when nothing is close", () => {
    const [d] = analyseHeader(["email", "department"], "u.csv", 1).diagnostics;
    expect(d?.message).toContain("accepted columns: email, first_name");
    expect(d?.message).not.toContain("did you mean");
  });

  it("reports a duplicate column, including two aliases of one column", () => {
    expect(codes(["email", "first name", "firstname"])).toEqual([["CSV_DUPLICATE_COLUMN", 3, 3]]);
    expect(codes(["email", "attr:x", "attr:x"])).toEqual([["CSV_DUPLICATE_COLUMN", 3, 3]]);
  });

  it("reports status and isArchived together as conflicting", () => {
    expect(codes(["email", "isArchived", "status"])).toEqual([["ROW_CONFLICTING_COLUMNS", 3, 3]]);
    expect(codes(["email", "status", "isArchived"])).toEqual([["ROW_CONFLICTING_COLUMNS", 3, 3]]);
  });

  it("requires an email column", () => {
    const result = analyseHeader(["first_name", "last_name"], "u.csv", 1);
    expect(result.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([
      ["CSV_MISSING_EMAIL_COLUMN", 1, undefined],
    ]);
    expect(result.layout.usable).toBe(false);
  });

  it("spots a semicolon- or tab-delimited export", () => {
    expect(codes(["email;first_name;last_name"])).toEqual([["CSV_DELIMITER", 3, 1]]);
    expect(codes(["email\tfirst_name"])).toEqual([["CSV_DELIMITER", 3, 1]]);
  });

  it("spots a file whose first row is data", () => {
    expect(codes(["jane@example.com", "Jane", "Doe"])).toEqual([["CSV_MISSING_HEADER", 3, undefined]]);
  });

  it("warns that name is ignored when first and last name columns exist", () => {
    const [d] = analyseHeader(["email", "name", "first_name", "last_name"], "u.csv", 1).diagnostics;
    expect(d).toMatchObject({ code: "ROW_CONFLICTING_COLUMNS", severity: "warning", column: 2 });
  });

  it("maps columns to 1-based numbers", () => {
    const { layout } = analyseHeader(["Email", "attr:Region", "Teams"], "u.csv", 1);
    expect(layout.columns).toEqual({ email: 1, groups: 3 });
    expect(layout.attributeColumns).toEqual({ Region: 2 });
    expect(layout.allColumns).toEqual({ email: 1, "attr:Region": 2, groups: 3 });
  });
});
