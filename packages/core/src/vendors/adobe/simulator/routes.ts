import { randomBytes } from "node:crypto";
import type { SimHandler, SimRequest, SimResponse, SimRoute } from "../../../simulator/index.js";
import type { UmapiUser } from "../wire-types.js";
import { handleAction } from "./actions.js";
import type { AdobeSimStore, SimUser } from "./state.js";
import { activeUsers, findGroup, findUser, memberCount } from "./state.js";
import { isObject } from "./step-errors.js";

/** UMAPI's root path (docs/vendors/adobe.md#reading-users-and-groups): every route below lives under it. */
export const UMAPI_PREFIX = "/v2/usermanagement";

function header(request: SimRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** IMS OAuth Server-to-Server token (UM-DOC UM_Authentication; v2 and v3 take the same grant). */
function tokenHandler(store: AdobeSimStore): SimHandler {
  return (request) => {
    const form = isObject(request.body) ? request.body : {};
    if (form.grant_type !== "client_credentials") {
      return {
        status: 400,
        body: { error: "unsupported_grant_type", error_description: "grant_type must be client_credentials" },
      };
    }
    if (form.client_id !== store.clientId || form.client_secret !== store.clientSecret) {
      return {
        status: 401,
        body: { error: "invalid_client", error_description: "invalid client_id or client_secret" },
      };
    }
    const scopes = typeof form.scope === "string" ? form.scope.split(",").map((s) => s.trim()) : [];
    if (!scopes.includes("user_management_sdk")) {
      return {
        status: 400,
        body: { error: "invalid_scope", error_description: "scope must include user_management_sdk" },
      };
    }
    const token = `sim-${randomBytes(16).toString("hex")}`;
    store.tokens.set(token, request.now + store.config.tokenTtlSeconds * 1000);
    return {
      status: 200,
      body: { access_token: token, token_type: "bearer", expires_in: store.config.tokenTtlSeconds },
    };
  };
}

/** The JWT exchange is gone (ADB-DEV: JWT credentials reached end of life on June 30, 2025). */
const jwtHandler: SimHandler = () => ({
  status: 400,
  body: {
    error: "invalid_grant",
    error_description:
      "Service Account (JWT) credentials reached end of life on June 30, 2025. Migrate to OAuth Server-to-Server credentials.",
  },
});

/** Bearer token, then X-Api-Key, then org id: the checks every UMAPI route makes (docs/vendors/adobe.md#simulator). */
function guarded(store: AdobeSimStore, handler: SimHandler): SimHandler {
  return (request) => {
    const requestId = header(request, "x-request-id");
    const echo = requestId !== undefined ? { "X-Request-Id": requestId } : {};
    const auth = header(request, "authorization") ?? "";
    const token = /^Bearer\s+(.+)$/i.exec(auth)?.[1];
    const expiry = token === undefined ? undefined : store.tokens.get(token);
    if (expiry === undefined || expiry <= request.now) {
      return {
        status: 401,
        headers: {
          ...echo,
          "WWW-Authenticate": 'Bearer realm="JIL", error="invalid_token", error_description="Invalid token"',
        },
      };
    }
    if (header(request, "x-api-key") !== store.clientId) return { status: 403, headers: echo };
    if (request.params.org !== store.orgId) {
      return {
        status: 400,
        headers: echo,
        body: { result: "error.organization.invalid_id", message: "Bad organization Id" },
      };
    }
    return Promise.resolve(handler(request)).then((response) => ({
      ...response,
      headers: { ...echo, ...response.headers },
    }));
  };
}

/** `directOnly=false` adds the product profiles a user gets through their user groups (docs/vendors/adobe.md#simulator). */
function groupsOf(store: AdobeSimStore, user: SimUser, request: SimRequest): string[] {
  if (request.query.get("directOnly") !== "false") return [...user.groups];
  const all = new Set(user.groups);
  for (const name of user.groups) for (const profile of findGroup(store, name)?.profiles ?? []) all.add(profile);
  return [...all];
}

function toWire(store: AdobeSimStore, user: SimUser, request: SimRequest): UmapiUser {
  return {
    id: user.id,
    email: user.email,
    status: "active",
    username: user.username,
    domain: user.domain,
    type: user.type,
    ...(user.firstname !== undefined ? { firstname: user.firstname } : {}),
    ...(user.lastname !== undefined ? { lastname: user.lastname } : {}),
    ...(user.country !== undefined ? { country: user.country } : {}),
    ...(request.query.get("excludeGroups") === "true" ? {} : { groups: groupsOf(store, user, request) }),
  };
}

interface Page<T> {
  readonly items: readonly T[];
  readonly headers: Record<string, string>;
  readonly lastPage: boolean;
  readonly beyond: boolean;
}

/** 0-based page from the path; a page past the end answers the last page (users, docs/vendors/adobe.md#reading-users-and-groups). */
function paginate<T>(items: readonly T[], pageParam: string | undefined, size: number): Page<T> {
  const requested = Math.max(0, Number.parseInt(pageParam ?? "0", 10) || 0);
  const pageCount = Math.max(1, Math.ceil(items.length / size));
  const page = Math.min(requested, pageCount - 1);
  return {
    items: items.slice(page * size, (page + 1) * size),
    lastPage: page === pageCount - 1,
    beyond: requested >= pageCount,
    headers: {
      "X-Total-Count": String(items.length),
      "X-Page-Count": String(pageCount),
      "X-Current-Page": String(page),
      "X-Page-Size": String(size),
    },
  };
}

function listUsers(store: AdobeSimStore): SimHandler {
  return (request) => {
    let users = activeUsers(store);
    const domain = request.query.get("domain");
    if (domain !== null) users = users.filter((u) => u.domain === domain.toLowerCase());
    const groupName = request.params.group;
    if (groupName !== undefined) {
      const group = findGroup(store, groupName);
      if (group === undefined) {
        return {
          status: 404,
          body: { lastPage: false, result: "error.group.not_found", message: `Not found: Group ${groupName}` },
        };
      }
      users = users.filter((u) => u.groups.includes(group.groupName));
    }
    const page = paginate(users, request.params.page, store.config.usersPageSize);
    return {
      status: 200,
      headers: page.headers,
      body: {
        lastPage: page.lastPage,
        result: "success",
        ...(groupName !== undefined ? { groupName } : {}),
        users: page.items.map((u) => toWire(store, u, request)),
      },
    };
  };
}

function getUser(store: AdobeSimStore): SimHandler {
  return (request) => {
    const name = request.params.user ?? "";
    const user = findUser(store, name, request.query.get("domain") ?? undefined, false);
    if (user === undefined || user.status !== "active") {
      return { status: 404, body: { result: "error.user.not_found", message: `User not found ${name}` } };
    }
    return { status: 200, body: { result: "success", user: toWire(store, user, request) } };
  };
}

function listGroups(store: AdobeSimStore): SimHandler {
  return (request) => {
    const page = paginate(store.groups, request.params.page, store.config.groupsPageSize);
    if (page.beyond) return { status: 404, headers: page.headers, body: { lastPage: true, result: "Not found" } };
    const groups = page.items.map((g) => ({
      groupId: g.groupId,
      groupName: g.groupName,
      type: g.type,
      memberCount: memberCount(store, g.groupName),
      ...(g.productName !== undefined ? { productName: g.productName } : {}),
      ...(g.licenseQuota !== undefined ? { licenseQuota: g.licenseQuota } : {}),
      ...(g.type === "USER_GROUP" || g.type === "PRODUCT_PROFILE" ? { adminGroupName: `_admin_${g.groupName}` } : {}),
    }));
    return { status: 200, headers: page.headers, body: { lastPage: page.lastPage, result: "success", groups } };
  };
}

function action(store: AdobeSimStore): SimHandler {
  return (request): SimResponse => handleAction(store, request.body, request.query.get("testOnly") === "true");
}

export function adobeRoutes(store: AdobeSimStore): SimRoute[] {
  const token = tokenHandler(store);
  return [
    { method: "POST", pattern: "/ims/token/v3", name: "ims.token", handler: token },
    { method: "POST", pattern: "/ims/token/v2", name: "ims.token", handler: token },
    { method: "POST", pattern: "/ims/exchange/jwt", name: "ims.jwt", handler: jwtHandler },
    { method: "POST", pattern: "/ims/exchange/jwt/", name: "ims.jwt", handler: jwtHandler },
    {
      method: "GET",
      pattern: `${UMAPI_PREFIX}/users/:org/:page`,
      name: "users.list",
      handler: guarded(store, listUsers(store)),
    },
    {
      method: "GET",
      pattern: `${UMAPI_PREFIX}/users/:org/:page/:group`,
      name: "users.list",
      handler: guarded(store, listUsers(store)),
    },
    {
      method: "GET",
      pattern: `${UMAPI_PREFIX}/organizations/:org/users/:user`,
      name: "users.get",
      handler: guarded(store, getUser(store)),
    },
    {
      method: "GET",
      pattern: `${UMAPI_PREFIX}/groups/:org/:page`,
      name: "groups.list",
      handler: guarded(store, listGroups(store)),
    },
    { method: "POST", pattern: `${UMAPI_PREFIX}/action/:org`, name: "action", handler: guarded(store, action(store)) },
  ];
}
