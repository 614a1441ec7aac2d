import type { ApplyResult, Plan } from "../plan/types.js";

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([, member]) => member !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, member]) => [key, sortKeys(member)]),
  );
}

/** The plan as stable JSON (sorted keys, two-space indent) for `--json` and artifacts. */
export function renderPlanJson(plan: Plan): string {
  return `${JSON.stringify(sortKeys(plan), null, 2)}\n`;
}

/** The apply report (plan, one outcome per change, counts, duration) as stable JSON. */
export function renderApplyJson(result: ApplyResult): string {
  return `${JSON.stringify(sortKeys(result), null, 2)}\n`;
}
