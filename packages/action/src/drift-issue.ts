import * as core from "@actions/core";
import { isOwnComment } from "./comment.js";
import type { RepoRef } from "./github.js";
import { createOctokit, type Octokit } from "./github-client.js";
import { warnGitHubFailure } from "./report.js";

/**
 * The drift issue of a roster.yml run on `schedule` / `workflow_dispatch`: one open issue per
 * config, labelled `roster-drift` and found by a hidden marker, whose body is the plan (the same
 * renderer and budget as the pull request comment). Opened or updated while the plan is not
 * empty; closed with a comment when a later run finds no drift. Needs `issues: write`; without
 * it, a warning naming the permission (the job summary still has the plan).
 *
 * Only an issue authored by the token's own identity is Roster's (the same exact-login rule as
 * its comments, comment.ts `isOwnComment`): anyone can open an issue with the label and the
 * marker, and Roster neither updates nor closes it, but opens its own.
 */
export const DRIFT_LABEL = "roster-drift";

export interface DriftIssueApi {
  /** The open issue with this marker and the label written by `ownLogin`, if any. */
  findOpenIssue(marker: string, ownLogin: string): Promise<{ number: number; body: string } | undefined>;
  createIssue(title: string, body: string): Promise<number>;
  updateIssue(issue: number, title: string, body: string): Promise<void>;
  closeIssue(issue: number, comment: string): Promise<void>;
}

export function createDriftIssueApi(token: string, repo: RepoRef): DriftIssueApi {
  let octokit: Octokit | undefined;
  const client = () => {
    if (token === "") throw new Error("the `github-token` input is empty");
    // The same client as every other GitHub call: retries and rate limits handled (github-client.ts).
    octokit ??= createOctokit(token);
    return octokit;
  };
  return {
    async findOpenIssue(marker, ownLogin) {
      const issues = await client().paginate(client().rest.issues.listForRepo, {
        ...repo,
        labels: DRIFT_LABEL,
        state: "open",
        per_page: 100,
      });
      const found = issues.find(
        (issue) =>
          isOwnComment({ authorLogin: issue.user?.login }, ownLogin) &&
          (issue.body ?? "").includes(marker) &&
          issue.pull_request === undefined,
      );
      return found === undefined ? undefined : { number: found.number, body: found.body ?? "" };
    },
    async createIssue(title, body) {
      const created = await client().rest.issues.create({ ...repo, title, body, labels: [DRIFT_LABEL] });
      return created.data.number;
    },
    async updateIssue(issue, title, body) {
      await client().rest.issues.update({ ...repo, issue_number: issue, title, body });
    },
    async closeIssue(issue, comment) {
      await client().rest.issues.createComment({ ...repo, issue_number: issue, body: comment });
      await client().rest.issues.update({ ...repo, issue_number: issue, state: "closed", state_reason: "completed" });
    },
  };
}

/** `<!-- roster:drift config=roster.yml -->`: one issue per config file. */
export function driftMarker(config: string): string {
  return `<!-- roster:drift config=${config.replace(/\s/g, "%20").replace(/-->/g, "--%3E")} -->`;
}

export interface DriftReport {
  readonly config: string;
  /** The token's exact identity (report.ts `ownIdentity`): only its issue is Roster's. */
  readonly ownLogin: string;
  /** Changes pending across every vendor and site. */
  readonly changes: number;
  /** The plan as Markdown, within the comment budget. */
  readonly body: string;
  readonly runUrl: string;
}

/** Opens, updates or closes the drift issue; returns its number when one is open afterwards. */
export async function syncDriftIssue(api: DriftIssueApi, report: DriftReport): Promise<number | undefined> {
  const marker = driftMarker(report.config);
  try {
    const open = await api.findOpenIssue(marker, report.ownLogin);
    if (report.changes === 0) {
      if (open !== undefined) {
        await api.closeIssue(
          open.number,
          `✅ No drift: the vendors match ${report.config} again (${report.runUrl}). Closing.`,
        );
        core.info(`Drift issue #${open.number} closed: no drift.`);
      }
      return undefined;
    }
    const title = `Roster drift: ${report.changes} ${report.changes === 1 ? "change" : "changes"} pending (${report.config})`;
    const body = `${report.body}\n\n_Found by ${report.runUrl}._\n\n${marker}`;
    if (open === undefined) {
      const number = await api.createIssue(title, body);
      core.info(`Drift issue #${number} opened.`);
      return number;
    }
    if (open.body !== body) await api.updateIssue(open.number, title, body);
    core.info(`Drift issue #${open.number} updated.`);
    return open.number;
  } catch (error) {
    warnGitHubFailure("open, update or close the drift issue", error, "issues: write");
    return undefined;
  }
}
