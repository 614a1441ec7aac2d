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

export interface Policy {
  readonly absentUsers: AbsentUserAction;
  readonly groupScope: GroupScope;
  /** Create a group the file names that the vendor lacks; otherwise it is a diagnostic. */
  readonly createMissingGroups: boolean;
  /** Emails (any case) that Roster never changes, in addition to the credentials' own user. */
  readonly protectedUsers: readonly string[];
  /** Destructive changes above `max(floor, floor(percent% of managed users))` make a plan unsafe. */
  readonly removalThreshold: { readonly percent: number; readonly floor: number };
  /** The acknowledged number of destructive changes (`allow-removals: N`); must equal the plan's. */
  readonly allowRemovals?: number;
}

export const defaultPolicy: Policy = {
  absentUsers: "ignore",
  groupScope: "listed",
  createMissingGroups: false,
  protectedUsers: [],
  removalThreshold: { percent: 10, floor: 5 },
};
