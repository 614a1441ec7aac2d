import type { UserStatus } from "./desired.js";
import type { ReadNeeds } from "./read-needs.js";

/**
 * The current state as a vendor reports it, in vendor-neutral terms. Each vendor's `mapping.ts`
 * converts its wire objects into these.
 */
export interface CurrentUser {
  /** The vendor's own id (Sigma memberId, Periscope user id, Adobe username/email). */
  readonly id: string;
  /** As the vendor stores it (case kept). Roster compares `normaliseEmail(email)`. */
  readonly email: string;
  readonly firstName?: string;
  readonly lastName?: string;
  readonly role?: string;
  readonly status: UserStatus;
  /** Names of the groups (Sigma teams, Periscope groups/roles, Adobe groups and profiles). */
  readonly groups: readonly string[];
  /** Sigma user attribute values assigned to this user, by attribute name. */
  readonly attributes?: Readonly<Record<string, string>>;
  readonly country?: string;
  readonly type?: string;
  readonly username?: string;
  readonly domain?: string;
  /**
   * Set when the user holds an administrator role, saying which (e.g. `holds the Adobe admin role
   * _org_admin`): no absent-users policy removes such a user (plan/plan-absent.ts).
   */
  readonly admin?: string;
}

export interface CurrentGroup {
  readonly id: string;
  readonly name: string;
  /** Reserved by the vendor (Adobe `_org_admin`, `_admin_*`...): never added to or removed from. */
  readonly reserved?: boolean;
  /** Vendor-specific kind, e.g. Adobe `USER_GROUP` or `PRODUCT_PROFILE`. */
  readonly kind?: string;
}

export interface Directory {
  readonly users: readonly CurrentUser[];
  readonly groups: readonly CurrentGroup[];
  /** The account types the vendor accepts, as it spells them; `undefined` if it has none. */
  readonly roles?: readonly string[];
  /** User attribute names that exist in the vendor (Sigma). */
  readonly attributes?: readonly string[];
  /** The email of the identity whose credentials Roster uses, when the vendor can tell. */
  readonly self?: string;
  /**
   * What `read` read besides the users, when it was asked for less than everything
   * (`VendorContext.needs`); undefined: everything. What was not read is missing or partial here
   * (no group list, members of only the groups named, no attribute values), and the planner never
   * compares it (plan/read-needs.ts `restrictToRead`).
   */
  readonly read?: ReadNeeds;
}

const PRINTABLE_ASCII = /^[!-~]+$/;

/** Trimmed, NFC-normalised, lower-cased: the one way Roster compares email addresses. */
export function normaliseEmail(email: string): string {
  // Fast path for the common case (printable ASCII, nothing to trim): NFC leaves ASCII unchanged.
  if (PRINTABLE_ASCII.test(email)) return email.toLowerCase();
  return email
    .replace(/^[\s\u00a0\u3000\ufeff]+|[\s\u00a0\u3000\ufeff]+$/g, "")
    .normalize("NFC")
    .toLowerCase();
}
