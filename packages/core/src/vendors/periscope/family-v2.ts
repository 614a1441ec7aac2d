import type { CurrentUser, Directory } from "../../model/directory.js";
import { normaliseEmail } from "../../model/directory.js";
import { isNeeded } from "../../model/read-needs.js";
import type { PeriscopeV2Client } from "./client-v2.js";
import { indexGroups, nameKey, toCurrentGroup, toCurrentUser, toV2CreateBody, toV2UpdateBody } from "./mapping.js";
import { resolveUpdate, type SiteFamily, UnresolvedChangeError } from "./site-family.js";
import type { WireId } from "./wire-types.js";

/** Description given to roles Roster creates (the API requires the field, docs/vendors/periscope.md#v2-users-and-roles). */
export const CREATED_ROLE_DESCRIPTION = "Created by Roster from users.csv";

/**
 * RBAC sites: v2 users by id, roles by id (docs/vendors/periscope.md#v2-users-and-roles). The file names roles; Roster
 * resolves names to ids itself from the roles list.
 */
export function createV2Family(client: PeriscopeV2Client, invitedBy: string): SiteFamily {
  // ASSUMPTION IDS: remember each role id as the server typed it, to send it back the same way.
  const rawIds = new Map<string, WireId>();
  const wireId = (id: string): WireId => rawIds.get(id) ?? (/^\d+$/.test(id) ? Number(id) : id);

  return {
    api: "v2",
    groupNoun: "role",

    async read(onPage, needs) {
      const [users, roles] = await Promise.all([
        client.listUsers(onPage),
        needs.then((needed) => (isNeeded(needed.groups) ? client.listRoles() : [])),
      ]);
      for (const role of roles) rawIds.set(role.id, role.rawId);
      const index = indexGroups(roles);
      return {
        users: users.map((user) => toCurrentUser(user, index)),
        groups: roles.map(toCurrentGroup),
        self: invitedBy,
      };
    },

    startRun(directory: Directory, options) {
      const writeOptions = { testMode: options.testMode };
      const roleIds = new Map<string, WireId>(directory.groups.map((role) => [nameKey(role.name), wireId(role.id)]));
      const usersById = new Map<string, CurrentUser>(directory.users.map((user) => [user.id, user]));

      const idsFor = (names: readonly string[]): WireId[] =>
        names
          .filter((name) => !options.omitGroups.has(nameKey(name)))
          .map((name) => {
            const id = roleIds.get(nameKey(name));
            if (id !== undefined) return id;
            // A role the user holds that the roles list omits is shown by its id (mapping.refName);
            // keep it as it is.
            if (/^\d+$/.test(name)) return Number(name);
            throw new UnresolvedChangeError(`Role "${name}" does not exist on this site`);
          });

      return {
        async createGroup(name) {
          const created = await client.createRole(
            {
              name,
              description: CREATED_ROLE_DESCRIPTION,
              created_by_email: invitedBy,
              privileges: [],
              permissions: [],
            },
            writeOptions,
          );
          if (options.testMode) return;
          const role = created ?? (await client.listRoles()).find((item) => nameKey(item.name) === nameKey(name));
          if (role !== undefined) {
            rawIds.set(role.id, role.rawId);
            roleIds.set(nameKey(name), role.rawId);
          }
        },

        async createUser(user) {
          await client.createUser(toV2CreateBody(user, idsFor(user.groups), invitedBy), writeOptions);
        },

        async updateUser(operation) {
          const { names, memberships } = resolveUpdate(usersById, operation, idsFor);
          await client.updateUser(operation.userId, toV2UpdateBody(names, memberships), writeOptions);
        },

        async deleteUser(operation) {
          await client.deleteUser(operation.userId, writeOptions);
        },

        async userExists(email) {
          const users = await client.listUsers();
          return users.some((user) => normaliseEmail(user.email) === normaliseEmail(email));
        },

        async groupExists(name) {
          const roles = await client.listRoles();
          const role = roles.find((item) => nameKey(item.name) === nameKey(name));
          // A role created by a request whose answer was lost: remember its id, so the users
          // joining it later in this run can be sent (test "puts new users in a group whose create answer was lost", reliability/periscope-regressions.test.ts).
          if (role !== undefined && !options.testMode) {
            rawIds.set(role.id, role.rawId);
            roleIds.set(nameKey(name), role.rawId);
          }
          return role !== undefined;
        },
      };
    },
  };
}
