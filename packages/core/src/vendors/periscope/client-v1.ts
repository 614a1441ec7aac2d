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
import { EMAIL_HEADER, type V1CreateGroupBody, type V1CreateUserBody, type V1UpdateUserBody } from "./wire-types.js";

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
  updateGroup(id: string, body: V1CreateGroupBody, options: WriteOptions): Promise<void>;
  deleteGroup(id: string, options: WriteOptions): Promise<void>;
}

const USERS = "/api/v1/users";
// ASSUMPTION GROUP_PATHS.
const GROUPS = "/api/v1/groups";

export function createPeriscopeV1Client(http: PeriscopeHttp): PeriscopeV1Client {
  const groups = membershipCollection<V1CreateGroupBody, V1CreateGroupBody>(http, GROUPS, "group", "v1.groups");
  return {
    async listUsers(onPage) {
      const items = await listAll(http, USERS, "users", "v1.users.list", onPage);
      return items.map(parseUser);
    },

    async getUser(email) {
      // The single-user read is the list URL plus HTTP-X-EMAIL (docs/vendors/periscope.md#v1-users-and-groups, verified).
      const response = await orUndefinedOn404(
        http.request({ method: "GET", path: USERS, headers: { [EMAIL_HEADER]: email }, label: "v1.users.get" }),
      );
      if (response === undefined) return undefined;
      const single = unwrapSingle(response.body, "user");
      if (single === undefined) return undefined;
      // A server that ignored the header would return the whole list; never mistake it for a user.
      if (Array.isArray(single.users)) {
        return (single.users as unknown[])
          .map(parseUser)
          .find((user) => user.email.toLowerCase() === email.toLowerCase());
      }
      return parseUser(single);
    },

    async createUser(body, options) {
      const response = await http.request({
        method: "POST",
        path: USERS,
        query: testModeQuery(options),
        json: body,
        label: "v1.users.create",
      });
      return parseEchoed(response.body, "user", parseUser);
    },

    async updateUser(email, body, options) {
      // ASSUMPTION V1_UPDATE: PUT, keyed by the header like the single-user read.
      await http.request({
        method: "PUT",
        path: USERS,
        query: testModeQuery(options),
        headers: { [EMAIL_HEADER]: email },
        json: body,
        label: "v1.users.update",
      });
    },

    async deleteUser(email, options) {
      // ASSUMPTION V1_DELETE.
      await http.request({
        method: "DELETE",
        path: USERS,
        query: testModeQuery(options),
        headers: { [EMAIL_HEADER]: email },
        label: "v1.users.delete",
      });
    },

    listGroups: groups.list,
    getGroup: groups.get,
    createGroup: groups.create,
    updateGroup: groups.update,
    deleteGroup: groups.delete,
  };
}
