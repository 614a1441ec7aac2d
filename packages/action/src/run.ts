import { join } from "node:path";
import * as core from "@actions/core";
import type { ApplyResult, Diagnostic, Logger, Plan, ReviewedPlan, Vendor, VendorModule } from "@roster/core";
import {
  escapeTerminal,
  getVendorModule,
  hasErrors,
  hasInputErrors,
  isCoreError,
  readUsersCsvFile,
  renderApprovalHowTo,
  renderFailureMarkdown,
  renderOutdatedBanner,
  renderReviewBinding,
} from "@roster/core";
import { annotateDiagnostics } from "./annotations.js";
import { type CommentKey, commentMarker, isOwnComment, OUTDATED_BANNER_START, parseFooter } from "./comment.js";
import { type RunFacts, readRunFacts } from "./context.js";
import { createGitHubApi, type GitHubApi, type IssueComment } from "./github.js";
import { type ActionInputs, parseInputs, SECRET_INPUTS, SETTING_INPUTS } from "./inputs.js";
import { type ResolvedMode, resolveMode } from "./mode.js";
import { retireUntargetedComment, validateOffline } from "./offline.js";
import { type ActionOutputs, setOutputs, summariseOutputs } from "./outputs.js";
import {
  ownIdentity,
  postComment,
  type ReportLinks,
  readReviewedPlan,
  renderCommentBody,
  renderSummarySection,
  warnGitHubFailure,
} from "./report.js";
import { writeSummary } from "./summary.js";
import { applyTarget, keyOf, planTarget, type TargetOutcome } from "./targets.js";

/**
 * Where a failed pull request run reports that the plan shown is out of date (README "Pull requests");
 * set once the run knows its pull request and token.
 */
let failureReport: { readonly github: GitHubApi; readonly inputs: ActionInputs; readonly facts: RunFacts } | undefined;

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
  const csvOptions = {
    displayName: inputs.csv,
    groupSeparators: module.capabilities.groupSeparators,
    ...(module.validateUser === undefined ? {} : { validateUser: module.validateUser.bind(module) }),
  };
  const desired = await readUsersCsvFile(join(facts.workspace, inputs.csv), csvOptions);
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
      if (review === undefined) {
        outcomes.push(await planTarget(step));
        continue;
      }
      const key = keyOf(step);
      outcomes.push(bindToReview(await applyTarget(step, review.accepted(key)), review, inputs));
    }
  } finally {
    await Promise.allSettled(offline.map((vendor) => vendor.close()));
  }
  await report(inputs, facts, resolved, outcomes, links, github, review);
}

/**
 * What an apply run checks its plan against (README "Merges"; test/review-chain.e2e.test.ts): the plan Roster last showed on
 * the merged pull request, read only from the footer of Roster's own comment, and any checksums
 * approved by a manual run. With `reviewed-plan: require` only those plans are applied.
 */
interface Review {
  /** The merged pull request(s) the commit came from; empty for a direct push. */
  readonly pulls: readonly number[];
  readonly ownLogin: string | undefined;
  reviewed(key: CommentKey): ReviewedPlan;
  /** The checksums apply accepts for a target; undefined accepts any plan (`report`). */
  accepted(key: CommentKey): readonly string[] | undefined;
}

async function readReview(
  inputs: ActionInputs,
  facts: RunFacts,
  github: GitHubApi,
  keys: readonly CommentKey[],
): Promise<Review> {
  // Read even with `comment: false` and `report`: the job summary says whether this was reviewed.
  const pulls = await pullsForCommit(github, facts.sha);
  const ownLogin = pulls.numbers.length > 0 ? await ownIdentity(github) : undefined;
  const reviewed = new Map<string, ReviewedPlan>();
  const first = pulls.numbers[0];
  for (const key of keys) {
    let plan: ReviewedPlan;
    if (!pulls.readable) plan = { status: "unreadable" };
    else if (first === undefined) plan = { status: "none", why: "no-pull-request" };
    else if (ownLogin === undefined) plan = { status: "unreadable" };
    else plan = await readReviewedPlan(github, first, key, ownLogin);
    reviewed.set(commentMarker(key), plan);
  }
  const reviewedOf = (key: CommentKey): ReviewedPlan =>
    reviewed.get(commentMarker(key)) ?? { status: "none", why: "no-plan" };
  return {
    pulls: pulls.numbers,
    ownLogin,
    reviewed: reviewedOf,
    accepted(key) {
      const found = reviewedOf(key);
      const own = found.status === "found" ? [found.checksum] : [];
      if (inputs.approveChecksums.length > 0) return [...inputs.approveChecksums, ...own];
      return inputs.reviewedPlan === "require" ? own : undefined;
    },
  };
}

/** Adds the review binding (and, for a refused plan, how to approve it) to an apply outcome. */
function bindToReview(outcome: TargetOutcome, review: Review, inputs: ActionInputs): TargetOutcome {
  const { plan } = outcome;
  const empty = plan.changes.length === 0;
  // A plan with nothing to write is never held back: there is nothing to approve.
  const settled: TargetOutcome =
    outcome.refused === "checksum" && empty
      ? {
          key: outcome.key,
          plan,
          result: { plan, results: [], counts: { applied: 0, failed: 0, skipped: 0 }, durationMs: 0 },
        }
      : outcome;
  const refused = settled.refused === "checksum";
  const binding = renderReviewBinding({
    pull: review.pulls[0],
    checksum: plan.checksum,
    reviewed: review.reviewed(outcome.key),
    approved: settled.result !== undefined && inputs.approveChecksums.includes(plan.checksum),
    policy: inputs.reviewedPlan,
    refused,
    applied: settled.result !== undefined,
    empty,
  });
  return { ...settled, binding, ...(refused ? { notice: renderApprovalHowTo(plan.checksum) } : {}) };
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
  review: Review | undefined,
): Promise<void> {
  const plans: Plan[] = outcomes.map((o) => o.plan);
  const results: ApplyResult[] = outcomes.flatMap((o) => (o.result === undefined ? [] : [o.result]));
  annotateDiagnostics(uniqueDiagnostics(plans.flatMap((p) => p.diagnostics)));

  let commentUrl = "";
  const pr = facts.pullRequest;
  if (resolved.mode === "plan" && pr !== undefined && inputs.comment && pr.closed) {
    core.info(`#${pr.number} is closed: its plan comment is what was reviewed, so it is left as it is.`);
  } else if (resolved.mode === "plan" && pr !== undefined && inputs.comment) {
    const ownLogin = await ownIdentity(github);
    if (ownLogin !== undefined && outcomes.some((o) => o.key.target !== undefined)) {
      await retireUntargetedComment(github, pr.number, inputs, ownLogin, pr.headSha);
    }
    for (const outcome of ownLogin === undefined ? [] : outcomes) {
      if (ownLogin === undefined) break;
      const state = hasInputErrors(outcome.plan) ? "invalid" : "plan";
      const meta = { state, checksum: outcome.plan.checksum, sha: pr.headSha } as const;
      const body = renderCommentBody(outcome, links, "comment", meta);
      const marker = commentMarker(outcome.key, "comment");
      commentUrl = (await postComment(github, pr.number, marker, body, ownLogin)) ?? commentUrl;
    }
  } else if (review !== undefined && inputs.comment && review.ownLogin !== undefined) {
    for (const pull of review.pulls) {
      for (const outcome of outcomes) {
        const state =
          outcome.refused === "checksum" ? "awaiting-approval" : outcome.result === undefined ? "refused" : "applied";
        const body = renderCommentBody(outcome, links, "result", {
          state,
          checksum: outcome.plan.checksum,
          sha: facts.sha,
        });
        const marker = commentMarker(outcome.key, "result");
        commentUrl = (await postComment(github, pull, marker, body, review.ownLogin)) ?? commentUrl;
      }
    }
  }

  await writeSummary(outcomes.map((o) => renderSummarySection(o, links, outcomes.length)));
  const outputs: ActionOutputs = summariseOutputs(resolved.mode, plans, results, commentUrl);
  setOutputs(outputs);
  failIfNeeded(inputs, facts, outcomes, outputs);
}

/** The merged pull request(s) of a commit; `readable: false` when GitHub could not be asked. */
async function pullsForCommit(github: GitHubApi, sha: string): Promise<{ numbers: number[]; readable: boolean }> {
  try {
    const pulls = await github.listPullRequestsForCommit(sha);
    // On the default branch GitHub lists the merged pull request that introduced the commit; a
    // direct push has none, and the job summary is the only report then.
    const merged = pulls.filter((p) => p.merged);
    return { numbers: (merged.length > 0 ? merged : pulls).map((p) => p.number), readable: true };
  } catch (error) {
    warnGitHubFailure(`find the pull request of ${sha.slice(0, 7)}`, error, "pull-requests: read");
    return { numbers: [], readable: false };
  }
}

/**
 * A failed pull request run leaves the last plan in place, marked out of date with a link to
 * the run, so nobody reviews it as current (test/review-chain.e2e.test.ts, "a failed rerun").
 */
async function markPlansOutdated(target: NonNullable<typeof failureReport>): Promise<void> {
  const { github, inputs, facts } = target;
  const pr = facts.pullRequest;
  if (pr === undefined) return;
  const ownLogin = await ownIdentity(github);
  if (ownLogin === undefined) return;
  // Every target's plan comment of this vendor and file: `... csv=users.csv -->` or `... target=x -->`.
  const prefix = commentMarker({ vendor: inputs.vendor, csv: inputs.csv }).replace(/ -->$/, "");
  const banner = renderOutdatedBanner(facts.runUrl);
  let comments: IssueComment[];
  try {
    comments = await github.listComments(pr.number);
  } catch (error) {
    warnGitHubFailure(`read the pull request's comments on #${pr.number}`, error, "pull-requests: read");
    return;
  }
  for (const comment of comments) {
    if (!isOwnComment(comment, ownLogin)) continue;
    const footer = parseFooter(comment.body);
    if (footer === undefined || footer.meta.state !== "plan") continue;
    if (footer.marker !== `${prefix} -->` && !footer.marker.startsWith(`${prefix} target=`)) continue;
    const body = `${banner}\n\n${withoutOutdatedBanner(comment.body)}`;
    if (body === comment.body) continue;
    await postComment(github, pr.number, footer.marker, body, ownLogin);
  }
}

function withoutOutdatedBanner(body: string): string {
  return body.startsWith(OUTDATED_BANNER_START) ? body.slice(body.indexOf("\n\n") + 2) : body;
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
