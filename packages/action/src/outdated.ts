import { renderOutdatedBanner } from "@roster/core";
import { commentMarker, isOwnComment, OUTDATED_BANNER_START, parseFooter } from "./comment.js";
import type { RunFacts } from "./context.js";
import type { GitHubApi, IssueComment } from "./github.js";
import type { ActionInputs } from "./inputs.js";
import { ownIdentity, postComment, warnGitHubFailure } from "./report.js";

/** A pull request run that may fail after it has shown a plan. */
export interface OutdatedTarget {
  readonly github: GitHubApi;
  readonly inputs: ActionInputs;
  readonly facts: RunFacts;
}

/**
 * A failed pull request run leaves the last plan in place, marked out of date with a link to
 * the run, so nobody reviews it as current (test/review-chain.e2e.test.ts, "a failed rerun").
 */
export async function markPlansOutdated(target: OutdatedTarget): Promise<void> {
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
