import { getOctokit } from "@actions/github";

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
}

export interface PullRequestRef {
  readonly number: number;
  readonly merged: boolean;
}

export interface GitHubApi {
  /** The token's own login; undefined when GET /user is refused (GITHUB_TOKEN gets 403). */
  getOwnLogin(): Promise<string | undefined>;
  listComments(issueNumber: number): Promise<IssueComment[]>;
  createComment(issueNumber: number, body: string): Promise<IssueComment>;
  updateComment(commentId: number, body: string): Promise<IssueComment>;
  /** Pull requests that introduced a commit: the merged one on the default branch, else open ones. */
  listPullRequestsForCommit(sha: string): Promise<PullRequestRef[]>;
  /** A file's text at a ref; null when it does not exist there. */
  getFileText(path: string, ref: string): Promise<string | null>;
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
}

function toComment(raw: RawComment): IssueComment {
  return {
    id: raw.id,
    body: raw.body ?? "",
    url: raw.html_url,
    authorLogin: raw.user?.login,
    authorType: raw.user?.type,
  };
}

type Octokit = ReturnType<typeof getOctokit>;

/**
 * The client is made on first use: a run that never calls GitHub (a scheduled drift report)
 * works without a token, and one that needs it fails that call with a message naming the input.
 */
function lazyOctokit(token: string): () => Octokit {
  let octokit: Octokit | undefined;
  return () => {
    if (token === "") throw new Error("the `github-token` input is empty");
    // getOctokit reads GITHUB_API_URL too; passing it makes GHES and the test fake explicit.
    octokit ??= getOctokit(token, { baseUrl: process.env.GITHUB_API_URL || "https://api.github.com" });
    return octokit;
  };
}

export function createGitHubApi(token: string, repo: RepoRef): GitHubApi {
  const client = lazyOctokit(token);
  return {
    async getOwnLogin() {
      try {
        const { data } = await client().rest.users.getAuthenticated();
        return data.login;
      } catch {
        // An installation token (GITHUB_TOKEN) may not read /user (403 "Resource not accessible
        // by integration"); without a login, comments are matched by the bot identity instead.
        return undefined;
      }
    },
    async listComments(issueNumber) {
      const octokit = client();
      const raw = await octokit.paginate(octokit.rest.issues.listComments, {
        ...repo,
        issue_number: issueNumber,
        per_page: 100,
      });
      return raw.map(toComment);
    },
    async createComment(issueNumber, body) {
      const octokit = client();
      const { data } = await octokit.rest.issues.createComment({ ...repo, issue_number: issueNumber, body });
      return toComment(data);
    },
    async updateComment(commentId, body) {
      const octokit = client();
      const { data } = await octokit.rest.issues.updateComment({ ...repo, comment_id: commentId, body });
      return toComment(data);
    },
    async listPullRequestsForCommit(sha) {
      const octokit = client();
      const { data } = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ ...repo, commit_sha: sha });
      return data.map((pr) => ({ number: pr.number, merged: pr.merged_at !== null && pr.merged_at !== undefined }));
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
        throw error;
      }
    },
  };
}
