import type { CurrentUser, Directory } from "../../model/directory.js";
import { normaliseEmail } from "../../model/directory.js";
import { isNeeded } from "../../model/read-needs.js";
import type { PeriscopeV1Client } from "./client-v1.js";
import { indexGroups, nameKey, toCurrentGroup, toCurrentUser, toV1CreateBody, toV1UpdateBody } from "./mapping.js";
import { resolveUpdate, type SiteFamily } from "./site-family.js";

/** `access` of the groups Roster creates: the least a group grants (ASSUMPTION GROUP_CREATE_BODY). */
export const CREATED_GROUP_ACCESS = "View";

/** Non-RBAC sites: v1 users keyed by email, groups by name (docs/vendors/periscope.md#v1-users-and-groups). */
export function createV1Family(client: PeriscopeV1Client, invitedBy: string): SiteFamily {
  return {
    api: "v1",
    groupNoun: "group",

    async read(onPage, needs) {
      const [users, groups] = await Promise.all([
        client.listUsers(onPage),
        needs.then((needed) => (isNeeded(needed.groups) ? client.listGroups() : [])),
      ]);
      const index = indexGroups(groups);
      return {
        users: users.map((user) => toCurrentUser(user, index)),
        groups: groups.map(toCurrentGroup),
        // The admin invitations name is the closest thing to "the credentials' own user": never
        // delete it, or every later invitation fails.
        self: invitedBy,
      };
    },

    startRun(directory: Directory, options) {
      const writeOptions = { testMode: options.testMode };
      const spelling = new Map(directory.groups.map((group) => [nameKey(group.name), group.name]));
      const usersById = new Map<string, CurrentUser>(directory.users.map((user) => [user.id, user]));
      // Send the site's own spelling of a group name; leave out groups a check cannot see yet.
      const wireGroups = (names: readonly string[]): string[] =>
        names
          .filter((name) => !options.omitGroups.has(nameKey(name)))
          .map((name) => spelling.get(nameKey(name)) ?? name);

      return {
        async createGroup(name) {
          // ASSUMPTION GROUP_CREATE_BODY: the fields the vendor's samples send.
          const created = await client.createGroup(
            { name, access: CREATED_GROUP_ACCESS, created_by_email: invitedBy },
            writeOptions,
          );
          spelling.set(nameKey(name), created?.name ?? name);
        },

        async createUser(user) {
          await client.createUser(toV1CreateBody(user, wireGroups(user.groups), invitedBy), writeOptions);
        },

        async updateUser(operation) {
          // V1 addresses a user by email (ASSUMPTION V1_UPDATE).
          const { current, names, memberships } = resolveUpdate(usersById, operation, wireGroups);
          await client.updateUser(current.email, toV1UpdateBody(names, memberships), writeOptions);
        },

        async deleteUser(operation) {
          const current = usersById.get(operation.userId);
          await client.deleteUser(current?.email ?? operation.email, writeOptions);
        },

        async userExists(email) {
          const found = await client.getUser(email);
          return found !== undefined && normaliseEmail(found.email) === normaliseEmail(email);
        },

        async groupExists(name) {
          const groups = await client.listGroups();
          return groups.some((group) => nameKey(group.name) === nameKey(name));
        },
      };
    },
  };
}
