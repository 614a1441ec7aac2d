import type { CompanyGroup, RosterConfig } from "../config/load-config.js";
import type { CurrentUser, Directory } from "../model/directory.js";
import { normaliseEmail } from "../model/directory.js";
import type { Capabilities, VendorId } from "../vendors/vendor.js";
import { csvLine } from "./csv-text.js";
import { type ExportedCsv, groupNameProblem } from "./export-users-csv.js";

/** One vendor target read for a merged export: a vendor, or one site of it. */
export interface ExportTarget {
  /** `sigma`, or `periscope.<site>` for a site roster.yml lists. */
  readonly key: string;
  readonly id: VendorId;
  readonly directory: Directory;
  readonly capabilities: Capabilities;
}

const FIELDS = ["role", "country", "type", "username", "domain"] as const;

/**
 * Every target's directory merged by email into one users.csv in roster.yml's format, planning
 * to zero changes against the same directories:
 * - `groups` holds a company group when the mapping gives it unambiguously: the person is in every
 *   vendor (site) the group maps into and holds every group it maps to there. What is left goes to
 *   `<target>.groups` in the vendor's own names.
 * - `vendors` lists where the person is (`periscope.<site>` when only some of its sites), so the
 *   row's membership does not depend on the mapping.
 * - Names are common when every target agrees, `<target>.first_name` otherwise; account type,
 *   status, identity fields and attributes are always per target (`sigma.role`, `adobe.country`).
 * Columns appear only when some person needs them; rows are sorted by email.
 */
export function exportMultiVendorCsv(config: RosterConfig, targets: readonly ExportTarget[]): ExportedCsv {
  const warnings: string[] = [];
  const people = new Map<string, { email: string; at: Map<string, CurrentUser> }>();
  for (const target of targets) {
    for (const user of target.directory.users) {
      const key = normaliseEmail(user.email);
      const person = people.get(key) ?? { email: user.email, at: new Map<string, CurrentUser>() };
      people.set(key, person);
      person.at.set(target.key, user);
    }
  }
  const sitesOf = new Map<VendorId, string[]>();
  for (const target of targets) sitesOf.set(target.id, [...(sitesOf.get(target.id) ?? []), target.key]);
  const reservedOf = new Map(
    targets.map((t) => [
      t.key,
      new Set(
        t.directory.groups
          .filter((g) => g.reserved === true || t.capabilities.isReservedGroup(g.name))
          .map((g) => g.name),
      ),
    ]),
  );

  interface Row {
    email: string;
    first?: string;
    last?: string;
    groups: string[];
    vendors: string[];
    cells: Map<string, string>;
  }
  const rows: Row[] = [];
  const used = new Set<string>();
  for (const [, person] of [...people].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const cells = new Map<string, string>();
    const set = (column: string, value: string | undefined): void => {
      if (value === undefined || value === "") return;
      cells.set(column, value);
      used.add(column);
    };
    // Names: common when every target agrees (unset included), else per target.
    const row: Row = { email: person.email, groups: [], vendors: [], cells };
    for (const field of ["firstName", "lastName"] as const) {
      const values = [...person.at.values()].map((u) => (u[field] === "" ? undefined : u[field]));
      const column = field === "firstName" ? "first_name" : "last_name";
      if (values.every((v) => v === values[0])) {
        if (values[0] !== undefined) {
          if (field === "firstName") row.first = values[0];
          else row.last = values[0];
        }
      } else for (const [key, user] of person.at) set(`${key}.${column}`, user[field]);
    }
    // Company groups the mapping gives unambiguously.
    const held = new Map<string, Set<string>>();
    for (const [key, user] of person.at) {
      const reserved = reservedOf.get(key) ?? new Set<string>();
      held.set(key, new Set(user.groups.filter((g) => !reserved.has(g)).map((g) => g.toLowerCase())));
    }
    const covered = new Map<string, Set<string>>();
    for (const group of config.groups) {
      const reaches = targets.filter((t) => mapped(group, t).length > 0);
      if (reaches.length === 0) continue;
      const fits = reaches.every((t) => {
        const mine = held.get(t.key);
        return mine !== undefined && mapped(group, t).every((name) => mine.has(name.toLowerCase()));
      });
      if (!fits) continue;
      row.groups.push(group.name);
      for (const t of reaches) {
        const done = covered.get(t.key) ?? new Set<string>();
        for (const name of mapped(group, t)) done.add(name.toLowerCase());
        covered.set(t.key, done);
      }
    }
    for (const target of targets) {
      const user = person.at.get(target.key);
      if (user === undefined) continue;
      const reserved = reservedOf.get(target.key) ?? new Set<string>();
      const done = covered.get(target.key) ?? new Set<string>();
      const rest = user.groups.filter((g) => !reserved.has(g) && !done.has(g.toLowerCase()));
      const bad = rest
        .map((g) => groupNameProblem(g, target.capabilities.groupSeparators))
        .find((p) => p !== undefined);
      if (bad !== undefined) warnings.push(`${user.email} in ${target.key}: ${bad}; written anyway, fix by hand`);
      // No company group reaches this target and no group of its own: `-` says "in none".
      if (rest.length > 0) set(`${target.key}.groups`, rest.join(target.capabilities.groupSeparators[0] ?? ";"));
      else if (done.size === 0 && row.groups.length === 0) set(`${target.key}.groups`, "-");
      if (user.status === "deactivated") set(`${target.key}.status`, "deactivated");
      for (const field of FIELDS) set(`${target.key}.${field}`, user[field]);
      if (target.capabilities.attributes) {
        for (const [name, value] of Object.entries(user.attributes ?? {})) set(`${target.key}.attr:${name}`, value);
      }
    }
    // Where the person is: a vendor, or the sites of it they are in.
    for (const [id, keys] of sitesOf) {
      const inside = keys.filter((key) => person.at.has(key));
      if (inside.length === 0) continue;
      if (inside.length === keys.length) row.vendors.push(id);
      else row.vendors.push(...inside);
    }
    rows.push(row);
  }

  const perTarget = targets.flatMap((t) => {
    const mine = [...used].filter(
      (c) =>
        c.startsWith(`${t.key}.`) &&
        !targets.some((o) => o.key !== t.key && o.key.startsWith(`${t.key}.`) && c.startsWith(`${o.key}.`)),
    );
    const order = (c: string): number => {
      const rest = c.slice(t.key.length + 1);
      const known = ["first_name", "last_name", "role", "groups", "status", ...FIELDS];
      const i = known.indexOf(rest);
      return i === -1 ? known.length : i;
    };
    return mine.sort((a, b) => order(a) - order(b) || (a < b ? -1 : a > b ? 1 : 0));
  });
  const header = ["email", "first_name", "last_name", "groups", "vendors", ...perTarget];
  const lines = [csvLine(header)];
  for (const row of rows) {
    lines.push(
      csvLine([
        row.email,
        row.first ?? "",
        row.last ?? "",
        row.groups.join(";"),
        row.vendors.join(";"),
        ...perTarget.map((c) => row.cells.get(c) ?? ""),
      ]),
    );
  }
  return { text: `${lines.join("\n")}\n`, users: rows.length, warnings };
}

function mapped(group: CompanyGroup, target: ExportTarget): readonly string[] {
  return group.vendors[target.key] ?? group.vendors[target.id] ?? [];
}
