import type { ApplyRefusal, ApplyResult, Plan, ReviewedPlan } from "@roster/core";
import { renderApprovalHowTo, renderReviewBinding } from "@roster/core";
import { type CommentKey, commentMarker } from "./comment.js";
import { parseChecksums } from "./config-sections.js";
import type { RunFacts } from "./context.js";
import type { GitHubApi, PullRequestRef } from "./github.js";
import type { ActionInputs } from "./inputs.js";
import {
  ownIdentity,
  postComment,
  type ReportLinks,
  readReviewedPlan,
  renderCommentBody,
  warnGitHubFailure,
} from "./report.js";
import type { TargetOutcome } from "./targets.js";

/**
 * Which reviewed plan a target is held to: Roster's plan comment `key` names and, in a comment
 * that holds several plans (a roster.yml run's one comment, footer checksum `key=sha256;…`), the
 * target's own entry `section` (`sigma`, `periscope.acme-rbac`).
 */
export interface ReviewKey extends CommentKey {
  readonly section?: string;
}

/**
 * What an apply run checks its plan against (README "Merges"; test/review-chain.e2e.test.ts,
 * test/config-review.e2e.test.ts): the plan Roster last showed on the merged pull request, read
 * only from the footer of Roster's own comment, and any checksums approved by a manual run. With
 * `reviewed-plan: require` only those plans are applied.
 */
export interface Review {
  /** The merged pull request(s) the commit came from; empty for a direct push. */
  readonly pulls: readonly number[];
  readonly ownLogin: string | undefined;
  reviewed(key: ReviewKey): ReviewedPlan;
  /** The checksums apply accepts for a target; undefined accepts any plan (`report`). */
  accepted(key: ReviewKey): readonly string[] | undefined;
}

export async function readReview(
  inputs: ActionInputs,
  facts: RunFacts,
  github: GitHubApi,
  keys: readonly ReviewKey[],
): Promise<Review> {
  // Read even with `comment: false` and `report`: the job summary says whether this was reviewed.
  const pulls = await pullsForCommit(github, facts.sha);
  const ownLogin = pulls.refs.length > 0 ? await ownIdentity(github) : undefined;
  const reviewed = new Map<string, ReviewedPlan>();
  // Only a merged pull request's plan was reviewed for this commit; with several (rare), the
  // first one's plan is the one checked. An open pull request that happens to contain a directly
  // pushed commit reviewed nothing that was merged.
  const first = pulls.refs.find((pull) => pull.merged);
  for (const key of keys) {
    // One read per comment: the targets of a roster.yml run share theirs.
    const marker = commentMarker(key);
    if (reviewed.has(marker)) continue;
    let plan: ReviewedPlan;
    if (!pulls.readable) plan = { status: "unreadable" };
    else if (first === undefined) plan = { status: "none", why: "no-pull-request" };
    else if (ownLogin === undefined) plan = { status: "unreadable" };
    else plan = await readReviewedPlan(github, first, key, ownLogin);
    reviewed.set(marker, plan);
  }
  const reviewedOf = (key: ReviewKey): ReviewedPlan => {
    const plan = reviewed.get(commentMarker(key)) ?? { status: "none", why: "no-plan" };
    return key.section === undefined ? plan : sectionOf(plan, key.section);
  };
  return {
    pulls: pulls.refs.map((pull) => pull.number),
    ownLogin,
    reviewed: reviewedOf,
    accepted(key) {
      const found = reviewedOf(key);
      const own = found.status === "found" ? [found.checksum] : [];
      // `approve-checksum` is a plain list of full checksums, matched against every target: a
      // checksum is one plan's (it covers the target), so it can approve no other target's plan.
      if (inputs.approveChecksums.length > 0) return [...inputs.approveChecksums, ...own];
      return inputs.reviewedPlan === "require" ? own : undefined;
    },
  };
}

/** One target's reviewed plan in a comment that holds several (`key=sha256;…`). */
function sectionOf(plan: ReviewedPlan, section: string): ReviewedPlan {
  if (plan.status !== "found") return plan;
  const checksum = parseChecksums(plan.checksum).get(section);
  return checksum === undefined ? { status: "none", why: "not-in-plan" } : { ...plan, checksum };
}

/** What an apply outcome needs to be bound to its review. */
export interface Reviewable {
  readonly plan: Plan;
  readonly result?: ApplyResult | undefined;
  readonly refused?: ApplyRefusal | undefined;
}

export type Bound<T extends Reviewable> = T & { readonly binding: string; readonly notice?: string };

/** Adds the review binding (and, for a refused plan, how to approve it) to an apply outcome. */
export function bindToReview<T extends Reviewable>(
  outcome: T,
  key: ReviewKey,
  review: Review,
  inputs: ActionInputs,
): Bound<T> {
  const { plan } = outcome;
  const empty = plan.changes.length === 0;
  // A plan with nothing to write is never held back: there is nothing to approve.
  let settled: T = outcome;
  if (outcome.refused === "checksum" && empty) {
    const { refused: _refused, ...rest } = outcome;
    settled = {
      ...rest,
      result: { plan, results: [], counts: { applied: 0, failed: 0, skipped: 0 }, durationMs: 0 },
    } as unknown as T;
  }
  const refused = settled.refused === "checksum";
  const binding = renderReviewBinding({
    pull: review.pulls[0],
    checksum: plan.checksum,
    reviewed: review.reviewed(key),
    approved: settled.result !== undefined && inputs.approveChecksums.includes(plan.checksum),
    policy: inputs.reviewedPlan,
    refused,
    applied: settled.result !== undefined,
    empty,
  });
  return { ...settled, binding, ...(refused ? { notice: renderApprovalHowTo(plan.checksum) } : {}) };
}

/** Each target's apply report (or refusal awaiting approval) on the merged pull request(s). */
export async function commentResults(
  github: GitHubApi,
  pulls: readonly number[],
  ownLogin: string,
  sha: string,
  outcomes: readonly TargetOutcome[],
  links: ReportLinks,
): Promise<string> {
  let url = "";
  for (const pull of pulls) {
    for (const outcome of outcomes) {
      const state =
        outcome.refused === "checksum" ? "awaiting-approval" : outcome.result === undefined ? "refused" : "applied";
      const body = renderCommentBody(outcome, links, "result", { state, checksum: outcome.plan.checksum, sha });
      url = (await postComment(github, pull, commentMarker(outcome.key, "result"), body, ownLogin)) ?? url;
    }
  }
  return url;
}

/** The merged pull request(s) of a commit; `readable: false` when GitHub could not be asked. */
async function pullsForCommit(
  github: GitHubApi,
  sha: string,
): Promise<{ refs: readonly PullRequestRef[]; readable: boolean }> {
  try {
    const pulls = await github.listPullRequestsForCommit(sha);
    // On the default branch GitHub lists the merged pull request that introduced the commit; a
    // direct push has none, and the job summary is the only report then.
    const merged = pulls.filter((p) => p.merged);
    return { refs: merged.length > 0 ? merged : pulls, readable: true };
  } catch (error) {
    warnGitHubFailure(`find the pull request of ${sha.slice(0, 7)}`, error, "pull-requests: read");
    return { refs: [], readable: false };
  }
}
