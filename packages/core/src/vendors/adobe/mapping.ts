import type { CurrentGroup, CurrentUser } from "../../model/directory.js";
import type { SharedGroupLists } from "../../model/shared-group-lists.js";
import type { UmapiGroupAnswer, UmapiUserAnswer } from "./wire-schemas.js";
import type { UmapiGroup, UmapiUser } from "./wire-types.js";

/** Group kinds Roster may add users to and remove them from; the admin kinds are roles (docs/vendors/adobe.md#reading-users-and-groups). */
const MANAGEABLE_KINDS = new Set(["USER_GROUP", "PRODUCT_PROFILE"]);

/** Fixed admin role groups (UM-DOC ActionsCmds, Add/Remove Attributes). */
const ADMIN_ROLES = new Set(["_org_admin", "_support_admin", "_deployment_admin"]);

/**
 * Adobe's reserved groups: the admin roles and the admin/developer groups that UMAPI lists among a
 * user's groups (`_org_admin`, `_admin_<x>`, `_product_admin_<x>`, `_developer_<x>`;
 * docs/vendors/adobe.md#reading-users-and-groups). `_org_admin` cannot be granted or removed through the API at all.
 */
export function isReservedGroupName(name: string): boolean {
  return (
    ADMIN_ROLES.has(name) ||
    name.startsWith("_admin_") ||
    name.startsWith("_product_admin_") ||
    name.startsWith("_developer_")
  );
}

/**
 * Why a user counts as an administrator, or undefined: an admin role among its groups (`_org_admin`,
 * `_support_admin`, `_deployment_admin`, `_admin_<group>`, `_product_admin_<profile>`) or in the
 * `adminRoles` UMAPI reports. Such a user is never removed by the absent-users policy.
 */
export function adminReason(user: Pick<UmapiUser | UmapiUserAnswer, "groups" | "adminRoles">): string | undefined {
  const group = (user.groups ?? []).find(
    (name) => ADMIN_ROLES.has(name) || name.startsWith("_admin_") || name.startsWith("_product_admin_"),
  );
  if (group !== undefined) return `it holds the Adobe admin role ${group}`;
  const role = user.adminRoles?.[0];
  return role === undefined ? undefined : `it holds the Adobe admin role ${role}`;
}

export function toCurrentGroup(group: UmapiGroup | UmapiGroupAnswer): CurrentGroup {
  const reserved = isReservedGroupName(group.groupName) || !MANAGEABLE_KINDS.has(group.type);
  return {
    id: group.groupId !== undefined ? String(group.groupId) : group.groupName,
    name: group.groupName,
    kind: group.type,
    ...(reserved ? { reserved: true } : {}),
  };
}

/**
 * The user's id is what the action API takes as `user`: the username (federated users may log in
 * with a non-email username plus `domain`), else the email. `lists`, when given, shares equal group
 * lists between the users of one read.
 */
export function toCurrentUser(user: UmapiUser | UmapiUserAnswer, lists?: SharedGroupLists): CurrentUser {
  const admin = adminReason(user);
  return {
    id: user.username ?? user.email,
    email: user.email,
    // Only active users are listed (docs/vendors/adobe.md#reading-users-and-groups); removed users are simply absent.
    status: "active",
    groups: lists === undefined ? [...(user.groups ?? [])] : lists.share(user.groups ?? []),
    ...(user.firstname !== undefined ? { firstName: user.firstname } : {}),
    ...(user.lastname !== undefined ? { lastName: user.lastname } : {}),
    ...(user.country !== undefined ? { country: user.country } : {}),
    ...(user.type !== undefined ? { type: user.type } : {}),
    ...(user.username !== undefined ? { username: user.username } : {}),
    ...(user.domain !== undefined ? { domain: user.domain } : {}),
    ...(admin !== undefined ? { admin } : {}),
  };
}
