import { createOctokit, type Octokit, RETRIES, retryBaseMs } from "./github-client.js";
import { classifyGitHubFailure, GitHubReadError } from "./github-errors.js";
import { redactText } from "./secrets.js";

/**
 * Every GitHub API call the action makes, through one configured Octokit (docs/style.md#the-action-is-a-thin-adapter).
 * REST only, so the fake GitHub of the end-to-end tests stays small (docs/plan-in-pr.md#running-the-bundle-in-tests).
 */
export interface IssueComment {
  readonly id: number;
  readonly body: string;
  readonly url: string;
  readonly authorLogin: string | undefined;
  readonly authorType: string | undefined;
  /** ISO 8601 time of the last edit (or creation), as GitHub reports it. */
  readonly updatedAt: string | undefined;
}

export interface PullRequestRef {
  readonly number: number;
  readonly merged: boolean;
  /** ISO 8601 time of the merge; undefined when not merged. */
  readonly mergedAt: string | undefined;
}

export interface GitHubApi {
  /**
   * The token's own login, exactly as comment authors are shown (`roster-app[bot]` for an app
   * installation token). GraphQL `viewer` answers for user and installation tokens alike, where
   * REST `GET /user` refuses installation tokens; a token refused even that is the workflow's
   * GITHUB_TOKEN, whose comments are `github-actions[bot]`'s. Other failures throw: an identity
   * that could not be read is never guessed.
   */
  getOwnLogin(): Promise<string>;
  listComments(issueNumber: number): Promise<IssueComment[]>;
  createComment(issueNumber: number, body: string): Promise<IssueComment>;
  updateComment(commentId: number, body: string): Promise<IssueComment>;
  /** Pull requests that introduced a commit: the merged one on the default branch, else open ones. */
  listPullRequestsForCommit(sha: string): Promise<PullRequestRef[]>;
  /** A file's text at a ref; null when it does not exist there. */
  getFileText(path: string, ref: string): Promise<string | null>;
  /** The commit sha a branch points at now (`GET /repos/{o}/{r}/git/ref/heads/{branch}`). */
  getBranchHeadSha(branch: string): Promise<string>;
}

export interface RepoRef {
  readonly owner: string;
  readonly repo: string;
}

/** The HTTP status of an Octokit RequestError, or undefined for anything else. */
export function httpStatusOf(error: unknown): number | undefined {
  if (typeof error === "object" && error !== null && "status" in error) {
    const status = (error as { status: unknown }).status;
    if (typeof status === "number") return status;
  }
  return undefined;
}

interface RawComment {
  id: number;
  body?: string | null;
  html_url: string;
  user?: { login: string; type?: string } | null;
  updated_at?: string;
}

function toComment(raw: RawComment): IssueComment {
  return {
    id: raw.id,
    body: raw.body ?? "",
    url: raw.html_url,
    authorLogin: raw.user?.login,
    authorType: raw.user?.type,
    updatedAt: raw.updated_at,
  };
}

/**
 * The client is made on first use: a run that never calls GitHub (a scheduled drift report)
 * works without a token, and one that needs it fails that call with a message naming the input.
 */
function lazyOctokit(token: string): () => Octokit {
  let octokit: Octokit | undefined;
  return () => {
    if (token === "") throw new Error("the `github-token` input is empty");
    // Retries, rate limits and spacing: github-client.ts.
    octokit ??= createOctokit(token);
    return octokit;
  };
}

/**
 * Reads fail with a GitHubReadError (github-errors.ts): a caller then says "could not read …",
 * never what the answer would have been. Every comment body is redacted on its way out (secrets.ts).
 */
export function createGitHubApi(token: string, repo: RepoRef): GitHubApi {
  const client = lazyOctokit(token);
  const listComments = async (issueNumber: number): Promise<IssueComment[]> => {
    try {
      const octokit = client();
      const raw = await octokit.paginate(octokit.rest.issues.listComments, {
        ...repo,
        issue_number: issueNumber,
        per_page: 100,
      });
      return raw.map(toComment);
    } catch (error) {
      throw new GitHubReadError(`read the comments of #${issueNumber}`, error, "pull-requests: read");
    }
  };
  return {
    async getOwnLogin() {
      try {
        const data = await client().graphql<{ viewer?: { login?: unknown } }>("query { viewer { login } }");
        const login = data.viewer?.login;
        if (typeof login !== "string" || login === "") throw new Error("GitHub answered `viewer` without a login");
        return login;
      } catch (error) {
        // Only a refusal (403 without a rate limit) means the workflow's GITHUB_TOKEN; a rate limit
        // or an outage is an identity that could not be read (github-errors.ts).
        if (classifyGitHubFailure(error).kind === "forbidden" && httpStatusOf(error) === 403)
          return "github-actions[bot]";
        throw error;
      }
    },
    listComments,
    async createComment(issueNumber, body) {
      const octokit = client();
      const text = redactText(body);
      // Not retried blindly: GitHub may have created the comment before the answer was lost (a
      // 502 or a dropped connection), and a second POST would duplicate it. So look first, and post
      // again only when it is not there. Rate limits are retried by the throttling plugin: GitHub
      // did not act on a limited request.
      for (let attempt = 1; ; attempt += 1) {
        try {
          const { data } = await octokit.rest.issues.createComment({
            ...repo,
            issue_number: issueNumber,
            body: text,
            request: { retries: 0 },
          });
          return toComment(data);
        } catch (error) {
          const kind = classifyGitHubFailure(error).kind;
          if (attempt > RETRIES || (kind !== "unavailable" && kind !== "unreachable")) throw error;
          await new Promise((resolve) => setTimeout(resolve, attempt * attempt * retryBaseMs()));
          const landed = (await listComments(issueNumber)).findLast((comment) => comment.body === text);
          if (landed !== undefined) return landed;
        }
      }
    },
    async updateComment(commentId, body) {
      const octokit = client();
      // A PATCH with the same body is idempotent: the retry plugin may repeat it.
      const { data } = await octokit.rest.issues.updateComment({
        ...repo,
        comment_id: commentId,
        body: redactText(body),
      });
      return toComment(data);
    },
    async listPullRequestsForCommit(sha) {
      try {
        const octokit = client();
        const { data } = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ ...repo, commit_sha: sha });
        return data.map((pr) => ({
          number: pr.number,
          merged: pr.merged_at !== null && pr.merged_at !== undefined,
          mergedAt: pr.merged_at ?? undefined,
        }));
      } catch (error) {
        throw new GitHubReadError(`find the pull request of ${sha.slice(0, 7)}`, error, "pull-requests: read");
      }
    },
    async getFileText(path, ref) {
      const octokit = client();
      try {
        // The raw media type returns the bytes as text and works for files up to 100 MB
        // (the JSON form leaves `content` empty above 1 MB).
        const response = await octokit.rest.repos.getContent({
          ...repo,
          path,
          ref,
          mediaType: { format: "raw" },
        });
        const data: unknown = response.data;
        return typeof data === "string" ? data : null;
      } catch (error) {
        if (httpStatusOf(error) === 404) return null;
        throw new GitHubReadError(`read ${path} at ${ref.slice(0, 7)}`, error, "contents: read");
      }
    },
    async getBranchHeadSha(branch) {
      const octokit = client();
      const { data } = await octokit.rest.git.getRef({ ...repo, ref: `heads/${branch}` });
      const sha: unknown = data.object?.sha;
      if (typeof sha !== "string" || !/^[0-9a-f]{40}$/i.test(sha)) {
        throw new Error(`GitHub answered refs/heads/${branch} without a commit sha`);
      }
      return sha;
    },
  };
}
