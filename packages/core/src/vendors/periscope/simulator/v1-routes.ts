import type { SimRequest, SimResponse, SimRoute } from "../../../simulator/index.js";
import {
  checkNames,
  checkNewUser,
  emailHeader,
  fail,
  familyRoute,
  findUserByEmail,
  groupOut,
  isRecord,
  list,
  newUser,
  pagedUsers,
  userOut,
} from "./sim-common.js";
import { everyoneId, keepEveryone, type PeriscopeSimConfig, type PeriscopeStore, type SimSite } from "./state.js";

/**
 * v1 users (keyed by the HTTP-X-EMAIL header) and groups, for non-RBAC sites (docs/vendors/periscope.md#v1-users-and-groups,
 * docs/vendors/periscope.md#simulator). Update replaces the group list (ASSUMPTION V1_GROUPS_REPLACE); unknown group names are a
 * 400; an unknown email on update/delete is a 404.
 */

/** Group names → ids, case-insensitively (ASSUMPTION NAME_MATCH); a 400 naming the first unknown. */
function resolveGroups(site: SimSite, value: unknown): number[] | SimResponse {
  if (!Array.isArray(value) || value.some((item) => typeof item !== "string")) {
    return fail(400, "bad_request", "groups must be an array of group names");
  }
  const ids: number[] = [];
  for (const name of value as string[]) {
    const group = site.groups.find((item) => item.name.toLowerCase() === name.trim().toLowerCase());
    if (group === undefined) return fail(400, "bad_request", `Unknown group: ${name}`);
    if (!ids.includes(group.id)) ids.push(group.id);
  }
  return ids;
}

function listOrGetUser(site: SimSite, request: SimRequest, config: PeriscopeSimConfig): SimResponse {
  const email = emailHeader(request);
  if (email === undefined) return pagedUsers(site, request, config);
  const user = findUserByEmail(site, email);
  if (user === undefined) return fail(404, "not_found", `No user with email ${email}`);
  return { status: 200, body: { user: userOut(site, user, config) } };
}

function createUser(site: SimSite, request: SimRequest, config: PeriscopeSimConfig): SimResponse {
  const body = request.body;
  if (!isRecord(body)) return fail(400, "bad_request", "Expected a JSON object");
  const invalid = checkNewUser(site, body);
  if (invalid !== undefined) return invalid;
  const groups = resolveGroups(site, body.groups ?? []);
  if (!Array.isArray(groups)) return groups;
  const user = newUser(site, body, request.now);
  user.groups = keepEveryone(site, groups);
  site.users.push(user);
  return { status: 201, body: { user: userOut(site, user, config) } };
}

function updateUser(site: SimSite, request: SimRequest, config: PeriscopeSimConfig): SimResponse {
  const email = emailHeader(request);
  if (email === undefined) return fail(400, "bad_request", "HTTP-X-EMAIL header is required");
  const user = findUserByEmail(site, email);
  if (user === undefined) return fail(404, "not_found", `No user with email ${email}`);
  const body = request.body;
  if (!isRecord(body)) return fail(400, "bad_request", "Expected a JSON object");
  const names = checkNames(body);
  if (names !== undefined) return names;
  let groups: number[] | undefined;
  if (body.groups !== undefined) {
    const resolved = resolveGroups(site, body.groups);
    if (!Array.isArray(resolved)) return resolved;
    groups = resolved;
  }
  if (typeof body.first_name === "string") user.first_name = body.first_name;
  if (typeof body.last_name === "string") user.last_name = body.last_name;
  if (groups !== undefined) user.groups = keepEveryone(site, groups);
  return { status: 200, body: { user: userOut(site, user, config) } };
}

function deleteUser(site: SimSite, request: SimRequest): SimResponse {
  const email = emailHeader(request);
  if (email === undefined) return fail(400, "bad_request", "HTTP-X-EMAIL header is required");
  const user = findUserByEmail(site, email);
  if (user === undefined) return fail(404, "not_found", `No user with email ${email}`);
  site.users = site.users.filter((item) => item !== user);
  return { status: 204 };
}

function groupName(site: SimSite, body: unknown, exceptId?: number): string | SimResponse {
  if (!isRecord(body) || typeof body.name !== "string" || body.name.trim() === "") {
    return fail(400, "bad_request", "name is required");
  }
  const name = body.name.trim();
  const clash = site.groups.find((group) => group.name.toLowerCase() === name.toLowerCase() && group.id !== exceptId);
  if (clash !== undefined) return fail(409, "conflict", `A group named ${name} already exists`);
  return name;
}

function findGroup(site: SimSite, request: SimRequest) {
  return site.groups.find((group) => String(group.id) === request.params.id);
}

export function v1Routes(store: PeriscopeStore): SimRoute[] {
  const route = familyRoute(store, "v1");
  const groupNotFound = (request: SimRequest) => fail(404, "not_found", `No group with id ${request.params.id}`);
  return [
    route("GET", "/api/v1/users", "v1.users.list", listOrGetUser),
    route("POST", "/api/v1/users", "v1.users.create", createUser),
    route("PUT", "/api/v1/users", "v1.users.update", updateUser),
    // docs/vendors/periscope.md#simulator: accept PATCH for update too.
    route("PATCH", "/api/v1/users", "v1.users.update", updateUser),
    route("DELETE", "/api/v1/users", "v1.users.delete", (site, request) => deleteUser(site, request)),
    route("GET", "/api/v1/groups", "v1.groups.list", (site, _request, config) =>
      list(
        "groups",
        site.groups.map((group) => groupOut(group, config)),
        config,
      ),
    ),
    route("GET", "/api/v1/groups/:id", "v1.groups.get", (site, request, config) => {
      const group = findGroup(site, request);
      return group === undefined ? groupNotFound(request) : { status: 200, body: { group: groupOut(group, config) } };
    }),
    route("POST", "/api/v1/groups", "v1.groups.create", (site, request, config) => {
      const name = groupName(site, request.body);
      if (typeof name !== "string") return name;
      // The fields the vendor's samples send (ASSUMPTION GROUP_CREATE_BODY).
      for (const field of ["access", "created_by_email"]) {
        const value = isRecord(request.body) ? request.body[field] : undefined;
        if (typeof value !== "string" || value.trim() === "") return fail(400, "bad_request", `${field} is required`);
      }
      const group = { id: site.nextId++, name };
      site.groups.push(group);
      return { status: 201, body: { group: groupOut(group, config) } };
    }),
    route("PUT", "/api/v1/groups/:id", "v1.groups.update", (site, request, config) => {
      const group = findGroup(site, request);
      if (group === undefined) return groupNotFound(request);
      const name = groupName(site, request.body, group.id);
      if (typeof name !== "string") return name;
      group.name = name;
      return { status: 200, body: { group: groupOut(group, config) } };
    }),
    route("DELETE", "/api/v1/groups/:id", "v1.groups.delete", (site, request) => {
      const group = findGroup(site, request);
      if (group === undefined) return groupNotFound(request);
      if (group.id === everyoneId(site)) return fail(400, "bad_request", "The Everyone group cannot be deleted");
      site.groups = site.groups.filter((item) => item !== group);
      for (const user of site.users) user.groups = user.groups.filter((id) => id !== group.id);
      return { status: 204 };
    }),
  ];
}
