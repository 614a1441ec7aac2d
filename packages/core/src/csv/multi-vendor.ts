import { closest, distance } from "fastest-levenshtein";
import type { CompanyGroup, RosterConfig } from "../config/load-config.js";
import type { UsersFile } from "../config/users-files.js";
import type { Diagnostic, DiagnosticCode } from "../diagnostics.js";
import { sortDiagnostics } from "../diagnostics.js";
import type { DesiredState, DesiredUser } from "../model/desired.js";
import { EMPTY_MARKER } from "../model/desired.js";
import { VENDOR_IDS, type VendorId, type VendorModule } from "../vendors/vendor.js";
import { cleanCell, makeGroupSplitter, parseGroups } from "./cells.js";
import { ATTRIBUTE_PREFIX, headerKey, resolveColumn, suggestColumn } from "./columns.js";
import type { ReadUsersCsvOptions } from "./options.js";
import { type CsvRecordSink, readCsvFileRecords } from "./read-users-csv.js";
import { UsersBuilder } from "./users-builder.js";

/**
 * users.csv read with roster.yml (docs/roster-yml.md): one row per person for every vendor.
 *
 * - Common columns are those of the single-vendor file. `groups` holds company groups, each
 *   resolved through roster.yml `groups:` into the vendor's own names; an unknown one is an error
 *   with "did you mean".
 * - `<vendor>.<column>` applies to that vendor only. A filled cell wins over the common cell for
 *   that vendor; a blank one falls back to the common cell, so `sigma.role` need only be written
 *   where Sigma differs. `<vendor>.groups` adds vendor-native names to the resolved ones.
 * - The `vendors` column (optional, `;`-separated vendor ids) decides which vendors a row belongs
 *   to. Where it is absent or the cell is blank, a row belongs to V when one of its company groups
 *   maps into V or one of its `V.` cells is filled. For V, every other row is absent: V's
 *   `absent-users` policy decides what happens to that person in V.
 * - Managed groups for V (group scope `listed`) are every V group roster.yml maps to plus every
 *   name in `V.groups` cells: the mapping itself says which groups Roster owns, so removing the
 *   last member of a company group still removes them in every vendor.
 * - Several files are read as one; each row keeps its own file and line, and an email in two
 *   files is an error naming both places. The whole set is invalid for every vendor as soon as
 *   any row has an error: a plan is never made from part of the file.
 *
 * The result for each vendor is the DesiredState the single-vendor engine takes, so planning,
 * safety and checksums per vendor (and per Periscope site) are unchanged.
 */
export interface MultiVendorUsers {
  /**
   * Per target, in roster.yml order: keyed by vendor id, or `periscope.<site>` for each site
   * roster.yml lists (a site may map company groups to its own names). Use `desiredFor`.
   */
  readonly byTarget: ReadonlyMap<string, DesiredState>;
  /** Every problem in every file (deduplicated), worst first. */
  readonly diagnostics: readonly Diagnostic[];
  /** The files read, as named in diagnostics. */
  readonly files: readonly string[];
}

/** The desired state for a vendor, or one site of it. */
export function desiredFor(users: MultiVendorUsers, id: VendorId, site?: string): DesiredState | undefined {
  return (site === undefined ? undefined : users.byTarget.get(`${id}.${site}`)) ?? users.byTarget.get(id);
}

/** `a.csv`, or `people/a.csv + 2 more` when several files are read as one: the plan's file label. */
export function filesLabel(files: readonly string[]): string {
  if (files.length <= 1) return files[0] ?? "users.csv";
  return files.join(", ");
}

/**
 * Several files read as one: the engine keys rows by line, so a row's line is made unique across
 * the set as `file index * LINE_STRIDE + line` (the first file's lines are unchanged), and `file`
 * names its file. `localisePlan` turns plans back into each row's own file and line.
 */
export const LINE_STRIDE = 10_000_000;

type Key = string; // canonical column name or `attr:<name>`

interface FileLayout {
  readonly header: readonly string[];
  readonly common: ReadonlyMap<Key, number>;
  /** Field indexes of the common (unprefixed) columns, header order, `vendors` excluded. */
  readonly commonIndexes: readonly number[];
  /** Keyed by vendor id, or `periscope.<site>` for a column of one listed site. */
  readonly vendorColumns: ReadonlyMap<string, ReadonlyMap<Key, number>>;
  readonly vendorsIndex: number | undefined;
  readonly groupsIndex: number | undefined;
}

interface Collected {
  readonly records: { record: string[]; line: number }[];
  readonly diagnostics: Diagnostic[];
}

function collect(file: string): Collected & CsvRecordSink {
  const records: { record: string[]; line: number }[] = [];
  const diagnostics: Diagnostic[] = [];
  return {
    records,
    diagnostics,
    record(record, line) {
      if (record.every((field) => field.trim() === "")) return;
      records.push({ record, line });
    },
    report(code, message, line) {
      diagnostics.push({ severity: "error", code, message, file, line });
    },
  };
}

export interface ReadMultiVendorOptions {
  readonly config: RosterConfig;
  /** The modules of the vendors to resolve for (roster.yml's, or the one `--vendor` names). */
  readonly modules: readonly VendorModule[];
  /**
   * How each vendor's rows are read: its group separators and every offline row rule. The engine
   * passes `vendorCsvOptions`, so a roster.yml file meets the same rules as a single-vendor
   * users.csv (a reserved group is an error before any vendor is read, on a fork's pull request too).
   */
  readonly csvOptions: (module: VendorModule) => ReadUsersCsvOptions;
}

export async function readMultiVendorUsers(
  files: readonly UsersFile[],
  options: ReadMultiVendorOptions,
): Promise<MultiVendorUsers> {
  const collected = await Promise.all(
    files.map(async (file) => {
      const sink = collect(file.name);
      await readCsvFileRecords(file.path, file.name, sink);
      return { file: file.name, ...sink };
    }),
  );
  return resolveMultiVendor(collected, options);
}

/** The pure half of readMultiVendorUsers: records in, one DesiredState per vendor out. */
export function resolveMultiVendor(
  files: readonly {
    file: string;
    records: readonly { record: string[]; line: number }[];
    diagnostics: readonly Diagnostic[];
  }[],
  { config, modules, csvOptions }: ReadMultiVendorOptions,
): MultiVendorUsers {
  const configured = new Set(config.vendors.map((v) => v.id));
  // `periscope.<site>` for every site roster.yml lists: a target of its own in columns and `vendors` cells.
  const siteKeys = new Map<string, string>();
  for (const v of config.vendors)
    for (const site of v.sites ?? []) siteKeys.set(`${v.id}.${site}`.toLowerCase(), `${v.id}.${site}`);
  const diagnostics: Diagnostic[] = [];
  const companyGroups = new Map(config.groups.map((g) => [g.name.toLowerCase(), g]));
  const companyNames = config.groups.map((g) => g.name);
  const targets = modules.flatMap((module) => {
    const sites = config.vendors.find((v) => v.id === module.id)?.sites ?? [];
    if (sites.length === 0) return [{ key: module.id as string, id: module.id, module }];
    return sites.map((site) => ({ key: `${module.id}.${site}`, id: module.id, module }));
  });
  const perVendor = new Map<
    string,
    {
      users: DesiredUser[];
      named: Map<string, string>;
      columns: Record<string, number>;
      attributeColumns: Record<string, number>;
    }
  >();
  for (const { key, id } of targets) {
    const named = new Map<string, string>();
    for (const group of config.groups)
      for (const name of mappedNames(group, key, id))
        if (!named.has(name.toLowerCase())) named.set(name.toLowerCase(), name);
    perVendor.set(key, { users: [], named, columns: {}, attributeColumns: {} });
  }
  const seen = new Map<string, { file: string; line: number }>();
  let headerLine = 0;

  for (const [fileIndex, { file, records, diagnostics: fileProblems }] of files.entries()) {
    for (const problem of fileProblems) diagnostics.push(problem);
    const first = records[0];
    if (first === undefined) {
      if (fileProblems.length === 0) {
        diagnostics.push(
          error(
            file,
            0,
            "CSV_EMPTY",
            "the file has no rows; it needs at least a header row such as `email,first_name,last_name,groups`",
          ),
        );
      }
      continue;
    }
    if (headerLine === 0) headerLine = first.line;
    const report = (line: number, code: DiagnosticCode, message: string, column?: number): void => {
      diagnostics.push(error(file, line, code, message, column));
    };
    const layout = analyseMultiHeader(first.record, first.line, configured, siteKeys, report);
    const rows = records.slice(1);

    // Common columns: every row, with the single-vendor rules (email, duplicates, status...).
    const common = new UsersBuilder(file, {});
    const commonMap = layout.commonIndexes;
    common.record(
      commonMap.map((i) => first.record[i] ?? ""),
      first.line,
    );
    for (const { record, line } of rows) {
      if (record.length === first.record.length)
        common.record(
          commonMap.map((i) => record[i] ?? ""),
          line,
        );
      else {
        const n = record.length;
        report(
          line,
          "CSV_RAGGED_ROW",
          `row has ${n} ${n === 1 ? "field" : "fields"} where the header has ${first.record.length}; check for a missing or extra comma (quote values that contain commas)`,
        );
      }
    }
    const commonState = common.finish();
    // One by one: a file with hundreds of thousands of bad rows would overflow a spread's arguments.
    for (const diagnostic of remap(commonState.diagnostics, (column) => (commonMap[column - 1] ?? column - 1) + 1)) {
      diagnostics.push(diagnostic);
    }
    const commonByLine = new Map(commonState.users.map((u) => [u.line, u]));

    const splitCompany = makeGroupSplitter([";"]);
    const rowInfo = new Map<number, { companyGroups: string[] | undefined; vendors: Set<string> | undefined }>();
    for (const { record, line } of rows) {
      const user = commonByLine.get(line);
      if (user === undefined) continue;
      let ok = true;
      const prior = seen.get(user.email);
      if (prior !== undefined && prior.file !== file) {
        ok = false;
        report(
          line,
          "ROW_DUPLICATE_EMAIL",
          `\`${user.emailAsWritten}\` is also on ${prior.file}:${prior.line}; list each person once across the users files`,
          (layout.common.get("email") ?? 0) + 1,
        );
      } else if (prior === undefined) seen.set(user.email, { file, line });

      let groups: string[] | undefined;
      const groupsCell = layout.groupsIndex === undefined ? "" : cleanCell(record[layout.groupsIndex] ?? "");
      if (groupsCell !== "") {
        groups = [];
        if (groupsCell !== EMPTY_MARKER) {
          for (const name of parseGroups(groupsCell, splitCompany)) {
            const group = companyGroups.get(name.toLowerCase());
            if (group === undefined) {
              ok = false;
              report(
                line,
                "ROW_UNKNOWN_COMPANY_GROUP",
                `\`${name}\` is not a company group in ${config.file}${didYouMean(name, companyNames)}`,
                (layout.groupsIndex ?? 0) + 1,
              );
            } else groups.push(group.name);
          }
        }
      }
      let vendors: Set<string> | undefined;
      const vendorsCell = layout.vendorsIndex === undefined ? "" : cleanCell(record[layout.vendorsIndex] ?? "");
      if (vendorsCell !== "") {
        vendors = new Set();
        for (const id of parseGroups(vendorsCell, makeGroupSplitter([";", ","]))) {
          const lower = id.toLowerCase();
          const site = siteKeys.get(lower);
          if (configured.has(lower as VendorId)) vendors.add(lower);
          else if (site !== undefined) vendors.add(site);
          else {
            ok = false;
            const known = [...configured];
            report(
              line,
              "ROW_INVALID_VENDORS",
              `\`${id}\` is not a vendor in ${config.file} (\`vendors:\` lists ${known.join(", ")})${didYouMean(id, known)}`,
              layout.vendorsIndex === undefined ? undefined : layout.vendorsIndex + 1,
            );
          }
        }
      }
      if (ok) rowInfo.set(line, { companyGroups: groups, vendors });
    }

    for (const { key, id, module } of targets) {
      const target = perVendor.get(key);
      if (target === undefined) continue;
      // A site's own columns (`periscope.<site>.groups`) win over the vendor's for that site.
      const own = new Map<Key, number>([
        ...(layout.vendorColumns.get(id) ?? []),
        ...(key === id ? [] : (layout.vendorColumns.get(key) ?? [])),
      ]);
      // The vendor's projection: every column either side names, `groups` resolved separately.
      const keys = [...new Set([...layout.common.keys(), ...own.keys()])].filter(
        (k) => k !== "groups" && k !== "vendors",
      );
      const header = keys.map((k) => {
        const index = layout.common.get(k);
        return index === undefined ? k : (first.record[index] ?? k);
      });
      for (const k of keys) {
        const column = (own.get(k) ?? layout.common.get(k) ?? 0) + 1;
        if (k.startsWith(ATTRIBUTE_PREFIX)) target.attributeColumns[k.slice(ATTRIBUTE_PREFIX.length)] ??= column;
        else target.columns[k] ??= column;
      }
      if (layout.groupsIndex !== undefined || own.has("groups"))
        target.columns.groups ??= (own.get("groups") ?? layout.groupsIndex ?? 0) + 1;
      // The vendor's row rules run once per row below, when its groups are resolved.
      const { validateUser, ...parseOptions } = csvOptions(module);
      const builder = new UsersBuilder(file, parseOptions);
      builder.record(header, first.line);
      const origin = new Map<number, number[]>();
      const resolved = new Map<number, string[] | undefined>();
      const splitVendor = makeGroupSplitter(module.capabilities.groupSeparators);
      for (const { record, line } of rows) {
        const info = rowInfo.get(line);
        if (info === undefined) continue;
        if (!belongs(record, info, key, id, own, companyGroups)) continue;
        const indexes = keys.map((k) => {
          const mine = own.get(k);
          if (mine !== undefined && cleanCell(record[mine] ?? "") !== "") return mine;
          return layout.common.get(k) ?? mine ?? -1;
        });
        origin.set(line, indexes);
        builder.record(
          indexes.map((i) => (i < 0 ? "" : (record[i] ?? ""))),
          line,
        );
        resolved.set(
          line,
          vendorGroups(record, info, key, id, own.get("groups"), companyGroups, splitVendor, target.named),
        );
      }
      const state = builder.finish();
      diagnostics.push(
        // The header was checked once, by the common builder above.
        ...state.diagnostics
          .filter((d) => d.line !== first.line)
          .map((d) => {
            if (d.column === undefined) return d;
            const i = origin.get(d.line)?.[d.column - 1];
            return i === undefined || i < 0 ? d : { ...d, column: i + 1 };
          }),
      );
      const groupsColumn = own.get("groups") ?? layout.groupsIndex;
      for (const user of state.users) {
        const groups = resolved.get(user.line);
        const resolvedUser = groups === undefined ? user : { ...user, groups };
        // Every row rule of the vendor (vendorCsvOptions) meets the row as the vendor will: with the
        // groups its company groups resolve to, at the columns this row was read from. An error
        // keeps the user out, as the single-vendor reader does.
        if (validateUser !== undefined) {
          const columns: Record<string, number> = {};
          const indexes = origin.get(user.line) ?? [];
          for (const [j, k] of keys.entries()) if ((indexes[j] ?? -1) >= 0) columns[k] = (indexes[j] ?? 0) + 1;
          if (groupsColumn !== undefined) columns.groups = groupsColumn + 1;
          const found = validateUser(resolvedUser, file, columns);
          diagnostics.push(...found);
          if (found.some((d) => d.severity === "error")) continue;
        }
        target.users.push(
          files.length > 1 ? { ...resolvedUser, file, line: fileIndex * LINE_STRIDE + user.line } : resolvedUser,
        );
      }
    }
  }

  const all = sortDiagnostics(dedupe(diagnostics));
  const label = filesLabel(files.map((f) => f.file));
  const byTarget = new Map<string, DesiredState>();
  for (const { key } of targets) {
    const target = perVendor.get(key);
    if (target === undefined) continue;
    byTarget.set(key, {
      file: label,
      users: target.users,
      headerLine,
      columns: target.columns,
      attributeColumns: target.attributeColumns,
      groupsNamed: [...target.named.values()],
      diagnostics: all,
    });
  }
  return { byTarget, diagnostics: all, files: files.map((f) => f.file) };
}

/** A site's own mapping (`periscope.<site>`) replaces the vendor's for that site. */
function mappedNames(group: CompanyGroup | undefined, key: string, id: VendorId): readonly string[] {
  if (group === undefined) return [];
  return group.vendors[key] ?? group.vendors[id] ?? [];
}

function belongs(
  record: readonly string[],
  info: { companyGroups: string[] | undefined; vendors: Set<string> | undefined },
  key: string,
  id: VendorId,
  own: ReadonlyMap<Key, number>,
  companyGroups: ReadonlyMap<string, CompanyGroup>,
): boolean {
  if (info.vendors !== undefined) return info.vendors.has(id) || info.vendors.has(key);
  for (const name of info.companyGroups ?? []) {
    if (mappedNames(companyGroups.get(name.toLowerCase()), key, id).length > 0) return true;
  }
  for (const index of own.values()) if (cleanCell(record[index] ?? "") !== "") return true;
  return false;
}

/** The vendor's groups for a row: its company groups mapped, plus `V.groups`; undefined when both are blank. */
function vendorGroups(
  record: readonly string[],
  info: { companyGroups: string[] | undefined },
  key: string,
  id: VendorId,
  ownGroupsIndex: number | undefined,
  companyGroups: ReadonlyMap<string, CompanyGroup>,
  split: (cell: string) => string[],
  named: Map<string, string>,
): string[] | undefined {
  const ownCell = ownGroupsIndex === undefined ? "" : cleanCell(record[ownGroupsIndex] ?? "");
  if (info.companyGroups === undefined && ownCell === "") return undefined;
  const out: string[] = [];
  const have = new Set<string>();
  const add = (name: string): void => {
    const key = name.toLowerCase();
    if (have.has(key)) return;
    have.add(key);
    out.push(name);
  };
  for (const company of info.companyGroups ?? [])
    for (const name of mappedNames(companyGroups.get(company.toLowerCase()), key, id)) add(name);
  if (ownCell !== "" && ownCell !== EMPTY_MARKER) {
    for (const name of parseGroups(ownCell, split)) {
      add(name);
      if (!named.has(name.toLowerCase())) named.set(name.toLowerCase(), name);
    }
  }
  return out;
}

function analyseMultiHeader(
  cells: readonly string[],
  line: number,
  configured: ReadonlySet<VendorId>,
  siteKeys: ReadonlyMap<string, string>,
  report: (line: number, code: DiagnosticCode, message: string, column?: number) => void,
): FileLayout {
  const common = new Map<Key, number>();
  const commonIndexes: number[] = [];
  const vendorColumns = new Map<string, Map<Key, number>>();
  let vendorsIndex: number | undefined;
  for (let i = 0; i < cells.length; i++) {
    const header = (cells[i] ?? "").trim().normalize("NFC");
    if (headerKey(header) === "vendors") {
      if (vendorsIndex === undefined) vendorsIndex = i;
      else report(line, "CSV_DUPLICATE_COLUMN", `column \`vendors\` repeats column ${vendorsIndex + 1}`, i + 1);
      continue;
    }
    const dot = header.indexOf(".");
    const prefix = dot > 0 ? header.slice(0, dot).trim().toLowerCase() : "";
    if (dot > 0 && !header.slice(0, dot).includes("@") && !prefix.startsWith("attr:")) {
      let rest = header.slice(dot + 1).trim();
      // `periscope.<site>.<column>`: a column of one listed site.
      let target: string = prefix;
      const secondDot = rest.indexOf(".");
      const site = secondDot > 0 ? siteKeys.get(`${prefix}.${rest.slice(0, secondDot)}`.toLowerCase()) : undefined;
      if (site !== undefined) {
        target = site;
        rest = rest.slice(secondDot + 1).trim();
      }
      if (!(VENDOR_IDS as readonly string[]).includes(prefix)) {
        report(
          line,
          "CSV_UNKNOWN_VENDOR",
          `column \`${header}\`: \`${prefix}\` is not a vendor${didYouMean(prefix, [...VENDOR_IDS])}; vendor columns are \`<vendor>.<column>\`, e.g. \`sigma.role\``,
          i + 1,
        );
        continue;
      }
      const id = prefix as VendorId;
      if (!configured.has(id)) {
        report(
          line,
          "CSV_UNKNOWN_VENDOR",
          `column \`${header}\`: ${id} is not under \`vendors:\` in roster.yml; add it there or remove the column`,
          i + 1,
        );
        continue;
      }
      const resolved = resolveColumn(rest);
      if (resolved === undefined || resolved === "email") {
        const suggestion = resolved === "email" ? undefined : suggestColumn(rest);
        const why =
          resolved === "email"
            ? "`email` is the key of the row and is the same for every vendor"
            : suggestion === undefined
              ? "unknown column"
              : `did you mean \`${id}.${suggestion}\`?`;
        report(line, "CSV_UNKNOWN_COLUMN", `unknown column \`${header}\`; ${why}`, i + 1);
        continue;
      }
      const key = typeof resolved === "object" ? `${ATTRIBUTE_PREFIX}${resolved.attribute}` : resolved;
      const own = vendorColumns.get(target) ?? new Map<Key, number>();
      vendorColumns.set(target, own);
      if (own.has(key))
        report(line, "CSV_DUPLICATE_COLUMN", `column \`${header}\` repeats column ${(own.get(key) ?? 0) + 1}`, i + 1);
      else own.set(key, i);
      continue;
    }
    commonIndexes.push(i);
    const resolved = resolveColumn(header);
    if (resolved === undefined) continue; // the common builder reports it, with its "did you mean"
    const key = typeof resolved === "object" ? `${ATTRIBUTE_PREFIX}${resolved.attribute}` : resolved;
    if (!common.has(key)) common.set(key, i);
  }
  return { header: cells, common, commonIndexes, vendorColumns, vendorsIndex, groupsIndex: common.get("groups") };
}

function didYouMean(name: string, known: readonly string[]): string {
  if (known.length === 0) return "";
  const match = closest(
    name.toLowerCase(),
    known.map((k) => k.toLowerCase()),
  );
  const limit = Math.max(2, Math.floor(name.length * 0.4));
  const original = known.find((k) => k.toLowerCase() === match);
  return distance(name.toLowerCase(), match) <= limit && original !== undefined
    ? `; did you mean \`${original}\`?`
    : "";
}

function error(file: string, line: number, code: DiagnosticCode, message: string, column?: number): Diagnostic {
  return column === undefined
    ? { severity: "error", code, message, file, line }
    : { severity: "error", code, message, file, line, column };
}

function remap(diagnostics: readonly Diagnostic[], column: (c: number) => number): Diagnostic[] {
  return diagnostics.map((d) => (d.column === undefined ? d : { ...d, column: column(d.column) }));
}

function dedupe(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.code}\u0000${d.file}\u0000${d.line}\u0000${d.column ?? ""}\u0000${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
