/**
 * Sigma REST API v2 wire shapes, field names verbatim from Sigma's published OpenAPI
 * (SIG-SPEC: members, teams, user-attributes, account-types, auth, whoami; docs/vendors/sigma.md).
 * Only the fields Roster reads or writes are typed; everything else passes through untouched.
 */

/** SIG-SPEC auth `POST /v2/auth/token` 200 body (docs/vendors/sigma.md#auth). `expires_in` is in seconds (1 hour). */
export interface SigmaTokenResponse {
  readonly access_token: string;
  readonly refresh_token?: string;
  readonly token_type: string;
  readonly expires_in: number;
}

/** SIG-SPEC whoami: only `userId` and `organizationId` are promised (no email). */
export interface SigmaWhoami {
  readonly userId: string;
  readonly organizationId: string;
}

/** `userKind` enum on create/update (SIG-SPEC members). */
export type SigmaUserKind = "internal" | "guest" | "embed";

/** SIG-SPEC member object (`listMembers`/`getMember`/`createMember`/`updateMember`, docs/vendors/sigma.md#members). */
export interface SigmaMember {
  readonly organizationId: string;
  readonly memberId: string;
  /** The account type name, e.g. "admin", "Creator", or a custom type (docs/vendors/sigma.md#account-types). */
  readonly memberType: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
  readonly profileImgUrl: string | null;
  readonly createdBy: string;
  readonly updatedBy: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly homeFolderId: string;
  readonly userKind: SigmaUserKind;
  /** Deactivated in Sigma (DELETE or PATCH isArchived:true). */
  readonly isArchived?: boolean;
  /** Archived by SCIM. */
  readonly isInactive?: boolean;
}

/** `POST /v2/members` body (docs/vendors/sigma.md#members). `memberType` omitted = the org's invitation default. */
export interface SigmaCreateMemberBody {
  readonly email: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly memberType?: string;
  readonly isGuest?: boolean;
  readonly userKind?: SigmaUserKind;
  readonly addToTeams?: readonly { readonly teamId: string; readonly isTeamAdmin?: boolean }[];
}

/** `PATCH /v2/members/{memberId}` body, all optional (docs/vendors/sigma.md#members). */
export interface SigmaUpdateMemberBody {
  memberType?: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  isArchived?: boolean;
  isInactive?: boolean;
  userKind?: SigmaUserKind;
}

/** SIG-SPEC team object (docs/vendors/sigma.md#teams). */
export interface SigmaTeam {
  readonly teamId: string;
  readonly name: string;
  readonly description: string | null;
  readonly visibility: "public" | "private" | null;
  readonly createdBy: string;
  readonly updatedBy: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly isArchived?: boolean;
  /** Present on `GET /v2/teams/{id}` and on create. */
  readonly members?: readonly string[];
  readonly workspaceId?: string | null;
}

export interface SigmaCreateTeamBody {
  readonly name: string;
  readonly description?: string;
  readonly members?: readonly string[];
  readonly createTeamFolder?: boolean;
  readonly visibility?: "public" | "private";
}

/** `GET /v2/teams/{teamId}/members` entry; `userId` is the memberId (docs/vendors/sigma.md#teams). */
export interface SigmaTeamMemberEntry {
  readonly userId: string;
  readonly isTeamAdmin: boolean;
  readonly addedBy: string;
}

/** `PATCH /v2/teams/{teamId}/members` body: bare member id strings (docs/vendors/sigma.md#teams). */
export interface SigmaTeamMembersPatch {
  readonly add?: readonly string[];
  readonly remove?: readonly string[];
}

/** Attribute values are always `{type:"string", val}` (SIG-SPEC user-attributes, docs/vendors/sigma.md#user-attributes). */
export interface SigmaAttributeValue {
  readonly type: "string";
  readonly val: string;
}

export interface SigmaUserAttribute {
  readonly userAttributeId: string;
  readonly name: string;
  readonly description?: string | null;
  readonly defaultValue?: SigmaAttributeValue | null;
  readonly createdBy: string;
  readonly updatedBy: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** `GET /v2/user-attributes/{id}/users` entry. */
export interface SigmaAttributeAssignment {
  readonly userId: string;
  readonly value: SigmaAttributeValue;
  readonly createdBy: string;
  readonly updatedBy: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** `GET /v2/accountTypes` entry (docs/vendors/sigma.md#account-types). */
export interface SigmaAccountType {
  readonly accountTypeId: string;
  readonly accountTypeName: string;
  readonly description: string | null;
  readonly isCustom: boolean;
}

/** The paged envelope `{entries, nextPage}`; `total` and deprecated `hasMore` on some routes (docs/vendors/sigma.md#members). */
export interface SigmaPage<T> {
  readonly entries: readonly T[];
  readonly nextPage: string | null;
  readonly total?: number;
  readonly hasMore?: boolean;
}

/** `GET /v2/accountTypes` uses a different cursor: `nextPageToken`, absent on the last page (docs/vendors/sigma.md#account-types). */
export interface SigmaAccountTypePage {
  readonly entries: readonly SigmaAccountType[];
  readonly nextPageToken?: string;
}

/** Every error response (`default` on every op, docs/vendors/sigma.md#errors-and-rate-limits). */
export interface SigmaErrorBody {
  readonly message: string;
  readonly code: string;
  readonly requestId: string;
}
