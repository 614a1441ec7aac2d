import { closest, distance } from "fastest-levenshtein";
import type { CanonicalColumn } from "../model/desired.js";

/**
 * Accepted header spellings of each canonical users.csv column (README.md#userscsv-reference). Header
 * names match case-insensitively, ignoring spaces, `_` and `-`, so every spelling below also
 * matches `First_Name`, `first-name`, `FIRSTNAME`... The aliases come from the files users already
 * have: Sigma's batch update CSV (`Email`, `First Name`, `New Email`, `Member Type`) and the Adobe
 * User Sync Tool users file (`firstname`, `lastname`, `country`, `groups`, `type`, `username`,
 * `domain`); see docs/csv-edge-cases.md and fixtures/public/.
 */
export const COLUMN_ALIASES: Readonly<Record<CanonicalColumn, readonly string[]>> = {
  email: ["email address", "user email"],
  first_name: ["firstname", "first name", "given name"],
  last_name: ["lastname", "last name", "surname"],
  name: ["full name"],
  new_email: ["new email"],
  role: ["member type", "account type"],
  groups: ["teams", "roles"],
  // `isArchived` (True/False) is Sigma's export column; it feeds `status` with inverted meaning.
  status: ["isArchived"],
  country: [],
  type: ["identity type"],
  username: [],
  domain: [],
};

/** The header spelling whose values are True/False rather than active/deactivated. */
export const ARCHIVED_FLAG_ALIAS = "isArchived";

/** Prefix of a Sigma user attribute column: `attr:Region`. */
export const ATTRIBUTE_PREFIX = "attr:";

const CANONICAL_COLUMNS = Object.keys(COLUMN_ALIASES) as CanonicalColumn[];

/** Lower-case and drop spaces, `_` and `-` (and NBSP), the comparison key of header names. */
export function headerKey(header: string): string {
  return header
    .normalize("NFC")
    .toLowerCase()
    .replace(/[\s_-]+/g, "");
}

const byKey = new Map<string, CanonicalColumn>();
for (const column of CANONICAL_COLUMNS) {
  byKey.set(headerKey(column), column);
  for (const alias of COLUMN_ALIASES[column]) byKey.set(headerKey(alias), column);
}
const ARCHIVED_FLAG_KEY = headerKey(ARCHIVED_FLAG_ALIAS);
const knownKeys = [...byKey.keys()];

/**
 * The canonical column a header cell names, `{ attribute }` for an `attr:<name>` column (the name
 * kept as written after the prefix, trimmed), or `undefined` when the header is not recognised.
 */
export function resolveColumn(header: string): CanonicalColumn | { attribute: string } | undefined {
  const trimmed = header.trim();
  if (trimmed.slice(0, ATTRIBUTE_PREFIX.length).toLowerCase() === ATTRIBUTE_PREFIX) {
    const attribute = trimmed.slice(ATTRIBUTE_PREFIX.length).trim().normalize("NFC");
    return attribute === "" ? undefined : { attribute };
  }
  return byKey.get(headerKey(trimmed));
}

/** True when the header is the `isArchived` spelling of `status` (values True/False). */
export function isArchivedFlagHeader(header: string): boolean {
  return headerKey(header) === ARCHIVED_FLAG_KEY;
}

/**
 * The canonical column a mistyped header most likely meant, for "did you mean `first_name`?".
 * Only close matches are offered (edit distance at most 2, or 40% of the name) so an unrelated
 * column such as `department` gets the list of accepted columns instead of a wild guess.
 */
export function suggestColumn(header: string): CanonicalColumn | undefined {
  const key = headerKey(header);
  if (key === "") return undefined;
  const match = closest(key, knownKeys);
  const limit = Math.max(2, Math.floor(key.length * 0.4));
  return distance(key, match) <= limit ? byKey.get(match) : undefined;
}

/** `email, first_name, ..., attr:<name>`: what an unknown-column message lists. */
export const ACCEPTED_COLUMNS_TEXT = `${CANONICAL_COLUMNS.join(", ")}, ${ARCHIVED_FLAG_ALIAS}, ${ATTRIBUTE_PREFIX}<name>`;
