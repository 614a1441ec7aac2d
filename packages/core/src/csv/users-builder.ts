import type { Diagnostic, DiagnosticCode, Severity } from "../diagnostics.js";
import { sortDiagnostics } from "../diagnostics.js";
import type { DesiredState, DesiredUser } from "../model/desired.js";
import { EMPTY_MARKER } from "../model/desired.js";
import { normaliseEmail } from "../model/directory.js";
import { cleanCell, emailProblem, makeGroupSplitter, parseArchivedFlag, parseGroups, parseStatus } from "./cells.js";
import type { HeaderLayout } from "./header.js";
import { analyseHeader } from "./header.js";
import type { ReadUsersCsvOptions } from "./options.js";

type Draft = { -readonly [K in keyof DesiredUser]: DesiredUser[K] };

const NO_ATTRIBUTES: Readonly<Record<string, string | null>> = Object.freeze({});
const WORDS = /\s+/;

/**
 * Turns parsed records (header first) into users and diagnostics. Knows nothing about bytes or
 * csv-parse: the reader hands it each record with the physical line where that record starts.
 */
export class UsersBuilder {
  private layout: HeaderLayout | undefined;
  private headerLine = 0;
  private readonly users: DesiredUser[] = [];
  private readonly diagnostics: Diagnostic[] = [];
  /** Normalised email -> line of its first row. */
  private readonly seen = new Map<string, number>();
  /** Lower-cased group name -> first spelling. */
  private readonly groupsNamed = new Map<string, string>();
  private readonly split: (cell: string) => string[];
  /**
   * Parsed `groups` cells by their text. Most users share a handful of group lists, so users with
   * the same cell share one frozen array: less memory and less GC on a 100,000-row file.
   */
  private readonly groupLists = new Map<string, { readonly groups: readonly string[]; named: boolean }>();
  /** Repeated short values (roles, countries, identity types, domains) kept once. */
  private readonly interned = new Map<string, string>();
  private readonly validateUser: ReadUsersCsvOptions["validateUser"];

  constructor(
    private readonly file: string,
    options: ReadUsersCsvOptions,
  ) {
    this.split = makeGroupSplitter(options.groupSeparators ?? [";"]);
    this.validateUser = options.validateUser;
  }

  report(code: DiagnosticCode, message: string, line: number, column?: number, severity: Severity = "error"): void {
    const { file } = this;
    this.diagnostics.push(
      column === undefined ? { severity, code, message, file, line } : { severity, code, message, file, line, column },
    );
  }

  /** One parsed record; blank and all-empty rows (Excel's `,,,,`) are skipped, header or not. */
  record(record: string[], line: number): void {
    let empty = true;
    for (const field of record) {
      if (field.length !== 0 && field.trim().length !== 0) {
        empty = false;
        break;
      }
    }
    if (empty) return;
    if (this.layout === undefined) {
      const header = analyseHeader(record, this.file, line);
      this.headerLine = line;
      this.layout = header.layout;
      this.diagnostics.push(...header.diagnostics);
      return;
    }
    this.row(record, line, this.layout);
  }

  private row(record: string[], line: number, layout: HeaderLayout): void {
    if (!layout.usable) return;
    if (record.length !== layout.fieldCount) {
      // Never guess which field is missing: the Adobe sample's last row puts `rroe` in `type`.
      const n = record.length;
      this.report(
        "CSV_RAGGED_ROW",
        `row has ${n} ${n === 1 ? "field" : "fields"} where the header has ${layout.fieldCount}; check for a missing or extra comma (quote values that contain commas)`,
        line,
      );
      return;
    }
    const index = layout.index;
    const before = this.diagnostics.length;

    // email: the key. `index.email` is defined whenever the layout is usable.
    const emailIndex = index.email ?? 0;
    const emailAsWritten = cleanCell(record[emailIndex] ?? "");
    let email = "";
    if (emailAsWritten === "") {
      this.report("ROW_MISSING_EMAIL", "row has no email; every row needs one", line, emailIndex + 1);
    } else {
      const problem = emailProblem(emailAsWritten);
      if (problem !== undefined) {
        this.report(
          "ROW_INVALID_EMAIL",
          `\`${emailAsWritten}\` is not a valid email: ${problem}`,
          line,
          emailIndex + 1,
        );
      } else {
        email = normaliseEmail(emailAsWritten);
        const first = this.seen.get(email);
        if (first === undefined) {
          this.seen.set(email, line);
        } else {
          this.report(
            "ROW_DUPLICATE_EMAIL",
            `\`${emailAsWritten}\` appears on lines ${first} and ${line}; list each user once (emails are compared case-insensitively)`,
            line,
            emailIndex + 1,
          );
        }
      }
    }

    const user: Draft = { line, email, emailAsWritten, attributes: NO_ATTRIBUTES };
    let value = cell(record, index.first_name);
    if (value !== "") user.firstName = value;
    value = cell(record, index.last_name);
    if (value !== "") user.lastName = value;
    if (layout.nameFillsFirst || layout.nameFillsLast) {
      value = cell(record, index.name);
      if (value !== "") {
        // "Full name" -> last word is the last name, the rest the first name; one word is a first name.
        const words = value.split(WORDS);
        const last = words.length > 1 ? words.pop() : undefined;
        if (layout.nameFillsFirst) user.firstName = words.join(" ");
        if (layout.nameFillsLast && last !== undefined) user.lastName = last;
      }
    }

    value = cell(record, index.new_email);
    if (value !== "") {
      const problem = emailProblem(value);
      if (problem === undefined) {
        user.newEmail = normaliseEmail(value);
        user.newEmailAsWritten = value;
      } else {
        this.report(
          "ROW_INVALID_EMAIL",
          `new email \`${value}\` is not valid: ${problem}`,
          line,
          (index.new_email ?? 0) + 1,
        );
      }
    }

    value = cell(record, index.role);
    if (value !== "") user.role = this.intern(value);
    value = cell(record, index.country);
    if (value !== "") user.country = this.intern(value);
    value = cell(record, index.type);
    if (value !== "") user.type = this.intern(value);
    value = cell(record, index.username);
    if (value !== "") user.username = value;
    value = cell(record, index.domain);
    if (value !== "") user.domain = this.intern(value);

    value = cell(record, index.status);
    if (value !== "") {
      const status = layout.archivedFlag ? parseArchivedFlag(value) : parseStatus(value);
      if (status !== undefined) user.status = status;
      else {
        const expected = layout.archivedFlag ? "True or False" : "`active` or `deactivated`";
        this.report("ROW_INVALID_STATUS", `status \`${value}\` is not ${expected}`, line, (index.status ?? 0) + 1);
      }
    }

    value = cell(record, index.groups);
    let groupList: { readonly groups: readonly string[]; named: boolean } | undefined;
    if (value !== "") {
      groupList = this.groupList(value);
      if (groupList.groups.includes(EMPTY_MARKER)) {
        this.report(
          "ROW_INVALID_VALUE",
          '`-` means "no groups" and must be alone in the cell; leave the cell blank to leave groups as they are',
          line,
          (index.groups ?? 0) + 1,
        );
      }
      user.groups = groupList.groups;
    }

    if (layout.attributes.length > 0) this.readAttributes(record, layout, user);
    for (const i of layout.unnamed) {
      if (cleanCell(record[i] ?? "") !== "") {
        this.report("ROW_INVALID_VALUE", `column ${i + 1} has a value but no header name`, line, i + 1);
      }
    }

    if (this.diagnostics.length !== before) return;
    if (this.validateUser !== undefined) {
      const extra = this.validateUser(user, this.file, layout.allColumns);
      if (extra.length > 0) {
        this.diagnostics.push(...extra);
        if (extra.some((d) => d.severity === "error")) return;
      }
    }
    this.users.push(user);
    if (groupList !== undefined && !groupList.named) {
      groupList.named = true;
      for (const group of groupList.groups) {
        const key = group.toLowerCase();
        if (!this.groupsNamed.has(key)) this.groupsNamed.set(key, group);
      }
    }
  }

  private groupList(cell: string): { readonly groups: readonly string[]; named: boolean } {
    let entry = this.groupLists.get(cell);
    if (entry === undefined) {
      const groups = cell === EMPTY_MARKER ? [] : parseGroups(cell, this.split).map((g) => this.intern(g));
      entry = { groups: Object.freeze(groups), named: false };
      if (this.groupLists.size < 10_000) this.groupLists.set(cell, entry);
    }
    return entry;
  }

  private intern(value: string): string {
    const known = this.interned.get(value);
    if (known !== undefined) return known;
    if (this.interned.size < 10_000) this.interned.set(value, value);
    return value;
  }

  private readAttributes(record: string[], layout: HeaderLayout, user: Draft): void {
    let attributes: Record<string, string | null> | undefined;
    for (const { name, index } of layout.attributes) {
      const value = cleanCell(record[index] ?? "");
      if (value === "") continue;
      attributes ??= {};
      attributes[name] = value === EMPTY_MARKER ? null : value;
    }
    if (attributes !== undefined) user.attributes = attributes;
  }

  /** The state read; a file without any row (only blank and comment lines, or nothing) is empty. */
  finish(): DesiredState {
    // A header row that could not be parsed is already reported on its line; calling the file
    // empty as well would be false and name no line (test "users.csv bytes -> plan", reliability/pipeline-property.test.ts).
    const unreadable = this.diagnostics.some((d) => d.code === "CSV_MALFORMED" || d.code === "CSV_INVALID_UTF8");
    if (this.layout === undefined && !unreadable) {
      this.report(
        "CSV_EMPTY",
        "the file has no rows; it needs at least a header row such as `email,first_name,last_name,groups`",
        0,
      );
    }
    return {
      file: this.file,
      users: this.users,
      headerLine: this.headerLine,
      columns: this.layout?.columns ?? {},
      attributeColumns: this.layout?.attributeColumns ?? {},
      groupsNamed: [...this.groupsNamed.values()],
      diagnostics: sortDiagnostics(this.diagnostics),
    };
  }
}

function cell(record: string[], index: number | undefined): string {
  if (index === undefined) return "";
  const raw = record[index];
  return raw === undefined ? "" : cleanCell(raw);
}
