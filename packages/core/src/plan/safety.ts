import { createHash } from "node:crypto";
import type { Diagnostic } from "../diagnostics.js";
import type { Policy } from "../model/policy.js";
import { type Surface, settingHint } from "../model/surface.js";
import { canonicalJson } from "./checksum.js";
import { targetLabel } from "./target-label.js";
import type { Change, Plan, PlanSafety } from "./types.js";
import { isDestructive } from "./types.js";

/** Hex characters of the destructive set's sha256 that an acknowledgement carries. */
export const ACKNOWLEDGEMENT_DIGEST_LENGTH = 8;

/**
 * The short digest of exactly these destructive changes: sha256 over the canonical JSON of the
 * list, each change without its users.csv line (moving a row does not change what it does), first
 * 8 hex characters. Two different sets, even of the same size, get different digests.
 */
export function destructiveDigest(destructive: readonly Change[]): string {
  const canonical = canonicalJson(destructive.map(destructivePart));
  return createHash("sha256").update(canonical).digest("hex").slice(0, ACKNOWLEDGEMENT_DIGEST_LENGTH);
}

/**
 * What a destructive change takes away, for the digest: the change without its users.csv line, and
 * for a downgrade only its role field (a name edited in the same row is not what was acknowledged).
 */
function destructivePart(change: Change): unknown {
  if (change.kind === "update-user") {
    return { ...change, line: undefined, fields: change.fields.filter((field) => field.field === "role") };
  }
  return { ...change, line: undefined };
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
  const given = policy.allowRemovals?.map((ack) =>
    ack.digest === undefined ? `${ack.count}` : `${ack.count}@${ack.digest}`,
  );
  const unsafe = given?.includes(needed) !== true;
  return {
    destructive,
    managedUsers,
    limit,
    unsafe,
    acknowledgement,
    acknowledgementValue: needed,
    ...(given !== undefined && unsafe ? { acknowledgementMismatch: { given: given.join(", "), needed } } : {}),
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

/** An input error: any error but the safety verdict (PLAN_UNSAFE), which is reported as `unsafe` on its own. */
const isInputError = (d: Diagnostic): boolean => d.severity === "error" && d.code !== "PLAN_UNSAFE";

/** The plan's input errors (`isInputError`), e.g. to count them in a report. */
export function inputErrors(plan: Pick<Plan, "diagnostics">): Diagnostic[] {
  return plan.diagnostics.filter(isInputError);
}

/** Whether the plan is invalid (it has input errors), whatever its safety verdict. */
export function hasInputErrors(plan: Pick<Plan, "diagnostics">): boolean {
  return plan.diagnostics.some(isInputError);
}

/**
 * Why an unsafe plan stops, for the reader on `surface`: the count, the limit, why a given
 * acknowledgement does not apply, and the exact one that would (as a CLI flag, or an Action input).
 * `acknowledgement` replaces the plan's own where the adapter spells it otherwise (a roster.yml
 * run's `allow-removals: sigma=7@3fa9c1d2`).
 */
export function unsafeMessage(
  plan: Pick<Plan, "vendor" | "target" | "safety">,
  surface: Surface,
  acknowledgement?: string,
): string {
  const { destructive, limit, managedUsers } = plan.safety;
  const given = acknowledgement ?? plan.safety.acknowledgement ?? settingHint("allow-removals", surface);
  const how = surface === "cli" ? `rerun with ${given}` : `set the input "${given}"`;
  return (
    `Refusing: the plan for ${targetLabel(plan)} is unsafe: ${destructive} destructive changes ` +
    `(deactivations, deletions, group removals, downgrades) exceed the limit of ${limit} ` +
    `for ${managedUsers} active managed users.${mismatchSentence(plan.safety, { surface })} ` +
    `Review the plan, then ${how} to acknowledge exactly these changes.`
  );
}
