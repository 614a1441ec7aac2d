import type { CurrentGroup, CurrentUser } from "../../model/directory.js";
import type { FieldChange, NewUser } from "../../plan/types.js";
import type {
  SigmaAccountType,
  SigmaAttributeValue,
  SigmaCreateMemberBody,
  SigmaMember,
  SigmaTeam,
  SigmaUpdateMemberBody,
} from "./wire-types.js";

/**
 * Pure conversions between Sigma's wire objects and Roster's model. No I/O.
 */

/**
 * Built-in account types, most access first (docs/vendors/sigma.md#account-types: legacy names "admin", "author", "creator",
 * "explorer", "viewer"; "author" is the older name of "creator"). Custom types have no rank.
 */
const ROLE_RANKS: Readonly<Record<string, number>> = {
  admin: 4,
  creator: 3,
  author: 3,
  explorer: 2,
  viewer: 1,
};

/** Used when `GET /v2/accountTypes` is refused (it needs Admin credentials, docs/vendors/sigma.md#account-types). */
export const LEGACY_ACCOUNT_TYPES: readonly string[] = ["admin", "creator", "explorer", "viewer"];

export function rankSigmaRole(role: string): number | undefined {
  return ROLE_RANKS[role.trim().toLowerCase()];
}

/** The flags as a member answer carries them: absent (or, from the schema's output, undefined) when Sigma omits them. */
type MemberFlags = { readonly [K in "isArchived" | "isInactive"]?: boolean | undefined };

/** A member is "deactivated" when Sigma archived it, or SCIM marked it inactive (docs/vendors/sigma.md#members). */
export function isDeactivated(member: MemberFlags): boolean {
  return member.isArchived === true || member.isInactive === true;
}

/** A member as listed: its names may be empty, null or missing (wire-schemas.ts `name`). */
type ListedMember = Pick<SigmaMember, "memberId" | "email" | "memberType"> &
  MemberFlags & { readonly firstName?: string | null | undefined; readonly lastName?: string | null | undefined };

export function toCurrentUser(
  member: ListedMember,
  teams: readonly string[],
  attributes: Readonly<Record<string, string>>,
): CurrentUser {
  return {
    id: member.memberId,
    email: member.email,
    // Sigma requires names on create, but an invited user may still have empty ones.
    ...(member.firstName ? { firstName: member.firstName } : {}),
    ...(member.lastName ? { lastName: member.lastName } : {}),
    ...(member.memberType ? { role: member.memberType } : {}),
    status: isDeactivated(member) ? "deactivated" : "active",
    groups: teams,
    attributes,
  };
}

export function toCurrentGroup(team: Pick<SigmaTeam, "teamId" | "name">): CurrentGroup {
  return { id: team.teamId, name: team.name };
}

/** Account type names as the org spells them; `memberType` takes the name, not the id (docs/vendors/sigma.md#account-types). */
export function toRoleNames(types: readonly Pick<SigmaAccountType, "accountTypeName">[]): string[] {
  return types.map((type) => type.accountTypeName);
}

/** The org's spelling of `role` (account types match case-insensitively client-side, docs/vendors/sigma.md#account-types). */
export function resolveRoleName(role: string, known: readonly string[] | undefined): string {
  const wanted = role.trim().toLowerCase();
  return known?.find((name) => name.toLowerCase() === wanted) ?? role;
}

export function toAttributeValue(value: string): SigmaAttributeValue {
  return { type: "string", val: value };
}

/** `POST /v2/members` body. Blank names are sent as "" so Sigma answers with its own 400. */
export function toCreateMemberBody(
  user: NewUser,
  teamIds: readonly string[],
  knownRoles: readonly string[] | undefined,
): SigmaCreateMemberBody {
  return {
    email: user.emailAsWritten,
    firstName: user.firstName ?? "",
    lastName: user.lastName ?? "",
    ...(user.role !== undefined ? { memberType: resolveRoleName(user.role, knownRoles) } : {}),
    ...(teamIds.length > 0 ? { addToTeams: teamIds.map((teamId) => ({ teamId })) } : {}),
  };
}

/** One merged `PATCH /v2/members/{id}` body for a user's field updates, rename and reactivation. */
export function toUpdateMemberBody(
  parts: {
    readonly fields?: readonly FieldChange[];
    readonly newEmail?: string;
    readonly reactivate?: boolean;
    readonly wasInactive?: boolean;
  },
  knownRoles: readonly string[] | undefined,
): SigmaUpdateMemberBody {
  const body: SigmaUpdateMemberBody = {};
  for (const change of parts.fields ?? []) {
    if (change.field === "firstName") body.firstName = change.to;
    else if (change.field === "lastName") body.lastName = change.to;
    else if (change.field === "role") body.memberType = resolveRoleName(change.to, knownRoles);
  }
  if (parts.newEmail !== undefined) body.email = parts.newEmail;
  if (parts.reactivate === true) {
    body.isArchived = false;
    // A SCIM-inactive member stays inactive unless that flag is cleared too (docs/vendors/sigma.md#members `isInactive`).
    if (parts.wasInactive === true) body.isInactive = false;
  }
  return body;
}
