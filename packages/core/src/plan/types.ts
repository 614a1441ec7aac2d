import type { Diagnostic } from "../diagnostics.js";
import type { UserStatus } from "../model/desired.js";

/** A user field a plan can change on an existing user (see `Capabilities.updatableFields`). */
export type UserField = "firstName" | "lastName" | "role" | "username" | "country";

export interface FieldChange {
  readonly field: UserField;
  /** `null` when the vendor had no value. */
  readonly from: string | null;
  readonly to: string;
}

export interface NewUser {
  readonly email: string;
  /** As written in the file, to create the account with the address's own case. */
  readonly emailAsWritten: string;
  readonly firstName?: string;
  readonly lastName?: string;
  /** The vendor's spelling of the account type. */
  readonly role?: string;
  readonly groups: readonly string[];
  readonly attributes: Readonly<Record<string, string>>;
  readonly status: UserStatus;
  readonly country?: string;
  readonly type?: string;
  readonly username?: string;
  readonly domain?: string;
}

interface UserChangeBase {
  readonly email: string;
  readonly line: number | null;
  /** The users file of `line`, set only when several files are read as one (roster.yml `users:` list). */
  readonly file?: string;
}

interface ExistingUserChangeBase extends UserChangeBase {
  readonly userId: string;
}

export type Change =
  | ({ readonly kind: "create-group"; readonly group: string } & Omit<UserChangeBase, "email">)
  | ({ readonly kind: "create-user"; readonly user: NewUser } & UserChangeBase)
  | ({ readonly kind: "rename-email"; readonly to: string; readonly toAsWritten: string } & ExistingUserChangeBase)
  | ({
      readonly kind: "update-user";
      readonly fields: readonly FieldChange[];
      readonly downgrade: boolean;
    } & ExistingUserChangeBase)
  | ({ readonly kind: "reactivate-user" } & ExistingUserChangeBase)
  | ({ readonly kind: "add-to-groups"; readonly groups: readonly string[] } & ExistingUserChangeBase)
  | ({ readonly kind: "remove-from-groups"; readonly groups: readonly string[] } & ExistingUserChangeBase)
  | ({
      readonly kind: "set-attribute";
      readonly attribute: string;
      readonly from: string | null;
      readonly to: string;
    } & ExistingUserChangeBase)
  | ({ readonly kind: "unset-attribute"; readonly attribute: string; readonly from: string } & ExistingUserChangeBase)
  | ({ readonly kind: "deactivate-user" } & ExistingUserChangeBase)
  | ({ readonly kind: "delete-user" } & ExistingUserChangeBase);

export type ChangeKind = Change["kind"];

/** The order changes are listed and applied in: groups before the users that join them. */
export const CHANGE_KIND_ORDER: readonly ChangeKind[] = [
  "create-group",
  "create-user",
  "rename-email",
  "update-user",
  "reactivate-user",
  "add-to-groups",
  "remove-from-groups",
  "set-attribute",
  "unset-attribute",
  "deactivate-user",
  "delete-user",
];

/** A change that takes access away. Counted against the safety threshold. */
export function isDestructive(change: Change): boolean {
  switch (change.kind) {
    case "deactivate-user":
    case "delete-user":
    case "remove-from-groups":
      return true;
    case "update-user":
      return change.downgrade;
    default:
      return false;
  }
}

export interface PlanSafety {
  /** Number of destructive changes in the plan. */
  readonly destructive: number;
  /**
   * The users the threshold protects and is measured against: active users Roster manages in this
   * plan (archived or deactivated users, protected identities and absent users the policy leaves
   * alone are not counted).
   */
  readonly managedUsers: number;
  /** The largest destructive count allowed without acknowledgement. */
  readonly limit: number;
  /** True when `destructive > limit` and no matching acknowledgement was given. */
  readonly unsafe: boolean;
  /**
   * The exact acknowledgement that allows this plan, as typed on the policy's surface:
   * `allow-removals: 7@3fa9c1d2` (Action) or `--allow-removals 7@3fa9c1d2` (CLI); null when safe.
   */
  readonly acknowledgement: string | null;
  /** Its value alone, `7@3fa9c1d2`: the count and the digest of the destructive changes; null when safe. */
  readonly acknowledgementValue: string | null;
  /** Set when an acknowledgement was given that does not name this plan's destructive set. */
  readonly acknowledgementMismatch?: { readonly given: string; readonly needed: string };
}

export type PlanCounts = Readonly<Record<ChangeKind, number>> & {
  readonly total: number;
  readonly destructive: number;
  /** Users in the vendor the file does not mention and the policy leaves alone. */
  readonly unmanaged: number;
  /** Users in the file that need no change. */
  readonly unchanged: number;
};

/**
 * A plan is data: an ordered list of changes, each traceable to the users.csv line that caused it
 * (`line: null` for changes caused by the policy, e.g. deactivating a user absent from the file).
 * Users are keyed by `email` (normalised); `userId` is the vendor's id when the user exists.
 */
export interface Plan {
  readonly version: 1;
  readonly vendor: string;
  /** A vendor's sub-target, e.g. a Periscope site; absent for single-target vendors. */
  readonly target?: string;
  readonly file: string;
  readonly changes: readonly Change[];
  readonly counts: PlanCounts;
  readonly safety: PlanSafety;
  readonly diagnostics: readonly Diagnostic[];
  /** sha256 (hex) of the canonical JSON of `{version, vendor, target, changes}`. */
  readonly checksum: string;
}

/** What happened to one change when a plan was applied. Counts are per change. */
export type ChangeOutcome =
  | { readonly status: "applied" }
  | {
      readonly status: "failed";
      /** The vendor's own message, secrets redacted. */
      readonly message: string;
      /** The vendor's error code or HTTP status, when known. */
      readonly code?: string;
      readonly requestId?: string;
    }
  | { readonly status: "skipped"; readonly reason: string }
  | {
      /**
       * The change was sent but its outcome is not known: the answer was lost or malformed (an
       * empty or non-JSON 200), or the apply stopped while it was in flight. The vendor may or may
       * not have made it; the next plan reads the truth back.
       */
      readonly status: "unknown";
      readonly message: string;
      readonly code?: string;
      readonly requestId?: string;
    };

export type OutcomeStatus = ChangeOutcome["status"];

export interface AppliedChange {
  readonly change: Change;
  readonly outcome: ChangeOutcome;
}

export interface ApplyResult {
  readonly plan: Plan;
  readonly results: readonly AppliedChange[];
  readonly counts: {
    readonly applied: number;
    readonly failed: number;
    readonly skipped: number;
    /** Changes whose outcome is unknown; present only when there are some. */
    readonly unknown?: number;
  };
  /** Wall time of the apply in milliseconds. */
  readonly durationMs: number;
}
