import {
  listAll,
  membershipCollection,
  orUndefinedOn404,
  type PeriscopeHttp,
  parseEchoed,
  testModeQuery,
  type WriteOptions,
} from "./client-common.js";
import { type ParsedGroup, type ParsedUser, parseUser, unwrapSingle } from "./wire-parse.js";
import type { CreateRoleBody, UpdateRoleBody, V2CreateUserBody, V2UpdateUserBody } from "./wire-types.js";

/**
 * Periscope API for RBAC sites: v2 users addressed by id, and roles under /api/v1/roles
 * (docs/vendors/periscope.md#v2-users-and-roles, endpoints verified via PD-COMM / PD-CODE). Wire only.
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

function userPath(id: string): string {
  return `${USERS}/${encodeURIComponent(id)}`;
}

export function createPeriscopeV2Client(http: PeriscopeHttp): PeriscopeV2Client {
  const roles = membershipCollection<CreateRoleBody, UpdateRoleBody>(http, ROLES, "role", "roles");
  return {
    async listUsers(onPage) {
      const items = await listAll(http, USERS, "users", "v2.users.list", onPage);
      return items.map(parseUser);
    },

    async getUser(id) {
      const response = await orUndefinedOn404(
        http.request({ method: "GET", path: userPath(id), label: "v2.users.get" }),
      );
      const single = response === undefined ? undefined : unwrapSingle(response.body, "user");
      return single === undefined ? undefined : parseUser(single);
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

    listRoles: roles.list,
    getRole: roles.get,
    createRole: roles.create,
    updateRole: roles.update,
    deleteRole: roles.delete,
  };
}
