import type { SimRequest, SimResponse, SimRoute } from "../../../simulator/index.js";
import {
  checkNames,
  checkNewUser,
  emitId,
  fail,
  familyRoute,
  findUserByEmail,
  findUserById,
  isRecord,
  list,
  newUser,
  pagedUsers,
  roleOut,
  userOut,
} from "./sim-common.js";
import { everyoneId, keepEveryone, type PeriscopeSimConfig, type PeriscopeStore, type SimSite } from "./state.js";

/**
 * RBAC sites: v2 users by id with role ids, roles under /api/v1/roles, and the paged dashboards
 * listing (docs/vendors/periscope.md#v2-users-and-roles, docs/vendors/periscope.md#simulator). Roles are given by id: a role name is a 400, which is how a
 * client that forgets to resolve names fails here as it would against the real API.
 */

function resolveRoles(site: SimSite, value: unknown): number[] | SimResponse {
  if (!Array.isArray(value)) return fail(400, "bad_request", "roles must be an array of role ids");
  const ids: number[] = [];
  for (const item of value) {
    const role = site.roles.find((candidate) => String(candidate.id) === String(item));
    if (role === undefined) return fail(400, "bad_request", `Unknown role id: ${String(item)}`);
    if (!ids.includes(role.id)) ids.push(role.id);
  }
  return ids;
}

function createUser(site: SimSite, request: SimRequest, config: PeriscopeSimConfig): SimResponse {
  const body = request.body;
  if (!isRecord(body)) return fail(400, "bad_request", "Expected a JSON object");
  const invalid = checkNewUser(site, body);
  if (invalid !== undefined) return invalid;
  const roles = resolveRoles(site, body.roles ?? []);
  if (!Array.isArray(roles)) return roles;
  const user = newUser(site, body, request.now);
  user.roles = keepEveryone(site, roles);
  site.users.push(user);
  return { status: 201, body: { user: userOut(site, user, config) } };
}

function updateUser(site: SimSite, request: SimRequest, config: PeriscopeSimConfig): SimResponse {
  const user = findUserById(site, request.params.id);
  if (user === undefined) return fail(404, "not_found", `No user with id ${request.params.id}`);
  const body = request.body;
  if (!isRecord(body)) return fail(400, "bad_request", "Expected a JSON object");
  const names = checkNames(body);
  if (names !== undefined) return names;
  let roles: number[] | undefined;
  if (body.roles !== undefined) {
    const resolved = resolveRoles(site, body.roles);
    if (!Array.isArray(resolved)) return resolved;
    roles = resolved;
  }
  if (typeof body.first_name === "string") user.first_name = body.first_name;
  if (typeof body.last_name === "string") user.last_name = body.last_name;
  if (roles !== undefined) user.roles = keepEveryone(site, roles);
  return { status: 200, body: { user: userOut(site, user, config) } };
}

/** A 400/409 for an invalid role body, else undefined. */
function checkRoleBody(site: SimSite, body: unknown, exceptId?: number): SimResponse | undefined {
  if (!isRecord(body)) return fail(400, "bad_request", "Expected a JSON object");
  if (body.name !== undefined || exceptId === undefined) {
    if (typeof body.name !== "string" || body.name.trim() === "") return fail(400, "bad_request", "name is required");
    const name = body.name.trim().toLowerCase();
    if (site.roles.some((role) => role.name.toLowerCase() === name && role.id !== exceptId)) {
      return fail(409, "conflict", `A role named ${body.name.trim()} already exists`);
    }
  }
  const actor = exceptId === undefined ? "created_by_email" : "updated_by_email";
  const email = body[actor];
  if (typeof email !== "string" || findUserByEmail(site, email) === undefined) {
    return fail(400, "bad_request", `${actor} must be the email of an existing user on this site`);
  }
  return undefined;
}

function findRole(site: SimSite, request: SimRequest) {
  return site.roles.find((role) => String(role.id) === request.params.id);
}

export function rbacRoutes(store: PeriscopeStore): SimRoute[] {
  // The dashboards listing answers on sites of either family.
  const route = familyRoute(store, (name) => (name === "dashboards.list" ? "any" : "rbac"));
  const userNotFound = (request: SimRequest) => fail(404, "not_found", `No user with id ${request.params.id}`);
  const roleNotFound = (request: SimRequest) => fail(404, "not_found", `No role with id ${request.params.id}`);
  return [
    route("GET", "/api/v2/users", "v2.users.list", pagedUsers),
    route("GET", "/api/v2/users/:id", "v2.users.get", (site, request, config) => {
      const user = findUserById(site, request.params.id);
      return user === undefined ? userNotFound(request) : { status: 200, body: { user: userOut(site, user, config) } };
    }),
    route("POST", "/api/v2/users", "v2.users.create", createUser),
    route("PUT", "/api/v2/users/:id", "v2.users.update", updateUser),
    route("DELETE", "/api/v2/users/:id", "v2.users.delete", (site, request) => {
      const user = findUserById(site, request.params.id);
      if (user === undefined) return userNotFound(request);
      site.users = site.users.filter((item) => item !== user);
      return { status: 204 };
    }),
    route("GET", "/api/v1/roles", "roles.list", (site, _request, config) =>
      list(
        "roles",
        site.roles.map((role) => roleOut(role, config)),
        config,
      ),
    ),
    route("GET", "/api/v1/roles/:id", "roles.get", (site, request, config) => {
      const role = findRole(site, request);
      return role === undefined ? roleNotFound(request) : { status: 200, body: { role: roleOut(role, config) } };
    }),
    route("POST", "/api/v1/roles", "roles.create", (site, request, config) => {
      const invalid = checkRoleBody(site, request.body);
      if (invalid !== undefined || !isRecord(request.body))
        return invalid ?? fail(400, "bad_request", "Expected a JSON object");
      const body = request.body;
      const role = {
        id: site.nextId++,
        name: String(body.name).trim(),
        description: typeof body.description === "string" ? body.description : "",
        privileges: Array.isArray(body.privileges) ? body.privileges : [],
        permissions: Array.isArray(body.permissions) ? body.permissions : [],
      };
      site.roles.push(role);
      return { status: 201, body: { role: roleOut(role, config) } };
    }),
    route("PUT", "/api/v1/roles/:id", "roles.update", (site, request, config) => {
      const role = findRole(site, request);
      if (role === undefined) return roleNotFound(request);
      const invalid = checkRoleBody(site, request.body, role.id);
      if (invalid !== undefined || !isRecord(request.body))
        return invalid ?? fail(400, "bad_request", "Expected a JSON object");
      const body = request.body;
      if (typeof body.name === "string") role.name = body.name.trim();
      if (typeof body.description === "string") role.description = body.description;
      if (Array.isArray(body.privileges)) role.privileges = body.privileges;
      if (Array.isArray(body.permissions)) role.permissions = body.permissions;
      return { status: 200, body: { role: roleOut(role, config) } };
    }),
    route("DELETE", "/api/v1/roles/:id", "roles.delete", (site, request) => {
      const role = findRole(site, request);
      if (role === undefined) return roleNotFound(request);
      if (role.id === everyoneId(site)) return fail(400, "bad_request", "The Everyone role cannot be deleted");
      site.roles = site.roles.filter((item) => item !== role);
      for (const user of site.users) user.roles = user.roles.filter((id) => id !== role.id);
      return { status: 204 };
    }),
    // docs/vendors/periscope.md#paging: the one documented pager, `next_page_start` + `items_this_page`.
    route("GET", "/api/v1/dashboards", "dashboards.list", (site, request, config) => {
      const startId = request.query.get("next_page_start");
      const start =
        startId === null
          ? 0
          : Math.max(
              0,
              site.dashboards.findIndex((d) => String(d.id) === startId),
            );
      const page = site.dashboards.slice(start, start + config.dashboardPageSize);
      const next = site.dashboards[start + config.dashboardPageSize];
      return {
        status: 200,
        body: {
          dashboards: page.map((d) => ({ id: emitId(d.id, config), name: d.name })),
          next_page_start: next === undefined ? null : emitId(next.id, config),
          items_this_page: page.length,
        },
      };
    }),
  ];
}
