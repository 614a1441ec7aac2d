import { join } from "node:path";
import * as core from "@actions/core";
import type { ApplyResult, Diagnostic, Logger, Plan, Vendor, VendorModule } from "@roster/core";
import { getVendorModule, hasErrors, isCoreError, readUsersCsvFile } from "@roster/core";
import { annotateDiagnostics } from "./annotations.js";
import { configInput, runConfigAction } from "./config-run.js";
import { type RunFacts, readRunFacts } from "./context.js";
import { createGitHubApi, type GitHubApi } from "./github.js";
import { type ActionInputs, parseInputs, SECRET_INPUTS, SETTING_INPUTS } from "./inputs.js";
import { type ResolvedMode, resolveMode } from "./mode.js";
import { retireUntargetedComment, validateOffline } from "./offline.js";
import { type ActionOutputs, setOutputs, summariseOutputs } from "./outputs.js";
import {
  describeBinding,
  postComment,
  type ReportLinks,
  readReviewedMeta,
  renderCommentBody,
  renderSummarySection,
  warnGitHubFailure,
} from "./report.js";
import { writeSummary } from "./summary.js";
import { applyTarget, planTarget, type TargetOutcome } from "./targets.js";

/** The action's one try/catch (docs/style.md#the-action-is-a-thin-adapter): anything thrown fails the step with its message. */
export async function run(): Promise<void> {
  try {
    await runAction();
  } catch (error) {
    const message = describeError(error);
    core.setFailed(message);
    // Best effort: the summary page is where people look first; the log already has the error.
    await writeSummary([`### ❌ Roster failed\n\n${message}`]).catch(() => undefined);
  }
}

/** Error text for the log, with vendor setting names translated to the inputs that set them. */
export function describeError(error: unknown): string {
  let message = error instanceof Error ? error.message : String(error);
  for (const [input, setting] of Object.entries(SETTING_INPUTS)) {
    // Word boundaries: PERISCOPE_API must not match inside PERISCOPE_API_KEY.
    message = message.replace(new RegExp(`\\b${setting}\\b`, "g"), `\`${input}\``);
  }
  return message;
}

const logger: Logger = {
  info: (message) => core.info(message),
  warn: (message) => core.warning(message),
  debug: (message) => core.debug(message),
};

/** Masks what the vendor module calls secret beyond the inputs `parseInputs` already masked. */
function maskVendorSecrets(module: VendorModule, inputs: ActionInputs): void {
  const masked = new Set(SECRET_INPUTS.map((input) => SETTING_INPUTS[input]));
  for (const name of module.secretSettings) {
    const value = inputs.settings[name];
    if (value && !masked.has(name)) core.setSecret(value);
  }
}

function banner(resolved: ResolvedMode): string {
  return resolved.mode === "plan"
    ? `Roster DRY RUN: nothing will be changed (${resolved.reason}).`
    : `Roster LIVE: applying changes (${resolved.reason}).`;
}

async function runAction(): Promise<void> {
  // roster.yml: every vendor in one step (config-run.ts).
  const config = configInput();
  if (config !== undefined) return runConfigAction(config);
  const inputs = parseInputs();
  const module = getVendorModule(inputs.vendor);
  maskVendorSecrets(module, inputs);
  const facts = readRunFacts();
  const resolved = resolveMode(inputs.mode, facts);
  if (resolved.warning !== undefined) core.warning(resolved.warning);
  core.info(banner(resolved));

  const csvOptions = {
    displayName: inputs.csv,
    groupSeparators: module.capabilities.groupSeparators,
    ...(module.validateUser === undefined ? {} : { validateUser: module.validateUser.bind(module) }),
  };
  const desired = await readUsersCsvFile(join(facts.workspace, inputs.csv), csvOptions);
  const github = createGitHubApi(inputs.githubToken, facts.repo);
  const links: ReportLinks = {
    csvUrl: `${facts.serverUrl}/${facts.repository}/blob/${facts.pullRequest?.headSha ?? facts.sha}/${inputs.csv}`,
  };

  const offline = await vendorsOrOfflineReason(module, inputs, facts, resolved);
  const offlineRun = { inputs, facts, desired, github, mode: resolved.mode };
  if (typeof offline === "string") {
    await validateOffline({ ...offlineRun, reason: offline, targets: [undefined] });
    return;
  }
  if (hasErrors(desired.diagnostics)) {
    // An invalid file never reaches the vendor: nothing to plan, nothing to apply. The report goes
    // in each target's comment, so fixing the file updates the comments that then show the plan.
    await Promise.allSettled(offline.map((vendor) => vendor.close()));
    await validateOffline({ ...offlineRun, reason: undefined, targets: offline.map((vendor) => vendor.target) });
    return;
  }

  const outcomes: TargetOutcome[] = [];
  try {
    for (const vendor of offline) {
      const step = { vendor, desired, inputs, facts, github, logger };
      outcomes.push(resolved.mode === "plan" ? await planTarget(step) : await applyTarget(step));
    }
  } finally {
    await Promise.allSettled(offline.map((vendor) => vendor.close()));
  }
  await report(inputs, facts, resolved, outcomes, links, github);
}

/**
 * The vendors to use, or why this pull request is validated offline instead: a fork gets no
 * secrets, and neither does a run whose credentials are simply not configured for pull requests.
 */
async function vendorsOrOfflineReason(
  module: VendorModule,
  inputs: ActionInputs,
  facts: RunFacts,
  resolved: ResolvedMode,
): Promise<Vendor[] | string> {
  const onPullRequest = facts.pullRequest !== undefined;
  if (onPullRequest && facts.pullRequest?.fromFork) {
    return "this pull request comes from a fork, and GitHub gives fork pull requests no secrets";
  }
  try {
    return module.create(inputs.settings, { mode: resolved.mode, logger });
  } catch (error) {
    if (onPullRequest && isCoreError(error) && error.code === "CONFIG_MISSING") {
      return `the ${inputs.vendor} credentials are not available to this run (${describeError(error)})`;
    }
    throw error;
  }
}

async function report(
  inputs: ActionInputs,
  facts: RunFacts,
  resolved: ResolvedMode,
  outcomes: readonly TargetOutcome[],
  links: ReportLinks,
  github: GitHubApi,
): Promise<void> {
  const plans: Plan[] = outcomes.map((o) => o.plan);
  const results: ApplyResult[] = outcomes.flatMap((o) => (o.result === undefined ? [] : [o.result]));
  annotateDiagnostics(uniqueDiagnostics(plans.flatMap((p) => p.diagnostics)));

  let commentUrl = "";
  const bindings: string[] = [];
  const ownLogin = needsGitHub(inputs, facts, resolved) ? await github.getOwnLogin() : undefined;
  const pr = facts.pullRequest;
  if (resolved.mode === "plan" && pr !== undefined && inputs.comment) {
    if (outcomes.some((o) => o.key.target !== undefined)) {
      await retireUntargetedComment(github, pr.number, inputs, ownLogin);
    }
    for (const outcome of outcomes) {
      const body = renderCommentBody(outcome, links, pr.headSha);
      commentUrl = (await postComment(github, pr.number, outcome, body, ownLogin)) ?? commentUrl;
    }
  } else if (resolved.mode === "apply") {
    // The binding is read even with `comment: false`: it belongs in the job summary too.
    for (const pull of await pullsForCommit(github, facts.sha)) {
      for (const outcome of outcomes) {
        const reviewed = await readReviewedMeta(github, pull, outcome.key, ownLogin);
        const bound = { ...outcome, binding: describeBinding(pull, outcome.plan.checksum, reviewed) };
        bindings.push(bound.binding);
        if (!inputs.comment) continue;
        const body = renderCommentBody(bound, links, facts.sha);
        commentUrl = (await postComment(github, pull, bound, body, ownLogin)) ?? commentUrl;
      }
    }
  }

  await writeSummary([
    ...outcomes.map((o) => renderSummarySection(o, links, outcomes.length)),
    ...(bindings.length > 0 ? [bindings.join("\n\n")] : []),
  ]);
  const outputs: ActionOutputs = summariseOutputs(resolved.mode, plans, results, commentUrl);
  setOutputs(outputs);
  failIfNeeded(inputs, plans, outputs);
}

function needsGitHub(inputs: ActionInputs, facts: RunFacts, resolved: ResolvedMode): boolean {
  return resolved.mode === "apply" || (facts.pullRequest !== undefined && inputs.comment);
}

async function pullsForCommit(github: GitHubApi, sha: string): Promise<number[]> {
  try {
    const pulls = await github.listPullRequestsForCommit(sha);
    // On the default branch GitHub lists the merged pull request that introduced the commit; a
    // direct push has none, and the job summary is the only report then.
    const merged = pulls.filter((p) => p.merged);
    return (merged.length > 0 ? merged : pulls).map((p) => p.number);
  } catch (error) {
    warnGitHubFailure(`find the pull request of ${sha.slice(0, 7)}`, error, "pull-requests: read");
    return [];
  }
}

function uniqueDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.code}|${d.file}|${d.line}|${d.column ?? ""}|${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function failIfNeeded(inputs: ActionInputs, plans: readonly Plan[], outputs: ActionOutputs): void {
  const reasons: string[] = [];
  for (const plan of plans) {
    const where = plan.target === undefined ? plan.vendor : `${plan.vendor} (${plan.target})`;
    if (plan.safety.unsafe) {
      const ack = plan.safety.acknowledgement ?? `allow-removals: ${plan.safety.destructive}`;
      reasons.push(
        `The ${where} plan is unsafe: ${plan.safety.destructive} destructive changes, over the limit of ${plan.safety.limit}. If this is intended, set the input \`${ack}\`.`,
      );
    }
    const errors = plan.diagnostics.filter((d) => d.severity === "error" && d.code !== "PLAN_UNSAFE").length;
    if (errors > 0)
      reasons.push(`${inputs.csv} has ${errors} problem${errors === 1 ? "" : "s"} for ${where}: see the annotations.`);
  }
  if (outputs.failed > 0)
    reasons.push(`${outputs.failed} change${outputs.failed === 1 ? "" : "s"} failed to apply: see the job summary.`);
  if (reasons.length > 0) core.setFailed(reasons.join("\n"));
}
