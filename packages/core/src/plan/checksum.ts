import { createHash } from "node:crypto";
import type { Change, Plan } from "./types.js";

/**
 * JSON with object keys sorted and no whitespace, so equal data always gives equal text
 * (octoDNS hashes its plan data the same way to bind apply to the reviewed plan). `undefined`
 * object members are dropped, as JSON.stringify does.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") {
    const text = JSON.stringify(value);
    return text === undefined ? "null" : text;
  }
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, member]) => member !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, member]) => `${JSON.stringify(key)}:${canonicalJson(member)}`).join(",")}}`;
}

/** sha256 (hex) of the canonical JSON of `{version, vendor, target, changes}`. */
export function planChecksum(plan: Pick<Plan, "version" | "vendor" | "target" | "changes">): string {
  const data = { version: plan.version, vendor: plan.vendor, target: plan.target, changes: plan.changes };
  return createHash("sha256").update(canonicalJson(data)).digest("hex");
}

/** Plans print the first 12 characters of their checksum; that many identify a plan (48 bits). */
export const CHECKSUM_PREFIX_LENGTH = 12;

/**
 * Whether a reviewed checksum, as the user gave it, names this plan: the full sha256 or any prefix
 * of at least 12 hex digits (what `roster plan` prints), in either case.
 */
export function checksumMatches(given: string, checksum: string): boolean {
  const typed = given.trim().toLowerCase();
  return typed.length >= CHECKSUM_PREFIX_LENGTH && /^[0-9a-f]+$/.test(typed) && checksum.startsWith(typed);
}

/**
 * What a change does, independent of where it came from: the change without its users.csv line.
 * Two plans of the same directory share a key for the same pending change even when lines moved.
 */
export function changeKey(change: Change): string {
  return canonicalJson({ ...change, line: undefined });
}
