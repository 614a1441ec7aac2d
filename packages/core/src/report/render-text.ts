import type { Diagnostic } from "../diagnostics.js";
import { formatLocation } from "../diagnostics.js";
import type { ApplyResult, Plan } from "../plan/types.js";
import { CHANGE_KIND_ORDER, isDestructive } from "../plan/types.js";
import { changeDetail, changeSubject, describeOutcome, KIND_TITLES } from "./describe-change.js";
import { escapeTerminal } from "./escape.js";
import { outcomesFor } from "./outcomes.js";

/** `users.csv:12:3: error: message [CODE]`, one per line, worst first as given. */
export function renderDiagnosticsText(diagnostics: readonly Diagnostic[]): string {
  return diagnostics
    .map((d) => `${escapeTerminal(formatLocation(d))}: ${d.severity}: ${escapeTerminal(d.message)} [${d.code}]`)
    .join("\n");
}

function headline(plan: Plan, result: ApplyResult | undefined): string {
  const where = `${plan.target === undefined ? plan.vendor : `${plan.vendor} (${plan.target})`}, ${plan.file}`;
  if (result !== undefined) {
    return result.counts.failed > 0
      ? `FAILED: ${result.counts.failed} of ${result.results.length} changes failed (${where})`
      : `APPLIED: ${result.counts.applied} changes applied (${where})`;
  }
  if (plan.diagnostics.some((d) => d.severity === "error" && d.code !== "PLAN_UNSAFE")) {
    return `INVALID ${plan.file}: nothing was changed; fix the errors below (${where})`;
  }
  if (plan.safety.unsafe) {
    return `UNSAFE PLAN: nothing was changed; ${plan.safety.destructive} destructive changes exceed the limit of ${plan.safety.limit}. Acknowledge with "${plan.safety.acknowledgement}" (${where})`;
  }
  return `DRY RUN: nothing was changed (${where})`;
}

/** A plain-text plan for a terminal: grouped by kind, each change with its `users.csv:LINE`, then a summary line. */
export function renderPlanText(plan: Plan, result?: ApplyResult): string {
  const outcomes = outcomesFor(plan, result);
  const lines = [escapeTerminal(headline(plan, result)), ""];
  for (const kind of CHANGE_KIND_ORDER) {
    const indexes = plan.changes.flatMap((change, index) => (change.kind === kind ? [index] : []));
    if (indexes.length === 0) continue;
    lines.push(`${KIND_TITLES[kind]} (${indexes.length})`);
    for (const index of indexes) {
      const change = plan.changes[index];
      if (change === undefined) continue;
      const where = change.line === null ? "(policy)" : `${change.file ?? plan.file}:${change.line}`;
      const flag = isDestructive(change) ? "!" : " ";
      const outcome = outcomes[index];
      const status = outcome === undefined ? "" : `  [${describeOutcome(outcome)}]`;
      lines.push(escapeTerminal(`  ${flag} ${where}  ${changeSubject(change)}  ${changeDetail(change)}${status}`));
    }
    lines.push("");
  }
  if (plan.diagnostics.length > 0) {
    lines.push(
      `Problems (${plan.diagnostics.length})`,
      ...renderDiagnosticsText(plan.diagnostics)
        .split("\n")
        .map((l) => `  ${l}`),
      "",
    );
  }
  const perKind = CHANGE_KIND_ORDER.filter((kind) => plan.counts[kind] > 0)
    .map((kind) => `${plan.counts[kind]} ${KIND_TITLES[kind].toLowerCase()}`)
    .join(", ");
  const applied =
    result === undefined
      ? ""
      : `; ${result.counts.applied} applied, ${result.counts.failed} failed, ${result.counts.skipped} skipped`;
  lines.push(
    `Summary: ${plan.counts.total} changes${perKind === "" ? "" : ` (${perKind})`}, ${plan.counts.destructive} destructive (limit ${plan.safety.limit})${applied}; ` +
      `${plan.counts.unchanged} unchanged, ${plan.counts.unmanaged} not in ${escapeTerminal(plan.file)}; checksum ${plan.checksum.slice(0, 12)}.`,
  );
  return lines.join("\n");
}
