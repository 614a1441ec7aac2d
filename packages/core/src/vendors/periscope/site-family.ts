import type { CurrentUser, Directory } from "../../model/directory.js";
import type { ReadNeeds } from "../../model/read-needs.js";
import type { NewUser } from "../../plan/types.js";
import { resultingGroups, resultingNames } from "./mapping.js";
import type { Operation } from "./operations.js";

/**
 * What the vendor glue needs from one API family (v1 users + groups, or v2 users + roles), so
 * apply and check are written once. `family-v1.ts` and `family-v2.ts` implement it.
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
