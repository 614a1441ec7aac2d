/**
 * How much of one kind of vendor data a plan needs: none of it, all of it, or only what concerns
 * the names given (groups or attributes the file names, as written; a vendor matches them
 * case-insensitively, as the planner does).
 */
export type NamedNeed = "none" | "all" | { readonly named: readonly string[] };

/**
 * Which kinds of vendor data a plan needs besides the users themselves, which are always read
 * (with the credentials' own identity: protection, the removal threshold and absent users all come
 * from them). The rule that derives it from users.csv and the policy is `readNeedsOf`
 * (plan/read-needs.ts); a vendor's `read` reads only these, and the directory it returns says what
 * it read (`Directory.read`), so the planner never compares a kind nobody read.
 */
export interface ReadNeeds {
  /** The account types the vendor accepts (Sigma `GET /v2/accountTypes`), to check `role` values. */
  readonly roles: boolean;
  /** The vendor's groups (names, ids, reserved ones) and, of those named or all, who is in them. */
  readonly groups: NamedNeed;
  /** User attributes (Sigma): their names, and the values of those named or all. */
  readonly attributes: NamedNeed;
}

/** Everything: what `read` loads when it is given no needs (`roster export`, direct callers). */
export const READ_EVERYTHING: ReadNeeds = Object.freeze({ roles: true, groups: "all", attributes: "all" });

/** Whether any of this kind is needed. */
export function isNeeded(need: NamedNeed): boolean {
  return need !== "none" && (typeof need === "string" || need.named.length > 0);
}

/**
 * Whether the data of the group or attribute `name` (as the vendor spells it) is needed: all of
 * the kind, or one of the names, compared case-insensitively like the planner's name matching.
 */
export function needsName(need: NamedNeed, name: string): boolean {
  if (typeof need === "string") return need === "all";
  const folded = name.toLowerCase();
  return need.named.some((named) => named.toLowerCase() === folded);
}

/** Whether what was read (`read`) holds everything `need` asks for. */
export function covers(read: NamedNeed, need: NamedNeed): boolean {
  if (!isNeeded(need) || read === "all") return true;
  if (need === "all" || read === "none") return false;
  return typeof need !== "string" && need.named.every((name) => needsName(read, name));
}

/** The needs a vendor's `read` was given (`VendorContext.needs`), once known; everything when none were. */
export async function awaitReadNeeds(needs: ReadNeeds | PromiseLike<ReadNeeds> | undefined): Promise<ReadNeeds> {
  return (await needs) ?? READ_EVERYTHING;
}
