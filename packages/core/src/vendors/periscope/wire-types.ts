/**
 * Periscope Data / Sisense for Cloud Data Teams: the wire, verbatim, and every assumption Roster
 * makes about it.
 *
 * This is the least documented of Roster's vendors: only the first screen of the official pages
 * and the community Python samples could be read (docs/vendors/periscope.md, sources PD-DOC, PD-COMM,
 * PD-CODE). Each shape docs/vendors/periscope.md marks [U] (unverified) is written down ONCE, here, as a named
 * assumption; the client and simulator cite the key (e.g. `ASSUMPTION LIST_SHAPE`) where they rely
 * on it. `periscopeAssumptions` lists them for the README and `roster` output.
 */

/** Ids arrive as numbers in every sample; strings are accepted too (ASSUMPTION IDS). */
export type WireId = number | string;

/** A membership reference inside a user: a name, an id, or an object (ASSUMPTION GROUP_REFS). */
export type WireGroupRef = string | number | { readonly id?: WireId; readonly name?: string };

/** A user from `GET /api/v1/users` or `GET /api/v2/users` (docs/vendors/periscope.md#simulator field list). */
export interface PeriscopeWireUser {
  readonly id: WireId;
  readonly email: string;
  readonly first_name?: string | null;
  readonly last_name?: string | null;
  /** v1 sites: group names. */
  readonly groups?: readonly WireGroupRef[];
  /** RBAC (v2) sites: role ids. */
  readonly roles?: readonly WireGroupRef[];
  readonly created_at?: string;
  readonly invited_by_email?: string;
  readonly status?: string;
}

/** A v1 group (`/api/v1/groups`, ASSUMPTION GROUP_PATHS). */
export interface PeriscopeWireGroup {
  readonly id: WireId;
  readonly name: string;
}

/** A role (`GET /api/v1/roles` → `{"roles":[…]}`, fields from PD-CODE, docs/vendors/periscope.md#v2-users-and-roles). */
export interface PeriscopeWireRole {
  readonly id: WireId;
  readonly name: string;
  readonly description?: string;
  readonly privileges?: readonly unknown[];
  readonly permissions?: readonly unknown[];
}

/** `POST /api/v1/users` (docs/vendors/periscope.md#v1-users-and-groups, verified field names). */
export interface V1CreateUserBody {
  readonly first_name: string;
  readonly last_name: string;
  readonly email: string;
  readonly groups: readonly string[];
  readonly invited_by_email: string;
}

/** `PUT /api/v1/users` with `HTTP-X-EMAIL` (ASSUMPTION V1_UPDATE, UPDATE_NAMES, V1_GROUPS_REPLACE). */
export interface V1UpdateUserBody {
  readonly first_name: string;
  readonly last_name: string;
  readonly groups?: readonly string[];
}

/** `POST /api/v2/users` (docs/vendors/periscope.md#v2-users-and-roles, verified field names). */
export interface V2CreateUserBody {
  readonly first_name: string;
  readonly last_name: string;
  readonly email: string;
  readonly roles: readonly WireId[];
  readonly invited_by_email: string;
}

/** `PUT /api/v2/users/{id}` (ASSUMPTION UPDATE_NAMES, V2_ROLES_REPLACE). */
export interface V2UpdateUserBody {
  readonly first_name: string;
  readonly last_name: string;
  readonly roles?: readonly WireId[];
}

/**
 * `POST /api/v1/groups` (ASSUMPTION GROUP_PATHS, GROUP_CREATE_BODY): the fields the vendor's own
 * Python samples send (https://community.sisense.com/t5/knowledge/user-group-management-api-call-examples-in-python/ta-p/9015).
 */
export interface V1CreateGroupBody {
  readonly name: string;
  readonly access: string;
  readonly created_by_email: string;
}

/** `PUT /api/v1/groups/{id}` (ASSUMPTION GROUP_PATHS). */
export interface V1UpdateGroupBody {
  readonly name: string;
}

/**
 * The group (v1) or role (RBAC) every user of a site is in, built in by Periscope (ASSUMPTION
 * EVERYONE). Matched by name key (`nameKey`), so any case.
 */
export const EVERYONE_GROUP = "Everyone";

/** `POST /api/v1/roles` (PD-CODE body; ASSUMPTION ROLE_CREATE_BODY for the empty lists). */
export interface CreateRoleBody {
  readonly name: string;
  readonly description: string;
  readonly created_by_email: string;
  readonly privileges: readonly unknown[];
  readonly permissions: readonly unknown[];
}

/** `PUT /api/v1/roles/{id}` (PD-CODE body, docs/vendors/periscope.md#v2-users-and-roles). */
export interface UpdateRoleBody {
  readonly name?: string;
  readonly description?: string;
  readonly updated_by_email: string;
  readonly privileges?: readonly unknown[];
  readonly permissions?: readonly unknown[];
}

/** An error body (ASSUMPTION ERROR_BODY). */
export interface PeriscopeWireError {
  readonly error?: string;
  readonly message?: string;
}

/** The auth header (docs/vendors/periscope.md#auth-and-hosts, verified): `HTTP-X-PARTNER-AUTH: <site>:<api key>`. */
export const PARTNER_AUTH_HEADER = "HTTP-X-PARTNER-AUTH";
/** Selects one user on the v1 user endpoints (docs/vendors/periscope.md#v1-users-and-groups, verified). */
export const EMAIL_HEADER = "HTTP-X-EMAIL";
/** The server-side dry run (docs/vendors/periscope.md#test-mode). */
export const TEST_MODE_PARAM = "test_mode";

/** Base URL every community sample uses; the doc names `https://app.periscopedata.com` (docs/vendors/periscope.md#auth-and-hosts). */
export const DEFAULT_PERISCOPE_BASE_URL = "https://api.periscopedata.com";

/**
 * The assumptions, by key. Each is something the stored sources do not show; Roster behaves as
 * written and, where a plausible variant exists, accepts it too.
 */
export const PERISCOPE_ASSUMPTIONS = {
  // ASSUMPTION: docs/vendors/periscope.md#v1-users-and-groups, docs/vendors/periscope.md#simulator "Response JSON shapes … [U]".
  LIST_SHAPE:
    'Lists come wrapped, e.g. {"users":[…]}, {"groups":[…]}, {"roles":[…]} (docs/vendors/periscope.md#assumptions [U]); a bare array or {"data":[…]} is accepted too.',
  // ASSUMPTION: docs/vendors/periscope.md#v1-users-and-groups "list pagination for users/groups [U]"; docs/vendors/periscope.md#paging dashboards are the only paging evidence.
  PAGINATION:
    "User, group and role lists are not paged; if a response carries next_page_start, Roster follows it like the dashboards listing (docs/vendors/periscope.md#paging).",
  // ASSUMPTION: docs/vendors/periscope.md#v1-users-and-groups "Response JSON shapes [U]".
  IDS: "User, group and role ids may be numbers or strings; Roster keeps them as text and sends role ids back in the type the server used (docs/vendors/periscope.md#v1-users-and-groups [U]).",
  // ASSUMPTION: docs/vendors/periscope.md#simulator user fields are a best guess.
  GROUP_REFS:
    "A user's groups (v1) and roles (v2) may be listed as names, ids, or {id, name} objects (docs/vendors/periscope.md#assumptions [U]).",
  // ASSUMPTION: docs/vendors/periscope.md#v1-users-and-groups "single user … same URL with HTTP-X-EMAIL" (verified) but its response shape is [U].
  SINGLE_SHAPE:
    'A single user, group or role comes as the bare object or wrapped as {"user"|"group"|"role"|"data": {…}} (docs/vendors/periscope.md#v1-users-and-groups [U]).',
  // ASSUMPTION: docs/vendors/periscope.md#v1-users-and-groups "method PUT [U — the stored sample is truncated]".
  V1_UPDATE:
    "v1 user updates are PUT /api/v1/users with the HTTP-X-EMAIL header, as the v2 and roles samples use PUT (docs/vendors/periscope.md#v1-users-and-groups [U]).",
  // ASSUMPTION: docs/vendors/periscope.md#v1-users-and-groups "Whether groups in an update replaces membership [U]".
  V1_GROUPS_REPLACE:
    "groups in a v1 user update replaces the user's membership, so Roster sends the full resulting list (current + added − removed) (docs/vendors/periscope.md#v1-users-and-groups [U]).",
  // ASSUMPTION: docs/vendors/periscope.md#v2-users-and-roles PUT body shown only with names.
  V2_ROLES_REPLACE:
    "roles in a v2 user update replaces the user's roles, so Roster sends the full resulting list of role ids (docs/vendors/periscope.md#v2-users-and-roles [U]).",
  // ASSUMPTION: docs/vendors/periscope.md#v1-users-and-groups, docs/vendors/periscope.md#v2-users-and-roles samples send both names.
  UPDATE_NAMES:
    "Every user update sends first_name and last_name (the current value when unchanged), in case PUT replaces the whole record (docs/vendors/periscope.md#v1-users-and-groups [U]).",
  // ASSUMPTION: docs/vendors/periscope.md#v1-users-and-groups "Delete … method DELETE [U — inferred]".
  V1_DELETE:
    "v1 users are deleted with DELETE /api/v1/users and the HTTP-X-EMAIL header (docs/vendors/periscope.md#v1-users-and-groups [U]).",
  // ASSUMPTION: docs/vendors/periscope.md#v1-users-and-groups "paths presumably /api/v1/groups[...] [U]".
  GROUP_PATHS:
    "v1 groups live at /api/v1/groups and /api/v1/groups/{id} (docs/vendors/periscope.md#v1-users-and-groups [U]).",
  // ASSUMPTION: the community samples' CREATE Group body; the values of `access` are not shown.
  GROUP_CREATE_BODY:
    'A v1 group is created with {"name", "access", "created_by_email"} as the vendor samples send it; Roster sends access "View" (the least a group can grant) and PERISCOPE_INVITED_BY as created_by_email.',
  // ASSUMPTION: the built-in group every user is in.
  EVERYONE:
    'Every site has a built-in "Everyone" group (v1) or role (RBAC) that every user is in; Roster treats it as reserved: it never plans to add anyone to it, remove anyone from it, create it or delete it.',
  // ASSUMPTION: docs/vendors/periscope.md#v2-users-and-roles role body from PD-CODE always carried dashboard privileges.
  ROLE_CREATE_BODY:
    "A role can be created with empty privileges and permissions lists; created_by_email is PERISCOPE_INVITED_BY (docs/vendors/periscope.md#v2-users-and-roles [U]).",
  // ASSUMPTION: docs/vendors/periscope.md#v2-users-and-roles "Whether omitting the param means live … [U]".
  TEST_MODE:
    "test_mode=true validates a write and persists nothing; live writes send test_mode=false explicitly, as the community samples do (docs/vendors/periscope.md#test-mode [U]).",
  // ASSUMPTION: follows from TEST_MODE.
  CHECK_CREATED_GROUPS:
    "A group or role the plan creates does not exist during a test_mode check (nothing persists), so the check leaves it out of the test_mode user requests.",
  // ASSUMPTION: docs/vendors/periscope.md#simulator status field is a best guess.
  STATUS:
    'A user whose status is "deactivated", "disabled" or "inactive" is deactivated; any other or no status is active (docs/vendors/periscope.md#assumptions [U]).',
  // ASSUMPTION: docs/vendors/periscope.md#simulator "body U → use {"error":"unauthorized"}".
  ERROR_BODY:
    'Error bodies are {"error": "...", "message": "..."} or plain text; Roster shows the message as given (docs/vendors/periscope.md#assumptions [U]).',
  // ASSUMPTION: docs/vendors/periscope.md#simulator "duplicate email → 400/409 [U]".
  DUPLICATE: "Creating a user whose email exists fails with 409 (or 400) (docs/vendors/periscope.md#assumptions [U]).",
  // ASSUMPTION: not stated anywhere.
  NAME_MATCH: "Group and role names match case-insensitively.",
  // ASSUMPTION: docs/vendors/periscope.md#v2-users-and-roles "Rate limits: none published [U]".
  RATE_LIMITS:
    "No rate limit is published; a 429 is retried after its Retry-After by the HTTP layer (docs/vendors/periscope.md#rate-limits [U]).",
} as const;

export type PeriscopeAssumption = keyof typeof PERISCOPE_ASSUMPTIONS;

/** One line per assumption, `KEY: text`, for the README and `--verbose` output. */
export const periscopeAssumptions: readonly string[] = Object.entries(PERISCOPE_ASSUMPTIONS).map(
  ([key, text]) => `${key}: ${text}`,
);
