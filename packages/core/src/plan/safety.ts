import { createHash } from "node:crypto";
import type { Diagnostic } from "../diagnostics.js";
import type { Policy } from "../model/policy.js";
import { settingHint } from "../model/surface.js";
import { canonicalJson } from "./checksum.js";
import type { Change, PlanSafety } from "./types.js";
import { isDestructive } from "./types.js";

/** Hex characters of the destructive set's sha256 that an acknowledgement carries. */
export const ACKNOWLEDGEMENT_DIGEST_LENGTH = 8;

/**
 * The short digest of exactly these destructive changes: sha256 over the canonical JSON of the
 * list, each change without its users.csv line (moving a row does not change what it does), first
 * 8 hex characters. Two different sets, even of the same size, get different digests.
 */
export function destructiveDigest(destructive: readonly Change[]): string {
  const canonical = canonicalJson(destructive.map((change) => ({ ...change, line: undefined })));
  return createHash("sha256").update(canonical).digest("hex").slice(0, ACKNOWLEDGEMENT_DIGEST_LENGTH);
}

/**
 * The largest number of destructive changes allowed without acknowledgement for `managedUsers`
 * active managed users: the percentage (rounded down; integer arithmetic keeps `10% of 30` at
 * exactly 3) or the floor, whichever is larger (octoDNS `MAX_SAFE_DELETE_PCENT` with
 * `MIN_EXISTING_RECORDS`). The floor never lifts the limit past half of them: emptying a small
 * organisation always needs an acknowledgement, whatever the floor. Only a percentage over 50,
 * which says so explicitly, allows more.
 */
export function removalLimit(managedUsers: number, threshold: Policy["removalThreshold"]): number {
  const { percent, floor } = threshold;
  const share = Math.floor((percent * managedUsers) / 100);
  return Math.max(share, Math.min(floor, Math.floor(managedUsers / 2)));
}

/**
 * The removal threshold (README.md#safety): more destructive changes than `removalLimit` make the
 * plan unsafe unless the policy acknowledges exactly this destructive set (`N@digest`), so a
 * different set, even of the same size, is blocked again.
 */
export function assessSafety(changes: readonly Change[], managedUsers: number, policy: Policy): PlanSafety {
  const destructiveChanges = changes.filter(isDestructive);
  const destructive = destructiveChanges.length;
  const limit = removalLimit(managedUsers, policy.removalThreshold);
  if (destructive <= limit) {
    return { destructive, managedUsers, limit, unsafe: false, acknowledgement: null, acknowledgementValue: null };
  }
  const needed = `${destructive}@${destructiveDigest(destructiveChanges)}`;
  const acknowledgement = settingHint("allow-removals", policy.surface ?? "action", needed);
  const ack = policy.allowRemovals;
  const given =
    ack === undefined ? undefined : ack.digest === undefined ? `${ack.count}` : `${ack.count}@${ack.digest}`;
  const unsafe = given !== needed;
  return {
    destructive,
    managedUsers,
    limit,
    unsafe,
    acknowledgement,
    acknowledgementValue: needed,
    ...(given !== undefined && unsafe ? { acknowledgementMismatch: { given, needed } } : {}),
  };
}

/** Why a given acknowledgement does not allow this plan, in a sentence; "" when none was given. */
export function mismatchSentence(safety: PlanSafety, policy: Pick<Policy, "surface">): string {
  const mismatch = safety.acknowledgementMismatch;
  if (mismatch === undefined) return "";
  const given = settingHint("allow-removals", policy.surface ?? "action", mismatch.given);
  return mismatch.given.includes("@")
    ? ` The acknowledgement given, "${given}", names a different set of destructive changes, so it does not apply to this plan.`
    : ` "${given}" is a bare count: an acknowledgement names the exact destructive changes (count@digest).`;
}

/** The PLAN_UNSAFE error: names the count, the limit and the exact acknowledgement. */
export function unsafeDiagnostic(safety: PlanSafety, policy: Policy, file: string): Diagnostic | undefined {
  if (!safety.unsafe || safety.acknowledgement === null) return undefined;
  const { percent, floor } = policy.removalThreshold;
  return {
    severity: "error",
    code: "PLAN_UNSAFE",
    file,
    line: 0,
    message:
      `Unsafe plan: ${safety.destructive} destructive changes exceed the limit of ${safety.limit} ` +
      `(${percent}% of ${safety.managedUsers} active managed users, at least ${floor}, at most half).` +
      `${mismatchSentence(safety, policy)} ` +
      `Review them, then acknowledge exactly these changes with "${safety.acknowledgement}".`,
  };
}
