import { createHash } from "node:crypto";
import * as core from "@actions/core";
import type { ApplyResult, Plan, RunMode } from "@roster/core";
import { redactText } from "./secrets.js";

/** The step outputs (action.yml): small scalars only, never the plan itself (docs/plan-in-pr.md#outputs). */
export interface ActionOutputs {
  readonly mode: RunMode;
  readonly hasChanges: boolean;
  readonly creates: number;
  readonly updates: number;
  readonly removals: number;
  readonly failed: number;
  readonly planChecksum: string;
  readonly commentUrl: string;
  /** The full plan's JSON file under RUNNER_TEMP (artifact.ts); empty when no plan was made. */
  readonly fullPlanPath?: string;
}

/** One checksum for the run: the plan's own, or a sha256 over each target's in order. */
export function combinedChecksum(plans: readonly Plan[]): string {
  if (plans.length === 0) return "";
  if (plans.length === 1) return plans[0]?.checksum ?? "";
  return createHash("sha256")
    .update(plans.map((p) => p.checksum).join("\n"))
    .digest("hex");
}

export function summariseOutputs(
  mode: RunMode,
  plans: readonly Plan[],
  results: readonly ApplyResult[],
  commentUrl: string,
): ActionOutputs {
  let creates = 0;
  let removals = 0;
  let total = 0;
  for (const plan of plans) {
    creates += plan.counts["create-user"] + plan.counts["create-group"];
    removals += plan.counts.destructive;
    total += plan.counts.total;
  }
  return {
    mode,
    hasChanges: total > 0,
    creates,
    updates: total - creates - removals,
    removals,
    // A change whose outcome is unknown needs the same look as a failed one (and fails the step).
    failed: results.reduce((sum, r) => sum + r.counts.failed + (r.counts.unknown ?? 0), 0),
    planChecksum: combinedChecksum(plans),
    commentUrl,
  };
}

export function setOutputs(outputs: ActionOutputs): void {
  // Outputs reach later steps and their logs: the same redactor as every other report (secrets.ts).
  const set = (name: string, value: string) => core.setOutput(name, redactText(value));
  set("mode", outputs.mode);
  set("has-changes", String(outputs.hasChanges));
  set("creates", String(outputs.creates));
  set("updates", String(outputs.updates));
  set("removals", String(outputs.removals));
  set("failed", String(outputs.failed));
  set("plan-checksum", outputs.planChecksum);
  set("comment-url", outputs.commentUrl);
  set("full-plan-path", outputs.fullPlanPath ?? "");
}
