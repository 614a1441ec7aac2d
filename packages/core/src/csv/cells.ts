import type { UserStatus } from "../model/desired.js";

// Compiled once: the per-row path must not build regular expressions.
const NON_ASCII = /[\u0080-\uffff]/;

/**
 * A cell as Roster compares it: surrounding whitespace trimmed (String#trim covers NBSP, U+3000 and
 * a stray BOM; csv-parse's own `trim` does not reach inside quotes) and NFC-normalised, so an "é"
 * typed on a Mac (decomposed) equals one typed on Windows. ASCII cells skip normalisation.
 */
export function cleanCell(raw: string): string {
  if (raw.length === 0) return raw;
  const trimmed = raw.trim();
  return NON_ASCII.test(trimmed) ? trimmed.normalize("NFC") : trimmed;
}

const WHITESPACE = /\s/;
const DOT = 0x2e;
// Characters that cannot appear unquoted in an address (RFC 5322 specials) and control chars.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this rejects
const FORBIDDEN = /[\x00-\x1f\x7f"(),:;<>[\\\]]/;

/**
 * Why `email` is not a usable address, or `undefined` when it is. Deliberately simple: one `@`,
 * a local part and a domain with a dot, no spaces or RFC specials. The vendor is the final judge;
 * this catches the typos a reviewer would miss (`jane.doe@example`, `jane@@x.com`, `a b@x.com`).
 */
export function emailProblem(email: string): string | undefined {
  // Index arithmetic rather than slices: this runs on every row of a large file.
  const at = email.indexOf("@");
  if (at === -1) return "it has no `@`";
  if (email.indexOf("@", at + 1) !== -1) return "it has more than one `@`";
  if (WHITESPACE.test(email)) return "it contains a space";
  if (FORBIDDEN.test(email)) return "it contains a character not allowed in an address";
  if (at === 0) return "nothing comes before the `@`";
  const end = email.length;
  if (at === end - 1) return "nothing comes after the `@`";
  if (email.charCodeAt(0) === DOT || email.charCodeAt(at - 1) === DOT || email.lastIndexOf("..", at) !== -1) {
    return "its name part has a misplaced dot";
  }
  const dot = email.indexOf(".", at + 1);
  if (dot === -1) return "its domain has no dot";
  if (dot === at + 1 || email.charCodeAt(end - 1) === DOT || email.indexOf("..", at + 1) !== -1) {
    return "its domain has an empty part";
  }
  return undefined;
}

/**
 * `status` values, matched case-insensitively. `active` and `deactivated` are the model's words;
 * the synonyms cover what admins write from other tools' vocabulary: Sigma "archived", Periscope
 * "inactive"/"disabled", and the verb forms. Anything else is an error, never a guess.
 */
const STATUS_WORDS: ReadonlyMap<string, UserStatus> = new Map<string, UserStatus>([
  ["active", "active"],
  ["activate", "active"],
  ["enabled", "active"],
  ["deactivated", "deactivated"],
  ["deactivate", "deactivated"],
  ["inactive", "deactivated"],
  ["disabled", "deactivated"],
  ["archived", "deactivated"],
]);

export function parseStatus(value: string): UserStatus | undefined {
  return STATUS_WORDS.get(value.toLowerCase());
}

/** Sigma's `isArchived` export column: True = deactivated, False = active (Excel writes TRUE). */
export function parseArchivedFlag(value: string): UserStatus | undefined {
  const lower = value.toLowerCase();
  if (lower === "true") return "deactivated";
  if (lower === "false") return "active";
  return undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Splits a `groups` cell by the configured separators (`;` by default, also `,` for Adobe). */
export function makeGroupSplitter(separators: readonly string[]): (cell: string) => string[] {
  const usable = separators.filter((s) => s.length > 0);
  const only = usable[0];
  if (usable.length === 1 && only !== undefined) return (cell) => cell.split(only);
  if (usable.length === 0) return (cell) => [cell];
  const pattern = new RegExp(usable.map(escapeRegExp).join("|"));
  return (cell) => cell.split(pattern);
}

/**
 * The group names in a cell: trimmed, empties dropped, de-duplicated case-insensitively keeping
 * the first spelling (vendors compare group names case-insensitively; a repeat is a typo).
 */
export function parseGroups(cell: string, split: (cell: string) => string[]): string[] {
  const parts = split(cell);
  if (parts.length === 1) {
    const name = cell.trim();
    return name === "" ? [] : [name];
  }
  const groups: string[] = [];
  for (const part of parts) {
    const name = part.trim();
    if (name === "" || containsIgnoringCase(groups, name)) continue;
    groups.push(name);
  }
  return groups;
}

function containsIgnoringCase(names: readonly string[], name: string): boolean {
  let key: string | undefined;
  for (const other of names) {
    if (other === name) return true;
    if (other.length !== name.length) continue;
    key ??= name.toLowerCase();
    if (other.toLowerCase() === key) return true;
  }
  return false;
}
