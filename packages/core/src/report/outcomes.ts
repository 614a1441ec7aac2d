import { canonicalJson } from "../plan/checksum.js";
import type { ApplyResult, ChangeKind, ChangeOutcome, Plan } from "../plan/types.js";

/**
 * The outcome of each change of `plan`, by index. Vendors return one result per change in plan
 * order; when the result is for an equal plan built separately, changes are matched by content.
 */
export function outcomesFor(plan: Plan, result: ApplyResult | undefined): (ChangeOutcome | undefined)[] {
  if (result === undefined) return plan.changes.map(() => undefined);
  const byIndex = plan.changes.map((change, index) => {
    const applied = result.results[index];
    return applied !== undefined && applied.change === change ? applied.outcome : undefined;
  });
  if (byIndex.every((outcome) => outcome !== undefined)) return byIndex;
  const queues = new Map<string, ChangeOutcome[]>();
  for (const applied of result.results) {
    const key = canonicalJson(applied.change);
    queues.set(key, [...(queues.get(key) ?? []), applied.outcome]);
  }
  return plan.changes.map((change) => queues.get(canonicalJson(change))?.shift());
}

export interface KindOutcomeCounts {
  applied: number;
  failed: number;
  skipped: number;
  unknown: number;
}

export function outcomeCountsByKind(
  plan: Plan,
  outcomes: readonly (ChangeOutcome | undefined)[],
): Map<ChangeKind, KindOutcomeCounts> {
  const counts = new Map<ChangeKind, KindOutcomeCounts>();
  plan.changes.forEach((change, index) => {
    const outcome = outcomes[index];
    if (outcome === undefined) return;
    const entry = counts.get(change.kind) ?? { applied: 0, failed: 0, skipped: 0, unknown: 0 };
    entry[outcome.status] += 1;
    counts.set(change.kind, entry);
  });
  return counts;
}
