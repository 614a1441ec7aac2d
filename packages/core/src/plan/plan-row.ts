import type { DesiredUser } from "../model/desired.js";
import type { CurrentUser } from "../model/directory.js";
import { normaliseEmail } from "../model/directory.js";
import { settingHint } from "../model/surface.js";
import { matchName, type PlanContext, suggest } from "./plan-context.js";
import type { Change, FieldChange, NewUser, UserField } from "./types.js";

export interface RowOutcome {
  readonly changes: readonly Change[];
  /** The directory user this row speaks for, if any (so it is not treated as absent). */
  readonly matchedUserId?: string;
  readonly unchanged: boolean;
}

const UPDATABLE: readonly UserField[] = ["firstName", "lastName", "role", "username", "country"];

const FIELD_LABEL: Readonly<Record<UserField, string>> = {
  firstName: "first name",
  lastName: "last name",
  role: "role",
  username: "username",
  country: "country",
};

function columnOf(ctx: PlanContext, field: UserField): number | undefined {
  const columns = ctx.input.desired.columns;
  switch (field) {
    case "firstName":
      return columns.first_name ?? columns.name;
    case "lastName":
      return columns.last_name ?? columns.name;
    default:
      return columns[field];
  }
}

/** The vendor's spelling of the row's role, or undefined (blank, unsupported, or unknown: reported). */
function resolveRole(ctx: PlanContext, row: DesiredUser): string | undefined {
  if (row.role === undefined || !ctx.capabilities.roles) return undefined;
  const roles = ctx.input.directory.roles;
  if (roles === undefined) return row.role;
  const match = matchName(roles, row.role);
  if (match === undefined) {
    const hint = suggest(roles, row.role);
    ctx.report(
      "error",
      "PLAN_UNKNOWN_ROLE",
      row.line,
      ctx.input.desired.columns.role,
      `Unknown role "${row.role}" for ${ctx.input.vendor.id}.${hint === undefined ? "" : ` Did you mean "${hint}"?`} Allowed: ${roles.length === 0 ? "none" : roles.join(", ")}.`,
    );
  }
  return match;
}

/** The row's groups in the vendor's spelling, file order; reserved and unknown ones are reported and dropped. */
function resolveRowGroups(ctx: PlanContext, row: DesiredUser): string[] | undefined {
  if (row.groups === undefined) return undefined;
  const column = ctx.input.desired.columns.groups;
  const noun = ctx.capabilities.groupNoun;
  const names: string[] = [];
  for (const written of row.groups) {
    const resolved = ctx.resolveGroup(written);
    if (resolved.kind === "reserved") {
      ctx.report(
        "error",
        "PLAN_RESERVED_GROUP",
        row.line,
        column,
        `"${written}" is a ${noun} reserved by ${ctx.input.vendor.id}; Roster never adds or removes its members. Remove it from users.csv.`,
      );
    } else if (resolved.kind === "unknown") {
      const hint = resolved.suggestion === undefined ? "" : ` Did you mean "${resolved.suggestion}"?`;
      const fix = ctx.capabilities.createGroup
        ? `Create it in ${ctx.input.vendor.id} first, or let Roster create missing ${noun}s (${settingHint("create-groups", ctx.input.policy.surface ?? "action")}).`
        : `Create it in ${ctx.input.vendor.id} first.`;
      ctx.report("error", "PLAN_UNKNOWN_GROUP", row.line, column, `Unknown ${noun} "${written}".${hint} ${fix}`);
    } else if (!names.includes(resolved.name)) {
      names.push(resolved.name);
    }
  }
  return names;
}

function hasKeys(record: Readonly<Record<string, unknown>>): boolean {
  for (const _ in record) return true;
  return false;
}

/** Attribute values to write, keyed by the vendor's attribute name (unknown names are reported once, per column). */
function resolveAttributes(ctx: PlanContext, row: DesiredUser): [string, string | null][] {
  if (!ctx.capabilities.attributes || !hasKeys(row.attributes)) return [];
  const known = ctx.input.directory.attributes;
  const resolved: [string, string | null][] = [];
  for (const [name, value] of Object.entries(row.attributes)) {
    const vendorName = known === undefined ? name : matchName(known, name);
    if (vendorName !== undefined) resolved.push([vendorName, value]);
  }
  return resolved.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The row's values in the vendor's spelling, resolved once so every problem is reported once. */
interface ResolvedRow {
  readonly role: string | undefined;
  readonly groups: string[] | undefined;
  readonly attributes: [string, string | null][];
}

function createUser(row: DesiredUser, resolved: ResolvedRow, renaming: boolean): Change {
  const role = resolved.role;
  const attributes: Record<string, string> = {};
  for (const [name, value] of resolved.attributes) if (value !== null) attributes[name] = value;
  // A rename of someone the vendor does not have yet: create them under the new address, which is
  // where the row says they should end up (a rerun then matches them by `new_email`).
  const email = renaming && row.newEmail !== undefined ? row.newEmail : row.email;
  const emailAsWritten = renaming && row.newEmailAsWritten !== undefined ? row.newEmailAsWritten : row.emailAsWritten;
  const user: NewUser = {
    email,
    emailAsWritten,
    groups: resolved.groups ?? [],
    attributes,
    status: "active",
    ...(row.firstName === undefined ? {} : { firstName: row.firstName }),
    ...(row.lastName === undefined ? {} : { lastName: row.lastName }),
    ...(role === undefined ? {} : { role }),
    ...(row.country === undefined ? {} : { country: row.country }),
    ...(row.type === undefined ? {} : { type: row.type }),
    ...(row.username === undefined ? {} : { username: row.username }),
    ...(row.domain === undefined ? {} : { domain: row.domain }),
  };
  return { kind: "create-user", email, line: row.line, user };
}

function fieldChanges(
  ctx: PlanContext,
  row: DesiredUser,
  role: string | undefined,
  current: CurrentUser,
): { fields: FieldChange[]; downgrade: boolean } {
  const fields: FieldChange[] = [];
  let downgrade = false;
  for (const field of UPDATABLE) {
    const wanted = field === "role" ? role : row[field];
    if (wanted === undefined) continue;
    const have = current[field];
    // Vendors spell account types their own way; "viewer" and "Viewer" are the same type.
    const same = field === "role" ? have?.toLowerCase() === wanted.toLowerCase() : have === wanted;
    if (same) continue;
    if (!ctx.capabilities.updatableFields(current).includes(field)) {
      ctx.report(
        "warning",
        "PLAN_UNSUPPORTED",
        row.line,
        columnOf(ctx, field),
        `${ctx.input.vendor.id} cannot change the ${FIELD_LABEL[field]} of ${current.email}; "${wanted}" is ignored (it stays ${have === undefined ? "empty" : `"${have}"`}).`,
      );
      continue;
    }
    fields.push({ field, from: have ?? null, to: wanted });
    if (field === "role" && have !== undefined && ctx.capabilities.roleRank !== undefined) {
      const before = ctx.capabilities.roleRank(have);
      const after = ctx.capabilities.roleRank(wanted);
      if (before !== undefined && after !== undefined && after < before) downgrade = true;
    }
  }
  return { fields, downgrade };
}

type ChangeBase = { email: string; line: number; userId: string };

function membershipChanges(
  ctx: PlanContext,
  wanted: string[] | undefined,
  current: CurrentUser,
  base: ChangeBase,
): Change[] {
  if (wanted === undefined) return [];
  // Users belong to a handful of groups: a linear scan beats building two sets per row.
  const have = current.groups;
  const add = wanted.filter((name) => !have.includes(name));
  const remove = have
    .filter((name, index) => have.indexOf(name) === index && ctx.isManaged(name) && !wanted.includes(name))
    .sort();
  const changes: Change[] = [];
  if (add.length > 0) changes.push({ kind: "add-to-groups", ...base, groups: add });
  if (remove.length > 0) changes.push({ kind: "remove-from-groups", ...base, groups: remove });
  return changes;
}

function attributeChanges(attributes: [string, string | null][], current: CurrentUser, base: ChangeBase): Change[] {
  const changes: Change[] = [];
  for (const [attribute, value] of attributes) {
    const have = current.attributes?.[attribute];
    if (value === null) {
      if (have !== undefined) changes.push({ kind: "unset-attribute", ...base, attribute, from: have });
    } else if (have !== value) {
      changes.push({ kind: "set-attribute", ...base, attribute, from: have ?? null, to: value });
    }
  }
  return changes;
}

function existingUserChanges(
  ctx: PlanContext,
  row: DesiredUser,
  resolved: ResolvedRow,
  current: CurrentUser,
  renameTo: DesiredUser | undefined,
): Change[] {
  const base: ChangeBase = { email: normaliseEmail(current.email), line: row.line, userId: current.id };
  const statusColumn = ctx.input.desired.columns.status;
  const vendor = ctx.input.vendor.id;
  if (row.status === "deactivated") {
    if (current.status === "deactivated") return [];
    if (!ctx.capabilities.deactivate) {
      ctx.report("error", "PLAN_UNSUPPORTED", row.line, statusColumn, `${vendor} cannot deactivate users.`);
      return [];
    }
    // Deactivating is the whole story for this row: field and membership edits on an account being
    // switched off would only be rejected or wasted.
    return [{ kind: "deactivate-user", ...base }];
  }
  const changes: Change[] = [];
  if (row.status === "active" && current.status === "deactivated") {
    if (ctx.capabilities.reactivate) changes.push({ kind: "reactivate-user", ...base });
    else ctx.report("error", "PLAN_UNSUPPORTED", row.line, statusColumn, `${vendor} cannot reactivate users.`);
  }
  if (renameTo?.newEmail !== undefined && renameTo.newEmailAsWritten !== undefined) {
    if (ctx.capabilities.renameEmail) {
      changes.push({ kind: "rename-email", ...base, to: renameTo.newEmail, toAsWritten: renameTo.newEmailAsWritten });
    } else {
      ctx.report(
        "error",
        "PLAN_UNSUPPORTED",
        row.line,
        ctx.input.desired.columns.new_email,
        `${vendor} cannot change a user's email address.`,
      );
    }
  }
  const { fields, downgrade } = fieldChanges(ctx, row, resolved.role, current);
  if (fields.length > 0) changes.push({ kind: "update-user", ...base, fields, downgrade });
  changes.push(
    ...membershipChanges(ctx, resolved.groups, current, base),
    ...attributeChanges(resolved.attributes, current, base),
  );
  return changes;
}

/**
 * Plans one users.csv row. `renameBlocked` is set when the row's `new_email` collides with
 * another row (reported by the caller), so the rename is not attempted.
 */
export function planRow(ctx: PlanContext, row: DesiredUser, renameBlocked: boolean): RowOutcome {
  const resolved: ResolvedRow = {
    role: resolveRole(ctx, row),
    groups: resolveRowGroups(ctx, row),
    attributes: resolveAttributes(ctx, row),
  };
  let current = ctx.usersByEmail.get(row.email);
  let renameTo: DesiredUser | undefined;
  const wantsRename = row.newEmail !== undefined && row.newEmail !== row.email && !renameBlocked;
  if (wantsRename && row.newEmail !== undefined) {
    const target = ctx.usersByEmail.get(row.newEmail);
    if (current !== undefined && target !== undefined && current.id !== target.id) {
      ctx.report(
        "error",
        "PLAN_RENAME_CONFLICT",
        row.line,
        ctx.input.desired.columns.new_email,
        `Cannot rename ${row.emailAsWritten} to ${row.newEmailAsWritten ?? row.newEmail}: ${ctx.input.vendor.id} already has another user with that address.`,
      );
    } else if (current === undefined && target !== undefined) {
      current = target; // the rename already happened
    } else if (current !== undefined) {
      renameTo = row;
    }
  }

  const changes =
    current === undefined
      ? row.status === "deactivated"
        ? []
        : [createUser(row, resolved, wantsRename)]
      : existingUserChanges(ctx, row, resolved, current, renameTo);

  const reason =
    ctx.protectedReason(row.email) ??
    (row.newEmail === undefined ? undefined : ctx.protectedReason(row.newEmail)) ??
    (current === undefined ? undefined : ctx.protectedReason(current.email));
  const matched = current === undefined ? {} : { matchedUserId: current.id };
  if (reason !== undefined && changes.length > 0) {
    ctx.report(
      "warning",
      "PLAN_PROTECTED_USER",
      row.line,
      undefined,
      `${row.emailAsWritten} is protected (${reason}); Roster never changes it, so this row is ignored.`,
    );
    return { changes: [], unchanged: false, ...matched };
  }
  return { changes, unchanged: changes.length === 0, ...matched };
}
