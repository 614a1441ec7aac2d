import { changeKey } from "./checksum.js";
import type { Plan } from "./types.js";

export type ChangeOrigin = "introduced" | "pending";

/**
 * For a pull request: which changes the PR introduces and which were already pending. The base
 * plan is the base branch's users.csv against the same directory; a change it also contains (same
 * kind, user or group, and payload; lines may have moved) is drift or an unapplied merge, not the
 * PR's doing. Matching counts duplicates, so one pending change never excuses two.
 */
export function classifyChanges(prPlan: Plan, basePlan: Plan | undefined): ChangeOrigin[] {
  const pending = new Map<string, number>();
  for (const change of basePlan?.changes ?? []) {
    const key = changeKey(change);
    pending.set(key, (pending.get(key) ?? 0) + 1);
  }
  return prPlan.changes.map((change) => {
    const key = changeKey(change);
    const left = pending.get(key) ?? 0;
    if (left === 0) return "introduced";
    pending.set(key, left - 1);
    return "pending";
  });
}
