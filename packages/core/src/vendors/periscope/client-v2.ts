import {
  listAll,
  membershipCollection,
  orUndefinedOn404,
  type PeriscopeHttp,
  sendWrite,
  testModeQuery,
  type WriteOptions,
} from "./client-common.js";
import { type ParsedGroup, type ParsedUser, parseSingle, userSchema } from "./wire-schemas.js";
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
    listUsers: (onPage) => listAll(http, USERS, "users", userSchema, "v2.users.list", onPage),

    async getUser(id) {
      const request = { method: "GET" as const, path: userPath(id), label: "v2.users.get" };
      const response = await orUndefinedOn404(http.request(request));
      return response === undefined ? undefined : parseSingle(request, response.body, "user", userSchema);
    },

    createUser: (body, options) =>
      sendWrite(
        http,
        { method: "POST", path: USERS, query: testModeQuery(options), json: body, label: "v2.users.create" },
        "user",
        userSchema,
      ),

    async updateUser(id, body, options) {
      await sendWrite(
        http,
        { method: "PUT", path: userPath(id), query: testModeQuery(options), json: body, label: "v2.users.update" },
        "user",
        userSchema,
      );
    },

    async deleteUser(id, options) {
      await sendWrite(
        http,
        { method: "DELETE", path: userPath(id), query: testModeQuery(options), label: "v2.users.delete" },
        "user",
        userSchema,
      );
    },

    listRoles: roles.list,
    getRole: roles.get,
    createRole: roles.create,
    updateRole: roles.update,
    deleteRole: roles.delete,
  };
}
