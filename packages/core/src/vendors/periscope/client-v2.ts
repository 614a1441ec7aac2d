import { isHttpError } from "../../http/index.js";
import { listAll, type PeriscopeHttp, parseEchoed, testModeQuery, type WriteOptions } from "./client-common.js";
import { type ParsedGroup, type ParsedUser, parseGroup, parseUser, unwrapSingle } from "./wire-parse.js";
import type { CreateRoleBody, UpdateRoleBody, V2CreateUserBody, V2UpdateUserBody } from "./wire-types.js";

/**
 * Periscope API for RBAC sites: v2 users addressed by id, and roles under /api/v1/roles
 * (vendor-apis §2.3, endpoints verified via PD-COMM / PD-CODE). Wire only.
 */
export interface PeriscopeV2Client {
  listUsers(onPage?: (items: number) => void): Promise<ParsedUser[]>;
  getUser(id: string): Promise<ParsedUser | undefined>;
  createUser(body: V2CreateUserBody, options: WriteOptions): Promise<ParsedUser | undefined>;
  updateUser(id: string, body: V2UpdateUserBody, options: WriteOptions): Promise<void>;
  deleteUser(id: string, options: WriteOptions): Promise<void>;
  listRoles(): Promise<ParsedGroup[]>;
  getRole(id: string): Promise<ParsedGroup | undefined>;
  createRole(body: CreateRoleBody, options: WriteOptions): Promise<ParsedGroup | undefined>;
  updateRole(id: string, body: UpdateRoleBody, options: WriteOptions): Promise<void>;
  deleteRole(id: string, options: WriteOptions): Promise<void>;
}

const USERS = "/api/v2/users";
const ROLES = "/api/v1/roles";

async function getOrUndefined<T>(
  http: PeriscopeHttp,
  path: string,
  label: string,
  parse: (body: unknown) => T | undefined,
): Promise<T | undefined> {
  try {
    const response = await http.request({ method: "GET", path, label });
    return parse(response.body);
  } catch (error) {
    if (isHttpError(error) && error.status === 404) return undefined;
    throw error;
  }
}

function userPath(id: string): string {
  return `${USERS}/${encodeURIComponent(id)}`;
}

export function createPeriscopeV2Client(http: PeriscopeHttp): PeriscopeV2Client {
  return {
    async listUsers(onPage) {
      const items = await listAll(http, USERS, "users", "v2.users.list", onPage);
      return items.map(parseUser);
    },

    getUser(id) {
      return getOrUndefined(http, userPath(id), "v2.users.get", (body) => {
        const single = unwrapSingle(body, "user");
        return single === undefined ? undefined : parseUser(single);
      });
    },

    async createUser(body, options) {
      const response = await http.request({
        method: "POST",
        path: USERS,
        query: testModeQuery(options),
        json: body,
        label: "v2.users.create",
      });
      return parseEchoed(response.body, "user", parseUser);
    },

    async updateUser(id, body, options) {
      await http.request({
        method: "PUT",
        path: userPath(id),
        query: testModeQuery(options),
        json: body,
        label: "v2.users.update",
      });
    },

    async deleteUser(id, options) {
      await http.request({
        method: "DELETE",
        path: userPath(id),
        query: testModeQuery(options),
        label: "v2.users.delete",
      });
    },

    async listRoles() {
      const items = await listAll(http, ROLES, "roles", "roles.list");
      return items.map(parseGroup);
    },

    getRole(id) {
      return getOrUndefined(http, `${ROLES}/${encodeURIComponent(id)}`, "roles.get", (body) =>
        parseEchoed(body, "role", parseGroup),
      );
    },

    async createRole(body, options) {
      const response = await http.request({
        method: "POST",
        path: ROLES,
        query: testModeQuery(options),
        json: body,
        label: "roles.create",
      });
      return parseEchoed(response.body, "role", parseGroup);
    },

    async updateRole(id, body, options) {
      await http.request({
        method: "PUT",
        path: `${ROLES}/${encodeURIComponent(id)}`,
        query: testModeQuery(options),
        json: body,
        label: "roles.update",
      });
    },

    async deleteRole(id, options) {
      await http.request({
        method: "DELETE",
        path: `${ROLES}/${encodeURIComponent(id)}`,
        query: testModeQuery(options),
        label: "roles.delete",
      });
    },
  };
}
