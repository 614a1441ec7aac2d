import type { CurrentUser, Directory } from "../../model/directory.js";
import { normaliseEmail } from "../../model/directory.js";
import { isNeeded, type ReadNeeds } from "../../model/read-needs.js";
import type { NewUser } from "../../plan/types.js";
import type { Operation } from "./apply.js";
import type { Keep, PeriscopeV1Client, PeriscopeV2Client } from "./client.js";
import {
  directoryMapping,
  nameKey,
  resultingGroups,
  resultingNames,
  toV1CreateBody,
  toV1UpdateBody,
  toV2CreateBody,
  toV2UpdateBody,
} from "./mapping.js";
import type { ParsedGroup, ParsedUser } from "./wire-schemas.js";
import type { WireId } from "./wire-types.js";

/**
 * What the vendor glue needs from one API family (v1 users + groups, or v2 users + roles), so
 * apply and check are written once. `createV1Family` and `createV2Family` below implement it.
 */
export interface SiteFamily {
  readonly api: "v1" | "v2";
  readonly groupNoun: "group" | "role";
  /** Users always; the groups or roles list only when `needs` asks for groups (plan/read-needs.ts). */
  read(onPage: ((items: number) => void) | undefined, needs: Promise<ReadNeeds>): Promise<Directory>;
  startRun(directory: Directory, options: RunOptions): SiteRun;
}

export interface RunOptions {
  /** Send every write with `test_mode=true`. */
  readonly testMode: boolean;
  /**
   * Name keys of groups the plan creates. In a check they do not exist (test mode persists
   * nothing), so user requests leave them out (ASSUMPTION CHECK_CREATED_GROUPS).
   */
  readonly omitGroups: ReadonlySet<string>;
}

export type UpdateOperation = Extract<Operation, { kind: "update-user" }>;
export type DeleteOperation = Extract<Operation, { kind: "delete-user" }>;

/** One apply or check: remembers the groups it created so later users can join them. */
export interface SiteRun {
  createGroup(name: string): Promise<void>;
  createUser(user: NewUser): Promise<void>;
  updateUser(operation: UpdateOperation): Promise<void>;
  deleteUser(operation: DeleteOperation): Promise<void>;
  /** After an ambiguous failure (timeout after sending): did the user get created? */
  userExists(email: string): Promise<boolean>;
  groupExists(name: string): Promise<boolean>;
}

/** A change Roster cannot turn into a request (e.g. a role name with no id). A failed outcome. */
export class UnresolvedChangeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnresolvedChangeError";
  }
}

/**
 * What an update sends, in either family: the user as read before the run, both names (ASSUMPTION
 * UPDATE_NAMES), and, when memberships change, the full resulting list in the family's wire form
 * (ASSUMPTIONS V1_GROUPS_REPLACE, V2_ROLES_REPLACE: an update replaces the membership).
 */
export function resolveUpdate<Wire>(
  usersById: ReadonlyMap<string, CurrentUser>,
  operation: UpdateOperation,
  toWire: (names: readonly string[]) => Wire,
): { current: CurrentUser; names: ReturnType<typeof resultingNames>; memberships: Wire | undefined } {
  const current = usersById.get(operation.userId);
  if (current === undefined) {
    throw new UnresolvedChangeError(`User ${operation.email} was not in the directory read before this change`);
  }
  const membershipsChange = operation.add.length > 0 || operation.remove.length > 0;
  return {
    current,
    names: resultingNames(current, operation.fields),
    memberships: membershipsChange
      ? toWire(resultingGroups(current.groups, operation.add, operation.remove))
      : undefined,
  };
}

/**
 * One site's directory from its users listing and its groups (v1) or roles (v2) listing, both
 * requested at once, as ever. Each user is mapped to the directory's user as it is checked
 * (client.ts `listAll` with `keep`), so a site's one-answer listing of 100,000 users is never held
 * as raw objects, checked users and directory users at once. The mapping names memberships through
 * the groups, so it waits for them: the users listing checks each page's envelope as it arrives,
 * then checks and maps the page's items once the groups are in.
 *
 * Why not read the groups first: that adds the groups' round trip to every read. Why waiting costs
 * (next to) nothing: the groups list is short and the users answer long, so the groups are
 * usually in first; when not, the users page waits that long as parsed JSON, as it waited for
 * `Promise.all` before, and only a paged listing's next request goes out that much later.
 */
async function readDirectory(
  listUsers: (keep: Keep<ParsedUser, CurrentUser>) => Promise<CurrentUser[]>,
  groups: Promise<readonly ParsedGroup[]>,
  self: string,
): Promise<Directory> {
  const mapping = groups.then(directoryMapping);
  const toUser = mapping.then((made) => made.toUser);
  // A groups listing that fails is reported by Promise.all through `mapping`; a users listing that
  // fails before it waits for `toUser` leaves it unawaited.
  toUser.catch(() => undefined);
  const [users, made] = await Promise.all([listUsers(toUser), mapping]);
  return { users, groups: made.groups, self };
}

/** `access` of the groups Roster creates: the least a group grants (ASSUMPTION GROUP_CREATE_BODY). */
export const CREATED_GROUP_ACCESS = "View";

/** Non-RBAC sites: v1 users keyed by email, groups by name (docs/vendors/periscope.md#v1-users-and-groups). */
export function createV1Family(client: PeriscopeV1Client, invitedBy: string): SiteFamily {
  return {
    api: "v1",
    groupNoun: "group",

    async read(onPage, needs) {
      const groups = needs.then((needed) => (isNeeded(needed.groups) ? client.groups.list() : []));
      return readDirectory((keep) => client.users.list(onPage, keep), groups, invitedBy);
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
          const created = await client.groups.create(
            { name, access: CREATED_GROUP_ACCESS, created_by_email: invitedBy },
            writeOptions,
          );
          spelling.set(nameKey(name), created?.name ?? name);
        },

        async createUser(user) {
          await client.users.create(toV1CreateBody(user, wireGroups(user.groups), invitedBy), writeOptions);
        },

        async updateUser(operation) {
          // V1 addresses a user by email (ASSUMPTION V1_UPDATE).
          const { current, names, memberships } = resolveUpdate(usersById, operation, wireGroups);
          await client.users.update(current.email, toV1UpdateBody(names, memberships), writeOptions);
        },

        async deleteUser(operation) {
          const current = usersById.get(operation.userId);
          await client.users.delete(current?.email ?? operation.email, writeOptions);
        },

        async userExists(email) {
          const found = await client.users.get(email);
          return found !== undefined && normaliseEmail(found.email) === normaliseEmail(email);
        },

        async groupExists(name) {
          const groups = await client.groups.list();
          return groups.some((group) => nameKey(group.name) === nameKey(name));
        },
      };
    },
  };
}

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
      const roles = needs.then((needed) => (isNeeded(needed.groups) ? client.roles.list() : []));
      const directory = await readDirectory((keep) => client.users.list(onPage, keep), roles, invitedBy);
      for (const role of await roles) rawIds.set(role.id, role.rawId);
      return directory;
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
          const created = await client.roles.create(
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
          const role = created ?? (await client.roles.list()).find((item) => nameKey(item.name) === nameKey(name));
          if (role !== undefined) {
            rawIds.set(role.id, role.rawId);
            roleIds.set(nameKey(name), role.rawId);
          }
        },

        async createUser(user) {
          await client.users.create(toV2CreateBody(user, idsFor(user.groups), invitedBy), writeOptions);
        },

        async updateUser(operation) {
          const { names, memberships } = resolveUpdate(usersById, operation, idsFor);
          await client.users.update(operation.userId, toV2UpdateBody(names, memberships), writeOptions);
        },

        async deleteUser(operation) {
          await client.users.delete(operation.userId, writeOptions);
        },

        async userExists(email) {
          const emails = await client.users.list(undefined, (user) => normaliseEmail(user.email));
          return emails.includes(normaliseEmail(email));
        },

        async groupExists(name) {
          const roles = await client.roles.list();
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
