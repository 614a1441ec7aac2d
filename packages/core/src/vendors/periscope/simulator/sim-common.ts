import type { SimHandler, SimRequest, SimResponse, SimRoute } from "../../../simulator/index.js";
import type { PeriscopeSimConfig, PeriscopeStore, SimGroup, SimRole, SimSite, SimUser } from "./state.js";

/** Helpers shared by the simulator's route handlers: auth, family, test mode, JSON shapes. */

/** ASSUMPTION ERROR_BODY: `{"error": "<code>", "message": "..."}` (docs/vendors/periscope.md#simulator uses `{"error":"unauthorized"}`). */
export function fail(status: number, error: string, message: string): SimResponse {
  return { status, body: { error, message } };
}

export type Family = "v1" | "rbac" | "any";

export type SiteHandler = (site: SimSite, request: SimRequest, config: PeriscopeSimConfig) => SimResponse;

function headerValue(request: SimRequest, name: string): string | undefined {
  // node lower-cases incoming header names, so the match is case-insensitive (docs/vendors/periscope.md#simulator).
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

export function emailHeader(request: SimRequest): string | undefined {
  return headerValue(request, "HTTP-X-EMAIL")?.trim() || undefined;
}

function authenticate(store: PeriscopeStore, request: SimRequest): SimSite | undefined {
  const value = headerValue(request, "HTTP-X-PARTNER-AUTH");
  if (value === undefined) return undefined;
  const colon = value.indexOf(":");
  if (colon <= 0) return undefined;
  const site = store.get().sites[value.slice(0, colon).trim()];
  return site !== undefined && site.apiKey === value.slice(colon + 1).trim() ? site : undefined;
}

/**
 * Wraps a handler with the site's auth (401), the API family check (403: an RBAC site has no v1
 * users or groups, a v1 site no v2 users or roles), and test mode: `test_mode=true` on a write runs
 * the handler against a copy of the site, answers exactly as live would, and persists nothing.
 */
/** A route whose handler runs for an authenticated site of the given family (see `siteRoute`). */
export function familyRoute(
  store: PeriscopeStore,
  family: Family | ((name: string) => Family),
): (method: string, pattern: string, name: string, handler: SiteHandler) => SimRoute {
  return (method, pattern, name, handler) => ({
    method,
    pattern,
    name,
    handler: siteRoute(store, typeof family === "function" ? family(name) : family, handler),
  });
}

export function siteRoute(store: PeriscopeStore, family: Family, handler: SiteHandler): SimHandler {
  return (request) => {
    const site = authenticate(store, request);
    if (site === undefined) return fail(401, "unauthorized", "Invalid or missing HTTP-X-PARTNER-AUTH header");
    if (family === "v1" && site.rbac) {
      return fail(403, "forbidden", "This site uses role-based access: use /api/v2/users and /api/v1/roles");
    }
    if (family === "rbac" && !site.rbac) {
      return fail(403, "forbidden", "This site does not use role-based access: use /api/v1/users and /api/v1/groups");
    }
    const testMode = request.query.get("test_mode");
    if (testMode !== null && testMode !== "true" && testMode !== "false") {
      return fail(400, "bad_request", "test_mode must be true or false");
    }
    const state = store.get();
    if (testMode !== "true" || request.method === "GET") return handler(site, request, state.config);
    const response = handler(cloneSite(site), request, state.config);
    state.testModeLog.push({ site: site.name, method: request.method, path: request.path, status: response.status });
    return { ...response, headers: { ...response.headers, "x-test-mode": "true" } };
  };
}

/** A deep copy for a test-mode write; hand-written because structuredClone is ~5x slower on big sites. */
function cloneSite(site: SimSite): SimSite {
  return {
    ...site,
    users: site.users.map((user) => ({ ...user, groups: [...user.groups], roles: [...user.roles] })),
    groups: site.groups.map((group) => ({ ...group })),
    roles: site.roles.map((role) => ({
      ...role,
      privileges: [...role.privileges],
      permissions: [...role.permissions],
    })),
    dashboards: site.dashboards.map((dashboard) => ({ ...dashboard })),
  };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

export function emitId(id: number, config: PeriscopeSimConfig): number | string {
  return config.idType === "string" ? String(id) : id;
}

/** ASSUMPTION LIST_SHAPE. */
export function list(key: string, items: unknown[], config: PeriscopeSimConfig, extra: object = {}): SimResponse {
  if (config.listShape === "array") return { status: 200, body: items };
  if (config.listShape === "data") return { status: 200, body: { data: items, ...extra } };
  return { status: 200, body: { [key]: items, ...extra } };
}

export function userOut(site: SimSite, user: SimUser, config: PeriscopeSimConfig): Record<string, unknown> {
  const refs = site.rbac
    ? user.roles.map((id) => {
        const role = site.roles.find((item) => item.id === id);
        return config.refShape === "objects" ? { id: emitId(id, config), name: role?.name ?? "" } : emitId(id, config);
      })
    : user.groups.map((id) => {
        const group = site.groups.find((item) => item.id === id);
        return config.refShape === "objects"
          ? { id: emitId(id, config), name: group?.name ?? "" }
          : (group?.name ?? "");
      });
  return {
    id: emitId(user.id, config),
    first_name: user.first_name,
    last_name: user.last_name,
    email: user.email,
    [site.rbac ? "roles" : "groups"]: refs,
    created_at: user.created_at,
    invited_by_email: user.invited_by_email,
    status: user.status,
  };
}

export function groupOut(group: SimGroup, config: PeriscopeSimConfig): Record<string, unknown> {
  return { id: emitId(group.id, config), name: group.name };
}

export function roleOut(role: SimRole, config: PeriscopeSimConfig): Record<string, unknown> {
  return { ...role, id: emitId(role.id, config) };
}

/**
 * Email index per users array. Routes only append (`push`) or replace the array (`filter` on
 * delete) and never change an email, so an index that catches up on appended users stays exact;
 * without it every keyed request scanned the whole site (1,000 updates on 100,000 users took
 * seconds of simulator time in the benchmarks).
 */
const emailIndexes = new WeakMap<SimUser[], { indexed: number; byEmail: Map<string, SimUser> }>();

export function findUserByEmail(site: SimSite, email: string): SimUser | undefined {
  const key = email.trim().toLowerCase();
  let index = emailIndexes.get(site.users);
  if (index === undefined) {
    index = { indexed: 0, byEmail: new Map() };
    emailIndexes.set(site.users, index);
  }
  for (; index.indexed < site.users.length; index.indexed++) {
    const user = site.users[index.indexed];
    const userKey = user?.email.toLowerCase();
    if (user !== undefined && userKey !== undefined && !index.byEmail.has(userKey)) index.byEmail.set(userKey, user);
  }
  const found = index.byEmail.get(key);
  // A test may edit the state directly: trust the index only when the user still has that email.
  if (found !== undefined && found.email.toLowerCase() === key) return found;
  return site.users.find((user) => user.email.toLowerCase() === key);
}

export function findUserById(site: SimSite, id: string | undefined): SimUser | undefined {
  return site.users.find((user) => String(user.id) === id);
}

export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Checks the optional name fields of a user body; returns a 400 when one is not a string. */
export function checkNames(body: Record<string, unknown>): SimResponse | undefined {
  for (const field of ["first_name", "last_name"]) {
    if (body[field] !== undefined && typeof body[field] !== "string") {
      return fail(400, "bad_request", `${field} must be a string`);
    }
  }
  return undefined;
}

/** Validation shared by v1 and v2 user creation: email, duplicate (409), inviting admin. */
export function checkNewUser(site: SimSite, body: Record<string, unknown>): SimResponse | undefined {
  const email = body.email;
  if (typeof email !== "string" || !EMAIL_PATTERN.test(email.trim())) {
    return fail(400, "bad_request", "email is required and must be a valid email address");
  }
  const names = checkNames(body);
  if (names !== undefined) return names;
  // ASSUMPTION DUPLICATE.
  if (findUserByEmail(site, email) !== undefined) {
    return fail(409, "conflict", `A user with email ${email.trim()} already exists`);
  }
  const invitedBy = body.invited_by_email;
  if (typeof invitedBy !== "string" || findUserByEmail(site, invitedBy) === undefined) {
    return fail(400, "bad_request", "invited_by_email must be the email of an existing user on this site");
  }
  return undefined;
}

export function newUser(site: SimSite, body: Record<string, unknown>, now: number): SimUser {
  return {
    id: site.nextId++,
    email: String(body.email).trim(),
    first_name: typeof body.first_name === "string" ? body.first_name : "",
    last_name: typeof body.last_name === "string" ? body.last_name : "",
    groups: [],
    roles: [],
    created_at: new Date(now).toISOString(),
    invited_by_email: String(body.invited_by_email),
    status: "invited",
  };
}

/** The users list; ASSUMPTION PAGINATION: paged with the dashboards-style cursor when configured. */
export function pagedUsers(site: SimSite, request: SimRequest, config: PeriscopeSimConfig): SimResponse {
  const users = site.users.map((user) => userOut(site, user, config));
  const size = config.userPageSize;
  if (size === null || config.listShape === "array") return list("users", users, config);
  const startId = request.query.get("next_page_start");
  const start =
    startId === null
      ? 0
      : Math.max(
          0,
          site.users.findIndex((user) => String(user.id) === startId),
        );
  const page = users.slice(start, start + size);
  const next = site.users[start + size];
  return list("users", page, config, {
    next_page_start: next === undefined ? null : emitId(next.id, config),
    items_this_page: page.length,
  });
}
