import type { Diagnostic } from "../diagnostics.js";

/**
 * The desired state: users.csv as data. A field that is `undefined` was blank in the file and is
 * therefore unmanaged: Roster leaves it as the vendor has it (Sigma's batch update script treats
 * blanks the same way and users rely on it).
 */
export type UserStatus = "active" | "deactivated";

/** Canonical column names of users.csv (README.md#userscsv-reference). */
export type CanonicalColumn =
  | "email"
  | "first_name"
  | "last_name"
  | "name"
  | "new_email"
  | "role"
  | "groups"
  | "status"
  | "country"
  | "type"
  | "username"
  | "domain";

export interface DesiredUser {
  /** Physical line in the file where this row starts (1-based). */
  readonly line: number;
  /**
   * The file this row is in, set only when several users files are read as one (roster.yml
   * `users: [people/*.csv]`); otherwise the row is in `DesiredState.file`.
   */
  readonly file?: string;
  /** The key: trimmed, NFC-normalised, lower-cased. */
  readonly email: string;
  /** The address as written (trimmed, NFC), used when creating the user so its case is kept. */
  readonly emailAsWritten: string;
  readonly firstName?: string;
  readonly lastName?: string;
  /** Normalised like `email`; the user's address after a rename. */
  readonly newEmail?: string;
  readonly newEmailAsWritten?: string;
  /** Account type as written (matched case-insensitively by the planner). */
  readonly role?: string;
  /**
   * Memberships as written, de-duplicated, in file order. `undefined`: the cell was blank, so
   * memberships are unmanaged for this user. `[]`: the cell held the explicit empty marker `-`,
   * so the user belongs to none of the managed groups.
   */
  readonly groups?: readonly string[];
  readonly status?: UserStatus;
  readonly country?: string;
  /** Adobe identity type as written (`adobeID`, `enterpriseID`, `federatedID`). */
  readonly type?: string;
  readonly username?: string;
  readonly domain?: string;
  /**
   * Sigma user attributes from `attr:<name>` columns. A key maps to a string to set, or to `null`
   * when the cell held `-` (unset). Blank cells are absent (unmanaged).
   */
  readonly attributes: Readonly<Record<string, string | null>>;
}

export interface DesiredState {
  /** The file name as given (repo-relative in the Action), used in every diagnostic. */
  readonly file: string;
  readonly users: readonly DesiredUser[];
  /** Physical line of the header row (1 unless comment or blank lines precede it; 0 when there is none). */
  readonly headerLine: number;
  /** 1-based column number of each canonical column present in the header. */
  readonly columns: Readonly<Partial<Record<CanonicalColumn, number>>>;
  /** 1-based column number of each `attr:<name>` column, keyed by attribute name. */
  readonly attributeColumns: Readonly<Record<string, number>>;
  /** Every group name written anywhere in the file, in first-seen order (the managed groups). */
  readonly groupsNamed: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
}

/** The explicit empty marker: `-` in `groups` or an `attr:` cell means "none", not "unmanaged". */
export const EMPTY_MARKER = "-";
