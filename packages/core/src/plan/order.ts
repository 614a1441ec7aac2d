import { canonicalJson } from "./checksum.js";
import type { Change, ChangeKind, PlanCounts } from "./types.js";
import { CHANGE_KIND_ORDER, isDestructive } from "./types.js";

const kindRank = new Map<ChangeKind, number>(CHANGE_KIND_ORDER.map((kind, index) => [kind, index]));

function subjectOf(change: Change): string {
  return change.kind === "create-group" ? change.group : change.email;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** CHANGE_KIND_ORDER, then users.csv line (policy changes, `line: null`, last), then email or group. */
export function compareChanges(a: Change, b: Change): number {
  return (
    (kindRank.get(a.kind) ?? 0) - (kindRank.get(b.kind) ?? 0) ||
    (a.line ?? Number.MAX_SAFE_INTEGER) - (b.line ?? Number.MAX_SAFE_INTEGER) ||
    compareText(subjectOf(a), subjectOf(b)) ||
    // Same user, same line, same kind (several attributes): the payload decides, so order never
    // depends on the order the planner happened to produce them in.
    compareText(canonicalJson(a), canonicalJson(b))
  );
}

export function sortChanges(changes: readonly Change[]): Change[] {
  return [...changes].sort(compareChanges);
}

export function emptyKindCounts(): Record<ChangeKind, number> {
  return Object.fromEntries(CHANGE_KIND_ORDER.map((kind) => [kind, 0])) as Record<ChangeKind, number>;
}

export function countChanges(changes: readonly Change[], people: { unmanaged: number; unchanged: number }): PlanCounts {
  const perKind = emptyKindCounts();
  let destructive = 0;
  for (const change of changes) {
    perKind[change.kind] += 1;
    if (isDestructive(change)) destructive += 1;
  }
  return { ...perKind, total: changes.length, destructive, unmanaged: people.unmanaged, unchanged: people.unchanged };
}
