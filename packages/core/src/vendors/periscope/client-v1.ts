import {
  listAll,
  membershipCollection,
  orUndefinedOn404,
  type PeriscopeHttp,
  sendWrite,
  testModeQuery,
  type WriteOptions,
} from "./client-common.js";
import { listPageSchema, type ParsedGroup, type ParsedUser, parseSingle, userSchema } from "./wire-schemas.js";

/** `{user: {...}}` or a bare user object: what a single-user read answers (ASSUMPTION SINGLE_SHAPE). */
function isSingleUser(body: unknown): boolean {
  if (body === null || typeof body !== "object" || Array.isArray(body)) return false;
  return "user" in body || "email" in body;
}

import {
  EMAIL_HEADER,
  type V1CreateGroupBody,
  type V1CreateUserBody,
  type V1UpdateGroupBody,
  type V1UpdateUserBody,
} from "./wire-types.js";

/**
 * Periscope v1 API for non-RBAC sites: users keyed by the `HTTP-X-EMAIL` header, and groups
 * (docs/vendors/periscope.md#v1-users-and-groups). Wire only: no mapping, no plan logic.
 */
export interface PeriscopeV1Client {
  listUsers(onPage?: (items: number) => void): Promise<ParsedUser[]>;
  /** `undefined` when the server answers 404. */
  getUser(email: string): Promise<ParsedUser | undefined>;
  /** The created user when the server echoes it. */
  createUser(body: V1CreateUserBody, options: WriteOptions): Promise<ParsedUser | undefined>;
  updateUser(email: string, body: V1UpdateUserBody, options: WriteOptions): Promise<void>;
  deleteUser(email: string, options: WriteOptions): Promise<void>;
  listGroups(): Promise<ParsedGroup[]>;
  getGroup(id: string): Promise<ParsedGroup | undefined>;
  createGroup(body: V1CreateGroupBody, options: WriteOptions): Promise<ParsedGroup | undefined>;
  updateGroup(id: string, body: V1UpdateGroupBody, options: WriteOptions): Promise<void>;
  deleteGroup(id: string, options: WriteOptions): Promise<void>;
}

const USERS = "/api/v1/users";
// ASSUMPTION GROUP_PATHS.
const GROUPS = "/api/v1/groups";

export function createPeriscopeV1Client(http: PeriscopeHttp): PeriscopeV1Client {
  const groups = membershipCollection<V1CreateGroupBody, V1UpdateGroupBody>(http, GROUPS, "group", "v1.groups");
  return {
    listUsers: (onPage) => listAll(http, USERS, "users", userSchema, "v1.users.list", onPage),

    async getUser(email) {
      // The single-user read is the list URL plus HTTP-X-EMAIL (docs/vendors/periscope.md#v1-users-and-groups, verified).
      const request = {
        method: "GET" as const,
        path: USERS,
        headers: { [EMAIL_HEADER]: email },
        label: "v1.users.get",
      };
      const response = await orUndefinedOn404(http.request(request));
      if (response === undefined) return undefined;
      // A server that ignored the header would return the whole list; never mistake it for a user.
      const asList = listPageSchema("users", userSchema).safeParse(response.body);
      if (asList.success && !isSingleUser(response.body)) {
        return asList.data.items.find((user) => user.email.toLowerCase() === email.toLowerCase());
      }
      return parseSingle(request, response.body, "user", userSchema);
    },

    createUser: (body, options) =>
      sendWrite(
        http,
        { method: "POST", path: USERS, query: testModeQuery(options), json: body, label: "v1.users.create" },
        "user",
        userSchema,
      ),

    async updateUser(email, body, options) {
      // ASSUMPTION V1_UPDATE: PUT, keyed by the header like the single-user read.
      await sendWrite(
        http,
        {
          method: "PUT",
          path: USERS,
          query: testModeQuery(options),
          headers: { [EMAIL_HEADER]: email },
          json: body,
          label: "v1.users.update",
        },
        "user",
        userSchema,
      );
    },

    async deleteUser(email, options) {
      // ASSUMPTION V1_DELETE.
      await sendWrite(
        http,
        {
          method: "DELETE",
          path: USERS,
          query: testModeQuery(options),
          headers: { [EMAIL_HEADER]: email },
          label: "v1.users.delete",
        },
        "user",
        userSchema,
      );
    },

    listGroups: groups.list,
    getGroup: groups.get,
    createGroup: groups.create,
    updateGroup: groups.update,
    deleteGroup: groups.delete,
  };
}
