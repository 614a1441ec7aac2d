import type { Diagnostic } from "../diagnostics.js";
import type { Policy } from "../model/policy.js";
import type { Change, PlanSafety } from "./types.js";
import { isDestructive } from "./types.js";

/**
 * The removal threshold (octoDNS `MAX_SAFE_DELETE_PCENT` with `MIN_EXISTING_RECORDS`; README.md#safety)
 * : more destructive changes than `max(floor, floor(percent% of managed users))` make the
 * plan unsafe unless the policy acknowledges exactly that number, so a different plan is blocked
 * again. Integer arithmetic keeps `10% of 30` at exactly 3.
 */
export function assessSafety(changes: readonly Change[], managedUsers: number, policy: Policy): PlanSafety {
  const destructive = changes.filter(isDestructive).length;
  const { percent, floor } = policy.removalThreshold;
  const limit = Math.max(floor, Math.floor((percent * managedUsers) / 100));
  if (destructive <= limit) {
    return { destructive, managedUsers, limit, unsafe: false, acknowledgement: null };
  }
  const acknowledgement = `allow-removals: ${destructive}`;
  const given = policy.allowRemovals;
  const unsafe = given !== destructive;
  return {
    destructive,
    managedUsers,
    limit,
    unsafe,
    acknowledgement,
    ...(given !== undefined && given !== destructive
      ? { acknowledgementMismatch: { given, needed: destructive } }
      : {}),
  };
}

/** The PLAN_UNSAFE error: names the count, the limit and the exact acknowledgement. */
export function unsafeDiagnostic(safety: PlanSafety, policy: Policy, file: string): Diagnostic | undefined {
  if (!safety.unsafe || safety.acknowledgement === null) return undefined;
  const { percent, floor } = policy.removalThreshold;
  const mismatch = safety.acknowledgementMismatch
    ? ` The acknowledgement given, "allow-removals: ${safety.acknowledgementMismatch.given}", names a different number, so it does not apply to this plan.`
    : "";
  return {
    severity: "error",
    code: "PLAN_UNSAFE",
    file,
    line: 0,
    message:
      `Unsafe plan: ${safety.destructive} destructive changes exceed the limit of ${safety.limit} ` +
      `(${percent}% of ${safety.managedUsers} users, at least ${floor}).${mismatch} ` +
      `Review them, then acknowledge exactly this number with "${safety.acknowledgement}".`,
  };
}
