import type { Directory } from "../model/directory.js";
import { normaliseEmail } from "../model/directory.js";
import type { Capabilities } from "../vendors/vendor.js";
import { csvLine } from "./csv-text.js";

export interface ExportedCsv {
  readonly text: string;
  readonly users: number;
  /** What could not be written exactly (a group name holding a separator...), one line each. */
  readonly warnings: readonly string[];
}

/** A group name the vendor's `groups` cell can hold: no separator inside it. */
export function groupNameProblem(name: string, separators: readonly string[]): string | undefined {
  const found = separators.find((s) => name.includes(s));
  return found === undefined ? undefined : `group "${name}" contains "${found}", which separates groups in a cell`;
}

/**
 * The live directory as users.csv in today's single-vendor format, planning to zero changes
 * against the same directory: every user with their names, account type, groups (reserved ones
 * left out: Roster never touches them), status, identity fields and attributes. A column appears
 * only when some user has a value for it. A user in no group gets `-` (in no managed group),
 * so the file is the whole truth from the first commit.
 */
export function exportUsersCsv(directory: Directory, capabilities: Capabilities): ExportedCsv {
  const warnings: string[] = [];
  const users = [...directory.users].sort((a, b) => compare(normaliseEmail(a.email), normaliseEmail(b.email)));
  const reserved = new Set(
    directory.groups.filter((g) => g.reserved === true || capabilities.isReservedGroup(g.name)).map((g) => g.name),
  );
  const has = (field: "role" | "country" | "type" | "username" | "domain"): boolean =>
    users.some((u) => u[field] !== undefined && u[field] !== "");
  const attributes = [
    ...new Set([...(directory.attributes ?? []), ...users.flatMap((u) => Object.keys(u.attributes ?? {}))]),
  ].sort(compare);
  const status = users.some((u) => u.status === "deactivated");
  const header = ["email", "first_name", "last_name"];
  if (has("role")) header.push("role");
  header.push("groups");
  if (status) header.push("status");
  for (const field of ["country", "type", "username", "domain"] as const) if (has(field)) header.push(field);
  if (capabilities.attributes) for (const name of attributes) header.push(`attr:${name}`);
  const lines = [csvLine(header)];
  const separator = capabilities.groupSeparators[0] ?? ";";
  for (const user of users) {
    const groups = user.groups.filter((name) => !reserved.has(name));
    const bad = groups.map((name) => groupNameProblem(name, capabilities.groupSeparators)).find((p) => p !== undefined);
    let cell = groups.length === 0 ? "-" : groups.join(separator);
    if (bad !== undefined) {
      warnings.push(`${user.email}: ${bad}; their groups cell is left blank (unmanaged)`);
      cell = "";
    }
    const row = [user.email, user.firstName ?? "", user.lastName ?? ""];
    if (header.includes("role")) row.push(user.role ?? "");
    row.push(cell);
    if (status) row.push(user.status);
    for (const field of ["country", "type", "username", "domain"] as const)
      if (header.includes(field)) row.push(user[field] ?? "");
    if (capabilities.attributes) for (const name of attributes) row.push(user.attributes?.[name] ?? "");
    lines.push(csvLine(row));
  }
  return { text: `${lines.join("\n")}\n`, users: users.length, warnings };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
