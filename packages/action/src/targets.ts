import * as core from "@actions/core";
import type { ChangeOrigin, DesiredState, Directory, Logger, Plan, Vendor } from "@roster/core";
import {
  applyForVendor,
  classifyChanges,
  hasErrors,
  planChanges,
  planForVendor,
  readUsersCsv,
  targetLabel,
} from "@roster/core";
import type { RunFacts } from "./context.js";
import type { GitHubApi } from "./github.js";
import { supersededCheck } from "./head-check.js";
import type { ActionInputs } from "./inputs.js";
import type { TargetReport } from "./report.js";
import { warnGitHubFailure } from "./report.js";

/** One vendor target (a Periscope site, or the one Sigma/Adobe org): plan or apply it. */
export interface TargetStep {
  readonly vendor: Vendor;
  readonly desired: DesiredState;
  readonly inputs: ActionInputs;
  readonly facts: RunFacts;
  readonly github: GitHubApi;
  readonly logger: Logger;
}

export type TargetOutcome = TargetReport;

export function keyOf(step: Pick<TargetStep, "inputs" | "vendor">) {
  return { vendor: step.inputs.vendor, csv: step.inputs.csv, target: step.vendor.target };
}

function context(step: TargetStep) {
  return { logger: step.logger };
}

/** Dry run; on a pull request, also tells introduced changes from already-pending ones. */
export async function planTarget(step: TargetStep): Promise<TargetOutcome> {
  const { directory, plan } = await planForVendor({
    desired: step.desired,
    vendor: step.vendor,
    policy: step.inputs.policy,
    context: context(step),
    serverCheck: step.inputs.serverCheck,
  });
  logCounts(plan);
  const pr = step.facts.pullRequest;
  if (pr === undefined || plan.changes.length === 0) return { key: keyOf(step), plan };
  const origins = await classifyAgainstBase(step, plan, directory, pr.baseSha);
  return origins === undefined ? { key: keyOf(step), plan } : { key: keyOf(step), plan, origins };
}

/**
 * Plans the base branch's users.csv against the same directory: a change the base plan also has
 * was pending before this pull request (drift, or an earlier merge not applied yet).
 * No base file means everything is introduced.
 */
async function classifyAgainstBase(
  step: TargetStep,
  plan: Plan,
  directory: Directory,
  baseSha: string,
): Promise<readonly ChangeOrigin[] | undefined> {
  let text: string | null;
  try {
    text = await step.github.getFileText(step.inputs.csv, baseSha);
  } catch (error) {
    warnGitHubFailure(`read ${step.inputs.csv} on the base branch`, error, "contents: read");
    return undefined;
  }
  if (text === null) return classifyChanges(plan, undefined);
  const base = await readUsersCsv(
    { file: step.inputs.csv, input: text },
    { groupSeparators: step.vendor.capabilities.groupSeparators },
  );
  // An invalid base file has no plan of its own: everything in the pull request counts as introduced.
  if (hasErrors(base.diagnostics)) return classifyChanges(plan, undefined);
  const basePlan = planChanges({ desired: base, directory, policy: step.inputs.policy, vendor: step.vendor });
  return classifyChanges(plan, basePlan);
}

/**
 * Re-reads, re-plans and applies unless the plan is invalid, unsafe, or (when `accepted` is
 * given) none of the accepted checksums: the reviewed plan's, or those approved by a manual run.
 */
export async function applyTarget(step: TargetStep, accepted?: readonly string[]): Promise<TargetOutcome> {
  const output = await applyForVendor({
    desired: step.desired,
    vendor: step.vendor,
    policy: step.inputs.policy,
    context: context(step),
    stopOnError: step.inputs.stopOnError,
    beforeWrite: supersededCheck(step.github, step.facts),
    ...(accepted === undefined ? {} : { expectedChecksum: accepted }),
  });
  logCounts(output.plan);
  if (output.refused === "invalid" || output.refused === "unsafe")
    core.warning(`Nothing was applied to ${targetLabel(output.plan)}: the plan is ${output.refused}.`);
  if (output.result !== undefined) {
    const { applied, failed, skipped } = output.result.counts;
    core.info(`${targetLabel(output.plan)}: ${applied} applied, ${failed} failed, ${skipped} skipped.`);
  }
  return {
    key: keyOf(step),
    plan: output.plan,
    ...(output.result === undefined ? {} : { result: output.result }),
    ...(output.refused === undefined ? {} : { refused: output.refused }),
  };
}

function logCounts(plan: Plan): void {
  core.info(
    `${targetLabel(plan)}: ${plan.counts.total} change${plan.counts.total === 1 ? "" : "s"} planned (${plan.counts.destructive} destructive), checksum ${plan.checksum.slice(0, 12)}.`,
  );
}
