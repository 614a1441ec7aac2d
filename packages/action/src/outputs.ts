import { createHash } from "node:crypto";
import * as core from "@actions/core";
import type { ApplyResult, Plan, RunMode } from "@roster/core";

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
    failed: results.reduce((sum, r) => sum + r.counts.failed, 0),
    planChecksum: combinedChecksum(plans),
    commentUrl,
  };
}

export function setOutputs(outputs: ActionOutputs): void {
  core.setOutput("mode", outputs.mode);
  core.setOutput("has-changes", String(outputs.hasChanges));
  core.setOutput("creates", String(outputs.creates));
  core.setOutput("updates", String(outputs.updates));
  core.setOutput("removals", String(outputs.removals));
  core.setOutput("failed", String(outputs.failed));
  core.setOutput("plan-checksum", outputs.planChecksum);
  core.setOutput("comment-url", outputs.commentUrl);
}
