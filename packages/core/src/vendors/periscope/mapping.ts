import type { CurrentGroup, CurrentUser } from "../../model/directory.js";
import { SharedGroupLists } from "../../model/shared-group-lists.js";
import type { FieldChange, NewUser } from "../../plan/types.js";
import type { ParsedGroup, ParsedRef, ParsedUser } from "./wire-schemas.js";
import {
  EVERYONE_GROUP,
  type V1CreateUserBody,
  type V1UpdateUserBody,
  type V2CreateUserBody,
  type V2UpdateUserBody,
  type WireId,
} from "./wire-types.js";

/** Pure wire ⇄ model conversion for both API families. */

/** ASSUMPTION STATUS. */
const DEACTIVATED_STATUSES: ReadonlySet<string> = new Set(["deactivated", "disabled", "inactive"]);

/** ASSUMPTION NAME_MATCH: names compare case-insensitively. */
export function nameKey(name: string): string {
  return name.trim().toLowerCase();
}

/** Groups or roles by id and by name key. */
export interface GroupIndex {
  readonly byId: ReadonlyMap<string, ParsedGroup>;
  readonly byName: ReadonlyMap<string, ParsedGroup>;
  /** Users' group lists, equal ones shared (one read's worth). */
  readonly lists: SharedGroupLists;
}

export function indexGroups(groups: readonly ParsedGroup[]): GroupIndex {
  return {
    byId: new Map(groups.map((group) => [group.id, group])),
    byName: new Map(groups.map((group) => [nameKey(group.name), group])),
    lists: new SharedGroupLists(),
  };
}

/**
 * The name a membership reference stands for. ASSUMPTION GROUP_REFS: v2 users list role ids, v1
 * users group names, either may be objects. A reference that resolves to no known group keeps
 * its id as its name, so it stays visible (PD-CODE notes role ids the roles list omits).
 */
export function refName(ref: ParsedRef, index: GroupIndex): string {
  if (ref.id !== undefined) {
    const known = index.byId.get(ref.id);
    if (known !== undefined) return known.name;
  }
  if (ref.name !== undefined) return index.byName.get(nameKey(ref.name))?.name ?? ref.name;
  return ref.id ?? "";
}

export function toCurrentUser(user: ParsedUser, index: GroupIndex): CurrentUser {
  // One loop, not map, filter and a Set: this runs for each user of a listing that comes in one
  // answer, and each of those made its own arrays and set (23 MB of garbage for 100,000 users).
  const names: string[] = [];
  for (const ref of user.refs) {
    const name = refName(ref, index);
    if (name !== "" && !names.includes(name)) names.push(name);
  }
  const groups = index.lists.share(names);
  const deactivated = user.status !== undefined && DEACTIVATED_STATUSES.has(user.status.toLowerCase());
  return {
    id: user.id,
    email: user.email,
    ...(user.firstName !== undefined && { firstName: user.firstName }),
    ...(user.lastName !== undefined && { lastName: user.lastName }),
    status: deactivated ? "deactivated" : "active",
    groups,
  };
}

export function toCurrentGroup(group: ParsedGroup): CurrentGroup {
  // ASSUMPTION EVERYONE: the built-in group every user is in is reserved.
  const reserved = nameKey(group.name) === nameKey(EVERYONE_GROUP);
  return { id: group.id, name: group.name, ...(reserved && { reserved: true }) };
}

/**
 * How one site's directory is made from its groups (v1) or roles (v2): the directory's groups, and
 * the directory's user for each user as read, its memberships named through those groups. The
 * users listing maps each user as it is checked (site-family.ts `readDirectory`), so the users as
 * read and as kept never both exist in full.
 */
export interface DirectoryMapping {
  readonly groups: CurrentGroup[];
  readonly toUser: (user: ParsedUser) => CurrentUser;
}

export function directoryMapping(groups: readonly ParsedGroup[]): DirectoryMapping {
  const index = indexGroups(groups);
  return { groups: groups.map(toCurrentGroup), toUser: (user) => toCurrentUser(user, index) };
}

/** The membership after a change: current − removed + added, by name key, current spelling kept. */
export function resultingGroups(
  current: readonly string[],
  add: readonly string[],
  remove: readonly string[],
): string[] {
  const removed = new Set(remove.map(nameKey));
  const result = current.filter((name) => !removed.has(nameKey(name)));
  const present = new Set(result.map(nameKey));
  for (const name of add) {
    if (!present.has(nameKey(name))) {
      result.push(name);
      present.add(nameKey(name));
    }
  }
  return result;
}

/** Names after an update (ASSUMPTION UPDATE_NAMES: both are always sent). */
export function resultingNames(
  user: Pick<CurrentUser, "firstName" | "lastName"> | undefined,
  fields: readonly FieldChange[],
): { first_name: string; last_name: string } {
  let first = user?.firstName ?? "";
  let last = user?.lastName ?? "";
  for (const change of fields) {
    if (change.field === "firstName") first = change.to;
    if (change.field === "lastName") last = change.to;
  }
  return { first_name: first, last_name: last };
}

export function toV1CreateBody(user: NewUser, groups: readonly string[], invitedBy: string): V1CreateUserBody {
  return {
    first_name: user.firstName ?? "",
    last_name: user.lastName ?? "",
    // Periscope keeps the address as sent; send it as the file wrote it.
    email: user.emailAsWritten,
    groups,
    invited_by_email: invitedBy,
  };
}

export function toV2CreateBody(user: NewUser, roleIds: readonly WireId[], invitedBy: string): V2CreateUserBody {
  return {
    first_name: user.firstName ?? "",
    last_name: user.lastName ?? "",
    email: user.emailAsWritten,
    roles: roleIds,
    invited_by_email: invitedBy,
  };
}

export function toV1UpdateBody(
  names: { first_name: string; last_name: string },
  groups: readonly string[] | undefined,
): V1UpdateUserBody {
  return groups === undefined ? names : { ...names, groups };
}

export function toV2UpdateBody(
  names: { first_name: string; last_name: string },
  roleIds: readonly WireId[] | undefined,
): V2UpdateUserBody {
  return roleIds === undefined ? names : { ...names, roles: roleIds };
}
