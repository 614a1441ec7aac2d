import { join } from "node:path";
import * as core from "@actions/core";
import type { ApplyResult, DesiredState, Diagnostic, Logger, Plan, Vendor, VendorModule } from "@roster/core";
import { getVendorModule, hasErrors, isCoreError, readUsersCsvFile } from "@roster/core";
import { annotateDiagnostics } from "./annotations.js";
import { commentMarker, metaComment, upsertComment } from "./comment.js";
import { type RunFacts, readRunFacts } from "./context.js";
import { createGitHubApi, type GitHubApi } from "./github.js";
import { type ActionInputs, CREDENTIAL_INPUTS, parseInputs, SECRET_INPUTS } from "./inputs.js";
import { type ResolvedMode, resolveMode } from "./mode.js";
import { renderOfflineReport } from "./offline.js";
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

/** The action's one try/catch (style-anchors §3): anything thrown fails the step with its message. */
export async function run(): Promise<void> {
  try {
    await runAction();
  } catch (error) {
    core.setFailed(describeError(error));
  }
}

/** Error text for the log, with vendor setting names translated to the inputs that set them. */
export function describeError(error: unknown): string {
  let message = error instanceof Error ? error.message : String(error);
  for (const [input, setting] of Object.entries(CREDENTIAL_INPUTS)) {
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
  const masked = new Set(SECRET_INPUTS.map((input) => CREDENTIAL_INPUTS[input]));
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
  if (typeof offline === "string") {
    await validateOffline(inputs, facts, desired, offline, github);
    return;
  }
  if (hasErrors(desired.diagnostics)) {
    // An invalid file never reaches the vendor: nothing to plan, nothing to apply.
    await Promise.allSettled(offline.map((vendor) => vendor.close()));
    await validateOffline(inputs, facts, desired, undefined, github);
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

async function validateOffline(
  inputs: ActionInputs,
  facts: RunFacts,
  desired: DesiredState,
  reason: string | undefined,
  github: GitHubApi,
): Promise<void> {
  annotateDiagnostics(desired.diagnostics);
  const markdown = renderOfflineReport({ vendor: inputs.vendor, desired, reason });
  await writeSummary([markdown]);
  let commentUrl = "";
  const pr = facts.pullRequest;
  if (pr !== undefined && inputs.comment) {
    const key = { vendor: inputs.vendor, csv: inputs.csv };
    const ownLogin = await github.getOwnLogin();
    const body = `${markdown}\n\n${commentMarker(key)}\n${metaComment({ checksum: "", sha: pr.headSha })}`;
    try {
      commentUrl = (await upsertComment(github, pr.number, commentMarker(key), body, ownLogin)).url;
    } catch (error) {
      warnGitHubFailure(`comment on #${pr.number}`, error, "pull-requests: write");
    }
  }
  setOutputs({
    mode: "plan",
    hasChanges: false,
    creates: 0,
    updates: 0,
    removals: 0,
    failed: 0,
    planChecksum: "",
    commentUrl,
  });
  const errors = desired.diagnostics.filter((d) => d.severity === "error").length;
  if (errors > 0) {
    core.setFailed(
      `${inputs.csv} has ${errors} problem${errors === 1 ? "" : "s"}: see the annotations and the job summary.`,
    );
  } else if (reason !== undefined) {
    core.notice(`${inputs.csv} is valid. ${inputs.vendor} was not read: ${reason}.`);
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
  if (inputs.comment) {
    const ownLogin = needsGitHub(facts, resolved) ? await github.getOwnLogin() : undefined;
    if (resolved.mode === "plan" && facts.pullRequest !== undefined) {
      for (const outcome of outcomes) {
        const body = renderCommentBody(outcome, links, facts.pullRequest.headSha);
        commentUrl = (await postComment(github, facts.pullRequest.number, outcome, body, ownLogin)) ?? commentUrl;
      }
    } else if (resolved.mode === "apply") {
      const pulls = await pullsForCommit(github, facts.sha);
      for (const pull of pulls) {
        for (const outcome of outcomes) {
          const reviewed = await readReviewedMeta(github, pull, outcome.key, ownLogin);
          const binding = describeBinding(pull, outcome.plan.checksum, reviewed);
          bindings.push(binding);
          const body = renderCommentBody({ ...outcome, binding }, links, facts.sha);
          commentUrl = (await postComment(github, pull, { ...outcome, binding }, body, ownLogin)) ?? commentUrl;
        }
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

function needsGitHub(facts: RunFacts, resolved: ResolvedMode): boolean {
  return resolved.mode === "apply" || facts.pullRequest !== undefined;
}

async function pullsForCommit(github: GitHubApi, sha: string): Promise<number[]> {
  try {
    const pulls = await github.listPullRequestsForCommit(sha);
    // A direct push has none: the job summary is the only report then.
    return pulls.map((p) => p.number);
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
