import * as core from "@actions/core";
import type { ApplyRefusal, ApplyResult, ChangeOrigin, Plan } from "@roster/core";
import { renderPlanMarkdown } from "@roster/core";
import {
  type CommentKey,
  type CommentMeta,
  commentMarker,
  metaComment,
  readOwnCommentMeta,
  upsertComment,
} from "./comment.js";
import { type GitHubApi, httpStatusOf } from "./github.js";

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
  /** Plan/apply binding sentence for apply runs (docs/plan-in-pr.md#plan-and-apply-binding). */
  readonly binding?: string;
}

export interface ReportLinks {
  /** `https://github.com/o/r/blob/<sha>/users.csv`; lines link to `#L<n>`. */
  readonly csvUrl: string;
}

function headingOf(key: CommentKey): string {
  return key.target === undefined
    ? `Roster: ${key.vendor} · ${key.csv}`
    : `Roster: ${key.vendor} (${key.target}) · ${key.csv}`;
}

function render(report: TargetReport, links: ReportLinks, maxChars: number, withHint: boolean): string {
  const markdown = renderPlanMarkdown({
    plan: report.plan,
    ...(report.result === undefined ? {} : { result: report.result }),
    ...(report.origins === undefined ? {} : { origins: report.origins }),
    ...(report.refused === undefined ? {} : { refused: report.refused }),
    csvUrl: (line: number) => `${links.csvUrl}#L${line}`,
    ...(withHint ? { fullReportHint: "the job summary of this workflow run" } : {}),
    heading: headingOf(report.key),
    maxChars,
  });
  if (report.binding === undefined) return markdown;
  // Right under the banner: whether this is what reviewers saw is the first thing to know.
  const cut = markdown.indexOf("\n\n");
  return cut === -1
    ? `${markdown}\n\n${report.binding}`
    : `${markdown.slice(0, cut)}\n\n${report.binding}${markdown.slice(cut)}`;
}

export function renderSummarySection(report: TargetReport, links: ReportLinks, targets: number): string {
  return render(report, links, Math.floor(SUMMARY_MAX_CHARS / Math.max(1, targets)), false);
}

export function renderCommentBody(report: TargetReport, links: ReportLinks, sha: string): string {
  const kind = report.result === undefined ? "comment" : "result";
  const footer = `\n\n${commentMarker(report.key, kind)}\n${metaComment({ checksum: report.plan.checksum, sha })}`;
  return `${render(report, links, COMMENT_MAX_CHARS - footer.length, true)}${footer}`;
}

/** Says whether the applied plan is the one reviewed on the pull request. */
export function describeBinding(pullNumber: number, applied: string, reviewed: CommentMeta | undefined): string {
  const short = (checksum: string) => `\`${checksum.slice(0, 12)}\``;
  if (reviewed === undefined) {
    return `ℹ️ No reviewed Roster plan was found on #${pullNumber}, so this apply cannot be compared with a review.`;
  }
  if (reviewed.checksum === applied) {
    return `✅ Applied exactly the plan reviewed on #${pullNumber} (checksum ${short(applied)}).`;
  }
  return `⚠️ The applied plan (${short(applied)}) differs from the plan last shown on #${pullNumber} (${short(reviewed.checksum)}): users.csv or the vendor changed after that plan was computed.`;
}

/** Reads the reviewed plan checksum from our plan comment on a pull request; undefined if none. */
export async function readReviewedMeta(
  api: GitHubApi,
  pullNumber: number,
  key: CommentKey,
  ownLogin: string | undefined,
): Promise<CommentMeta | undefined> {
  try {
    return await readOwnCommentMeta(api, pullNumber, commentMarker(key, "comment"), ownLogin);
  } catch (error) {
    warnGitHubFailure(`read the comments of #${pullNumber}`, error, "pull-requests: read");
    return undefined;
  }
}

/**
 * Posts or updates a report comment. A refused write (403 on a read-only or fork token) is a
 * warning naming the permission, never a crash: the job summary still has the report.
 */
export async function postComment(
  api: GitHubApi,
  pullNumber: number,
  report: TargetReport,
  body: string,
  ownLogin: string | undefined,
): Promise<string | undefined> {
  const kind = report.result === undefined ? "comment" : "result";
  try {
    const posted = await upsertComment(api, pullNumber, commentMarker(report.key, kind), body, ownLogin);
    core.info(`Comment on #${pullNumber} ${posted.outcome}: ${posted.url}`);
    return posted.url;
  } catch (error) {
    warnGitHubFailure(`comment on #${pullNumber}`, error, "pull-requests: write");
    return undefined;
  }
}

export function warnGitHubFailure(what: string, error: unknown, permission: string): void {
  const status = httpStatusOf(error);
  if (status === 403 || status === 401 || status === 404) {
    core.warning(
      `Could not ${what} (HTTP ${status}): the token lacks the \`${permission}\` permission. Add \`permissions: { ${permission} }\` to the job, or pass a token that has it in \`github-token\`. Fork pull requests always get a read-only token.`,
    );
    return;
  }
  core.warning(`Could not ${what}: ${error instanceof Error ? error.message : String(error)}`);
}
