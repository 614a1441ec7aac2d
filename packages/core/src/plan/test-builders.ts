import type { CanonicalColumn, DesiredState, DesiredUser } from "../model/desired.js";
import type { CurrentGroup, CurrentUser, Directory } from "../model/directory.js";
import { normaliseEmail } from "../model/directory.js";
import { defaultPolicy } from "../model/policy.js";
import { memoryCapabilities } from "../vendors/memory/capabilities.js";
import type { Capabilities } from "../vendors/vendor.js";
import { planChecksum } from "./checksum.js";
import { countChanges } from "./order.js";
import type { Change, Plan } from "./types.js";

/**
 * Small builders for tests across core (plan, report, engine, vendors): desired state and
 * directories built as values, without parsing a CSV or starting a simulator.
 */
export type DesiredRowInput = Partial<Omit<DesiredUser, "email" | "attributes">> & {
  readonly email: string;
  readonly attributes?: Readonly<Record<string, string | null>>;
};

/** One users.csv row. `line` defaults to 2 (the first row after the header). */
export function desiredUser(input: DesiredRowInput): DesiredUser {
  const emailAsWritten = input.emailAsWritten ?? input.email.trim();
  const newEmail = input.newEmail === undefined ? {} : { newEmail: normaliseEmail(input.newEmail) };
  const newEmailAsWritten =
    input.newEmailAsWritten !== undefined
      ? { newEmailAsWritten: input.newEmailAsWritten }
      : input.newEmail !== undefined
        ? { newEmailAsWritten: input.newEmail.trim() }
        : {};
  return {
    line: 2,
    ...input,
    ...newEmail,
    ...newEmailAsWritten,
    email: normaliseEmail(input.email),
    emailAsWritten,
    attributes: input.attributes ?? {},
  };
}

const FIELD_COLUMNS: readonly [keyof DesiredUser, CanonicalColumn][] = [
  ["firstName", "first_name"],
  ["lastName", "last_name"],
  ["newEmail", "new_email"],
  ["role", "role"],
  ["groups", "groups"],
  ["status", "status"],
  ["country", "country"],
  ["type", "type"],
  ["username", "username"],
  ["domain", "domain"],
];

/**
 * A desired state as the CSV reader would produce it: rows get lines 2, 3, ... unless given,
 * columns are numbered in canonical order for the fields any row uses, and `groupsNamed` lists
 * every group written, in first-seen order.
 */
export function desiredState(
  rows: readonly DesiredRowInput[],
  options: { readonly file?: string; readonly diagnostics?: DesiredState["diagnostics"] } = {},
): DesiredState {
  const users = rows.map((row, index) => desiredUser({ line: index + 2, ...row }));
  const columns: Partial<Record<CanonicalColumn, number>> = { email: 1 };
  let next = 2;
  for (const [field, column] of FIELD_COLUMNS) {
    if (users.some((user) => user[field] !== undefined)) columns[column] = next++;
  }
  const attributeColumns: Record<string, number> = {};
  for (const user of users) {
    for (const name of Object.keys(user.attributes)) if (!(name in attributeColumns)) attributeColumns[name] = next++;
  }
  const groupsNamed: string[] = [];
  for (const user of users)
    for (const group of user.groups ?? []) if (!groupsNamed.includes(group)) groupsNamed.push(group);
  return {
    file: options.file ?? "users.csv",
    users,
    columns,
    attributeColumns,
    groupsNamed,
    headerLine: 1,
    diagnostics: options.diagnostics ?? [],
  };
}

export type CurrentUserInput = Partial<Omit<CurrentUser, "email">> & { readonly email: string };

/** A vendor user; id defaults to `id:<email>`, status to active, groups to none. */
export function currentUser(input: CurrentUserInput): CurrentUser {
  return { id: `id:${normaliseEmail(input.email)}`, status: "active", groups: [], ...input };
}

/**
 * A directory. Groups default to every group some user belongs to, plus `groups` (names or
 * full group objects).
 */
export function directoryOf(
  users: readonly CurrentUserInput[],
  options: Partial<Omit<Directory, "users" | "groups">> & { readonly groups?: readonly (string | CurrentGroup)[] } = {},
): Directory {
  const { groups: extra = [], ...rest } = options;
  const built = users.map(currentUser);
  const groups: CurrentGroup[] = extra.map((group) =>
    typeof group === "string" ? { id: `g:${group}`, name: group } : group,
  );
  for (const user of built) {
    for (const name of user.groups)
      if (!groups.some((group) => group.name === name)) groups.push({ id: `g:${name}`, name });
  }
  return { users: built, groups, ...rest };
}

/** Permissive capabilities (the memory vendor's, without a server-side check), with overrides. */
export function capabilitiesOf(overrides: Partial<Capabilities> = {}): Capabilities {
  return { ...memoryCapabilities, serverCheck: false, ...overrides };
}

/**
 * A plan built by hand for a vendor's tests (the planner has its own): changes as given, counts
 * derived, a real checksum, a safe safety block.
 */
export function handPlan(changes: readonly Change[], options: { vendor: string; target?: string }): Plan {
  const core = {
    version: 1 as const,
    vendor: options.vendor,
    ...(options.target !== undefined && { target: options.target }),
    changes,
  };
  return {
    ...core,
    file: "users.csv",
    counts: countChanges(changes, { unmanaged: 0, unchanged: 0 }),
    safety: {
      destructive: 0,
      managedUsers: 0,
      limit: defaultPolicy.removalThreshold.floor,
      unsafe: false,
      acknowledgement: null,
      acknowledgementValue: null,
    },
    diagnostics: [],
    checksum: planChecksum(core),
  };
}
