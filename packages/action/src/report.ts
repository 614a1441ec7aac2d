import * as core from "@actions/core";
import type { ApplyRefusal, ApplyResult, ChangeOrigin, Plan, ReviewedPlan } from "@roster/core";
import { renderPlanMarkdown, targetLabel } from "@roster/core";
import {
  type BodyFor,
  type CommentKey,
  type CommentKind,
  type CommentMeta,
  commentFooter,
  commentMarker,
  findOwnComment,
  parseFooter,
  upsertComment,
} from "./comment.js";
import type { GitHubApi, IssueComment, PullRequestRef } from "./github.js";
import { describeGitHubFailure } from "./github-errors.js";

/**
 * Where each report goes: sticky pull request comments (capped) and the job summary (full).
 * The Markdown itself comes from @roster/core's report renderer.
 */

/** GitHub refuses bodies over 65,536 characters and counts differently from JS (docs/plan-in-pr.md#comment-size). */
export const COMMENT_MAX_CHARS = 60_000;
const SUMMARY_MAX_CHARS = 900_000;

export interface TargetReport {
  readonly key: CommentKey;
  readonly plan: Plan;
  readonly result?: ApplyResult;
  readonly origins?: readonly ChangeOrigin[];
  /** Why apply wrote nothing (invalid, unsafe), so the banner says so. */
  readonly refused?: ApplyRefusal;
  /** Plan/apply binding sentence for apply runs (docs/plan-in-pr.md#plan-and-apply-binding), rendered by core. */
  readonly binding?: string;
  /** A notice under the binding (how to approve a refused plan), rendered by core. */
  readonly notice?: string;
}

export interface ReportLinks {
  /** `https://github.com/o/r/blob/<sha>/users.csv`; lines link to `#L<n>`. */
  readonly csvUrl: string;
  /** The uploaded full plan (artifact.ts), named where a report is shortened. */
  readonly fullPlan?: { readonly hint: string; readonly url: string };
}

/** The heading of a target's report, in the comment, the job summary and the full-plan artifact. */
export function reportHeading(key: CommentKey): string {
  return `Roster: ${targetLabel(key)} · ${key.csv}`;
}

function render(report: TargetReport, links: ReportLinks, maxChars: number): string {
  const markdown = renderPlanMarkdown({
    plan: report.plan,
    ...(report.result === undefined ? {} : { result: report.result }),
    ...(report.origins === undefined ? {} : { origins: report.origins }),
    ...(report.refused === undefined ? {} : { refused: report.refused }),
    csvUrl: (line: number) => `${links.csvUrl}#L${line}`,
    // Only a place a reader can open: the uploaded artifact (artifact.ts). Past ~9,000 changes the
    // job summary is shortened too, so it is never named as where the full plan is.
    ...(links.fullPlan === undefined ? {} : { fullReportHint: links.fullPlan.hint, fullReportUrl: links.fullPlan.url }),
    heading: reportHeading(report.key),
    maxChars,
  });
  const inserted = [report.binding, report.notice].filter((text) => text !== undefined).join("\n\n");
  if (inserted === "") return markdown;
  // Right under the banner: whether this is what reviewers saw is the first thing to know.
  const cut = markdown.indexOf("\n\n");
  return cut === -1 ? `${markdown}\n\n${inserted}` : `${markdown.slice(0, cut)}\n\n${inserted}${markdown.slice(cut)}`;
}

export function renderSummarySection(report: TargetReport, links: ReportLinks, targets: number): string {
  return render(report, links, Math.floor(SUMMARY_MAX_CHARS / Math.max(1, targets)));
}

/** A comment: the report, then the footer that is the only thing a later run trusts. */
export function renderCommentBody(
  report: TargetReport,
  links: ReportLinks,
  kind: CommentKind,
  meta: CommentMeta,
  banner?: string,
): string {
  const footer = `\n\n${commentFooter(commentMarker(report.key, kind), meta)}`;
  const top = banner === undefined ? "" : `${banner}\n\n`;
  return `${top}${render(report, links, COMMENT_MAX_CHARS - footer.length - top.length)}${footer}`;
}

/**
 * The plan Roster last showed on a pull request for this vendor, file and target: only from the
 * footer of Roster's own plan comment. Comments that could not be read are said to be so, never
 * taken for "no plan".
 */
export async function readReviewedPlan(
  api: GitHubApi,
  pull: PullRequestRef,
  key: CommentKey,
  ownLogin: string,
): Promise<ReviewedPlan> {
  let comments: IssueComment[];
  try {
    comments = await api.listComments(pull.number);
  } catch (error) {
    warnGitHubFailure(`read the pull request's comments on #${pull.number}`, error, "pull-requests: read");
    return { status: "unreadable" };
  }
  const own = findOwnComment(comments, commentMarker(key, "comment"), ownLogin);
  const meta = own === undefined ? undefined : parseFooter(own.body)?.meta;
  if (own === undefined || meta === undefined) return { status: "none", why: "no-plan" };
  // A plan comment changed after the merge (a rerun of the pull request's workflow) was not the
  // one reviewers merged: only an explicit approval applies it.
  if (isAfter(own.updatedAt, pull.mergedAt)) return { status: "none", why: "edited-after-merge" };
  if (meta.state === "invalid") return { status: "none", why: "invalid-file" };
  if (meta.state !== "plan" || meta.checksum === "") return { status: "none", why: "no-plan" };
  return { status: "found", checksum: meta.checksum, sha: meta.sha };
}

function isAfter(time: string | undefined, reference: string | undefined): boolean {
  if (time === undefined || reference === undefined) return false;
  const [a, b] = [Date.parse(time), Date.parse(reference)];
  return Number.isFinite(a) && Number.isFinite(b) && a > b;
}

/**
 * Posts or updates a report comment. A refused write (403 on a read-only or fork token) is a
 * warning naming the permission, never a crash: the job summary still has the report.
 */
export async function postComment(
  api: GitHubApi,
  pullNumber: number,
  marker: string,
  body: string | BodyFor,
  ownLogin: string,
): Promise<string | undefined> {
  try {
    const posted = await upsertComment(api, pullNumber, marker, body, ownLogin);
    core.info(`Comment on #${pullNumber} ${posted.outcome}: ${posted.url}`);
    return posted.url;
  } catch (error) {
    warnGitHubFailure(`comment on #${pullNumber}`, error, "pull-requests: write");
    return undefined;
  }
}

/**
 * The token's own login, or undefined (with a warning) when it could not be read: Roster then
 * writes no comment and trusts none, since it cannot tell its own comments from anyone else's.
 */
export async function ownIdentity(api: GitHubApi): Promise<string | undefined> {
  try {
    return await api.getOwnLogin();
  } catch (error) {
    warnGitHubFailure("read the token's own identity (GraphQL `viewer`)", error, "pull-requests: read");
    return undefined;
  }
}

/** A rate limit, a missing permission and an outage each get their own advice (github-errors.ts). */
export function warnGitHubFailure(what: string, error: unknown, permission: string): void {
  core.warning(describeGitHubFailure(what, error, permission));
}
