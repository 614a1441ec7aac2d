import type { Surface } from "./surface.js";

/**
 * How a plan treats what the file does not say. Every field has a safe default
 * (`defaultPolicy`): nothing absent from the file is touched, only groups named in the file are
 * managed, and destructive plans over the threshold are blocked.
 */
export type AbsentUserAction =
  /** Leave them alone; they are counted as unmanaged. */
  | "ignore"
  /** Remove them from the managed groups only (Adobe UST `remove-adobe-groups`). */
  | "remove-groups"
  /** Deactivate (Sigma archive, Adobe `removeFromOrg` without deleting the account). */
  | "deactivate"
  /** Delete where the vendor supports it (Periscope delete, Adobe `deleteAccount: true`). */
  | "delete";

export type GroupScope =
  /** Only groups named somewhere in the file are managed. */
  | "listed"
  /** A user's groups cell is exact: any other non-reserved membership is removed. */
  | "exact";

/** The choices of `absent-users` and `group-scope`, for every reader of them (CLI flags, Action inputs, roster.yml). */
export const ABSENT_USER_ACTIONS = [
  "ignore",
  "remove-groups",
  "deactivate",
  "delete",
] as const satisfies readonly AbsentUserAction[];
export const GROUP_SCOPES = ["listed", "exact"] as const satisfies readonly GroupScope[];

export interface Policy {
  readonly absentUsers: AbsentUserAction;
  readonly groupScope: GroupScope;
  /** Create a group the file names that the vendor lacks; otherwise it is a diagnostic. */
  readonly createMissingGroups: boolean;
  /** Emails (any case) that Roster never changes, in addition to the credentials' own user. */
  readonly protectedUsers: readonly string[];
  /**
   * Destructive changes above `max(floor(percent% of M), min(floor, floor(M / 2)))`, M the active
   * managed users, make a plan unsafe (plan/safety.ts `removalLimit`).
   */
  readonly removalThreshold: { readonly percent: number; readonly floor: number };
  /**
   * Acknowledgements of unsafe plans (`allow-removals: 7@3fa9c1d2`); a plan is allowed when one of
   * them names its destructive set (several Periscope sites: one each).
   */
  readonly allowRemovals?: readonly RemovalAcknowledgement[];
  /** Where messages are read, so hints name CLI flags or Action inputs (model/surface.ts). Default: action. */
  readonly surface?: Surface;
}

/**
 * What `allow-removals` says: the count and the short digest of the destructive changes the
 * reviewer saw. `digest` is absent when only a bare count was given, which acknowledges nothing.
 */
export interface RemovalAcknowledgement {
  readonly count: number;
  readonly digest?: string;
}

export const defaultPolicy: Policy = {
  absentUsers: "ignore",
  groupScope: "listed",
  createMissingGroups: false,
  protectedUsers: [],
  removalThreshold: { percent: 10, floor: 5 },
};
