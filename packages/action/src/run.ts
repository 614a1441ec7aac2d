import * as core from "@actions/core";
import type { ApplyResult, Diagnostic, Logger, Plan, Vendor, VendorModule } from "@roster/core";
import {
  escapeTerminal,
  getVendorModule,
  hasErrors,
  hasInputErrors,
  inputErrors,
  isCoreError,
  renderFailureMarkdown,
  secretValuesOf,
  targetLabel,
  unsafeMessage,
  vendorCsvOptions,
} from "@roster/core";
import { annotateDiagnostics } from "./annotations.js";
import { saveFullPlan } from "./artifact.js";
import { commentMarker } from "./comment.js";
import { configInput, runConfigAction } from "./config-run.js";
import { type PullRequestFacts, type RunFacts, readRunFacts } from "./context.js";
import { createGitHubApi, type GitHubApi } from "./github.js";
import { type ActionInputs, parseInputs, SETTING_INPUTS } from "./inputs.js";
import { type ResolvedMode, resolveMode } from "./mode.js";
import { retireUntargetedComment, validateOffline } from "./offline.js";
import { markPlansOutdated, type OutdatedTarget } from "./outdated.js";
import { type ActionOutputs, setOutputs, summariseOutputs } from "./outputs.js";
import { ownIdentity, postComment, type ReportLinks, renderCommentBody, renderSummarySection } from "./report.js";
import { bindToReview, commentResults, type Review, readReview } from "./review.js";
import { redactReport, runSecrets } from "./secrets.js";
import { writeSummary } from "./summary.js";
import { applyTarget, keyOf, planTarget, type TargetOutcome } from "./targets.js";
import { readWorkspaceUsersCsv } from "./workspace-file.js";

/**
 * Where a failed pull request run reports that the plan shown is out of date (README "Pull
 * requests"); set once the run knows its pull request and token.
 */
let failureReport: OutdatedTarget | undefined;

/** The action's one try/catch (docs/style.md#the-action-is-a-thin-adapter): anything thrown fails the step with its message. */
export async function run(): Promise<void> {
  try {
    await runAction();
  } catch (error) {
    const message = describeError(error);
    core.setFailed(message);
    // Best effort: the summary page is where people look first; the log already has the error.
    await writeSummary([renderFailureMarkdown(message)]).catch(() => undefined);
    if (failureReport !== undefined) await markPlansOutdated(failureReport).catch(() => undefined);
  }
}

/** Error text for the log, with vendor setting names translated to the inputs that set them. */
export function describeError(error: unknown): string {
  // One line, cut: a thrown message may quote a vendor's answer or a users.csv cell.
  let message = escapeTerminal(error instanceof Error ? error.message : String(error));
  for (const [input, setting] of Object.entries(SETTING_INPUTS)) {
    // Word boundaries: PERISCOPE_API must not match inside PERISCOPE_API_KEY.
    message = message.replace(new RegExp(`\\b${setting}\\b`, "g"), `\`${input}\``);
  }
  return message;
}

/** Vendor log lines may quote a vendor's answer: one line, cut, like every other report text. */
const logger: Logger = {
  info: (message) => core.info(escapeTerminal(message)),
  warn: (message) => core.warning(escapeTerminal(message)),
  debug: (message) => core.debug(escapeTerminal(message)),
};

/** Registers what the vendor module calls secret, beyond the inputs `parseInputs` registered. */
function maskVendorSecrets(module: VendorModule, inputs: ActionInputs): void {
  for (const value of secretValuesOf(inputs.settings, module.secretSettings)) runSecrets.add(value);
}

function banner(resolved: ResolvedMode): string {
  return resolved.mode === "plan"
    ? `Roster DRY RUN: nothing will be changed (${resolved.reason}).`
    : `Roster LIVE: applying changes (${resolved.reason}).`;
}

async function runAction(): Promise<void> {
  // roster.yml: every vendor in one step (config-run.ts).
  const config = configInput();
  if (config !== undefined) {
    return runConfigAction(config, (target) => {
      failureReport = target;
    });
  }
  const inputs = parseInputs();
  const module = getVendorModule(inputs.vendor);
  maskVendorSecrets(module, inputs);
  const facts = readRunFacts();
  const resolved = resolveMode(inputs.mode, { ...facts, approval: inputs.approveChecksums.length > 0 });
  if (resolved.warning !== undefined) core.warning(resolved.warning);
  core.info(banner(resolved));

  const github = createGitHubApi(inputs.githubToken, facts.repo);
  const pr = facts.pullRequest;
  if (resolved.mode === "plan" && pr !== undefined && !pr.closed && inputs.comment) {
    failureReport = { github, inputs, facts };
  }
  // Every offline rule (the same checks as `roster validate`), so a fork's pull request is told
  // everything that needs no vendor.
  const desired = await readWorkspaceUsersCsv(facts.workspace, inputs.csv, "csv", vendorCsvOptions(module));
  const links: ReportLinks = {
    csvUrl: `${facts.serverUrl}/${facts.repository}/blob/${pr?.headSha ?? facts.sha}/${inputs.csv}`,
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
  let review: Review | undefined;
  try {
    if (resolved.mode === "apply") {
      review = await readReview(
        inputs,
        facts,
        github,
        offline.map((vendor) => keyOf({ inputs, vendor })),
      );
    }
    for (const vendor of offline) {
      const step = { vendor, desired, inputs, facts, github, logger };
      // Redacted as data, before any renderer escapes it (secrets.ts).
      if (review === undefined) {
        outcomes.push(redactReport(await planTarget(step)));
        continue;
      }
      const key = keyOf(step);
      outcomes.push(redactReport(bindToReview(await applyTarget(step, review.accepted(key)), key, review, inputs)));
    }
  } finally {
    await Promise.allSettled(offline.map((vendor) => vendor.close()));
  }
  await report(inputs, facts, resolved, outcomes, links, github, review);
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
    // Tokens the vendor is granted at run time are secrets too (secrets.ts).
    return module.create(inputs.settings, { mode: resolved.mode, logger, onSecret: (value) => runSecrets.add(value) });
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
  reportLinks: ReportLinks,
  github: GitHubApi,
  review: Review | undefined,
): Promise<void> {
  let links = reportLinks;
  const plans: Plan[] = outcomes.map((o) => o.plan);
  const results: ApplyResult[] = outcomes.flatMap((o) => (o.result === undefined ? [] : [o.result]));
  annotateDiagnostics(uniqueDiagnostics(plans.flatMap((p) => p.diagnostics)));
  const fullPlan = await saveFullPlan(outcomes, {
    vendor: inputs.vendor,
    csv: inputs.csv,
    mode: resolved.mode,
    repository: facts.repository,
    sha: facts.pullRequest?.headSha ?? facts.sha,
    serverUrl: facts.serverUrl,
    csvUrl: links.csvUrl,
  });
  if (fullPlan.artifact !== undefined) {
    links = { ...links, fullPlan: { hint: `the ${fullPlan.artifact.name} artifact`, url: fullPlan.artifact.url } };
  }

  const pr = facts.pullRequest;
  let commentUrl = "";
  if (resolved.mode === "plan" && pr !== undefined && inputs.comment) {
    commentUrl = await commentPlans(github, pr, inputs, outcomes, links);
  } else if (review !== undefined && inputs.comment && review.ownLogin !== undefined) {
    commentUrl = await commentResults(github, review.pulls, review.ownLogin, facts.sha, outcomes, links);
  }

  await writeSummary([...outcomes.map((o) => renderSummarySection(o, links, outcomes.length)), fullPlan.note]);
  const outputs: ActionOutputs = {
    ...summariseOutputs(resolved.mode, plans, results, commentUrl),
    fullPlanPath: fullPlan.jsonPath,
  };
  setOutputs(outputs);
  failIfNeeded(inputs, facts, outcomes, outputs);
}

/**
 * Each target's plan on the pull request, with the footer a merge reads: `plan` (or `invalid`
 * for a plan with problems) and the head commit it was made at. Returns the last comment's URL.
 */
async function commentPlans(
  github: GitHubApi,
  pr: PullRequestFacts,
  inputs: ActionInputs,
  outcomes: readonly TargetOutcome[],
  links: ReportLinks,
): Promise<string> {
  if (pr.closed) {
    core.info(`#${pr.number} is closed: its plan comment is what was reviewed, so it is left as it is.`);
    return "";
  }
  const ownLogin = await ownIdentity(github);
  if (ownLogin === undefined) return "";
  if (outcomes.some((o) => o.key.target !== undefined)) {
    await retireUntargetedComment(github, pr.number, inputs, ownLogin, pr.headSha);
  }
  let url = "";
  for (const outcome of outcomes) {
    const state = hasInputErrors(outcome.plan) ? "invalid" : "plan";
    const body = renderCommentBody(outcome, links, "comment", {
      state,
      checksum: outcome.plan.checksum,
      sha: pr.headSha,
    });
    url = (await postComment(github, pr.number, commentMarker(outcome.key, "comment"), body, ownLogin)) ?? url;
  }
  return url;
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

function failIfNeeded(
  inputs: ActionInputs,
  facts: RunFacts,
  outcomes: readonly TargetOutcome[],
  outputs: ActionOutputs,
): void {
  const reasons: string[] = [];
  for (const { plan, refused, binding } of outcomes) {
    const where = targetLabel(plan);
    if (plan.safety.unsafe) reasons.push(unsafeMessage(plan, "action"));
    const errors = inputErrors(plan).length;
    if (errors > 0)
      reasons.push(`${inputs.csv} has ${errors} problem${errors === 1 ? "" : "s"} for ${where}: see the annotations.`);
    if (refused === "checksum") {
      const branch = facts.defaultBranch ?? "the default branch";
      reasons.push(
        `Nothing was applied to ${where}: this plan is not the reviewed plan (see the job summary). To apply exactly this plan, run this workflow manually on ${branch} with the input \`approve-checksum: ${plan.checksum}\`.`,
      );
    } else if (binding?.startsWith("⚠️")) {
      core.warning(`${where}: applied without a matching review (\`reviewed-plan: report\`); see the job summary.`);
    }
  }
  if (outputs.failed > 0)
    reasons.push(`${outputs.failed} change${outputs.failed === 1 ? "" : "s"} failed to apply: see the job summary.`);
  if (reasons.length > 0) core.setFailed(reasons.join("\n"));
}
