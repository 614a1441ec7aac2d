/**
 * What went wrong with a GitHub API call, told apart the way a user must act on it: a rate limit
 * (wait, rerun) is not a missing permission (change the workflow), and neither is GitHub being
 * down. Octokit's RequestError carries the status and the response headers; a connection that
 * dropped or never opened comes as status 500 without a response.
 *
 * GitHub answers a rate limit with 403 or 429 and either `x-ratelimit-remaining: 0` (the primary
 * limit) or a message naming the secondary rate limit, usually with `retry-after`
 * (https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api).
 */
export type GitHubFailureKind =
  /** 403/429 for a primary or secondary rate limit, still in force after the bounded waits. */
  | "rate-limited"
  /** 401: the token is invalid or expired. */
  | "unauthorized"
  /** 403 that is not a rate limit, or 404 (GitHub hides what a token may not see): a permission. */
  | "forbidden"
  /** 5xx, still after the retries. */
  | "unavailable"
  /** No answer: the connection dropped, timed out or never opened, still after the retries. */
  | "unreachable"
  /** Anything else: a 4xx about the request itself, or not an HTTP error at all. */
  | "other";

export interface GitHubFailure {
  readonly kind: GitHubFailureKind;
  readonly status: number | undefined;
  /** Seconds GitHub asked to wait (`retry-after`), when it said. */
  readonly retryAfterSeconds: number | undefined;
  /** GitHub's own message (untrusted text; the log redactor still applies). */
  readonly detail: string;
}

interface ErrorShape {
  status?: unknown;
  message?: unknown;
  response?: { headers?: Record<string, unknown>; data?: unknown };
}

function headerOf(error: ErrorShape, name: string): string | undefined {
  const value = error.response?.headers?.[name];
  return typeof value === "string" || typeof value === "number" ? String(value) : undefined;
}

const RATE_LIMIT_MESSAGE = /\b(secondary )?rate limit/i;

export function classifyGitHubFailure(error: unknown): GitHubFailure {
  if (isGitHubReadError(error)) return error.failure;
  const shape: ErrorShape = typeof error === "object" && error !== null ? (error as ErrorShape) : {};
  const status = typeof shape.status === "number" ? shape.status : undefined;
  const detail = (typeof shape.message === "string" ? shape.message : String(error)).slice(0, 300);
  const retryAfter = Number(headerOf(shape, "retry-after"));
  const retryAfterSeconds = Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter : undefined;
  const base = { status, retryAfterSeconds, detail };
  if (status === undefined) return { kind: "other", ...base };
  const rateLimited =
    (status === 403 || status === 429) &&
    (headerOf(shape, "x-ratelimit-remaining") === "0" || RATE_LIMIT_MESSAGE.test(detail) || status === 429);
  if (rateLimited) return { kind: "rate-limited", ...base };
  if (status === 401) return { kind: "unauthorized", ...base };
  if (status === 403 || status === 404) return { kind: "forbidden", ...base };
  if (status === 500 && shape.response === undefined) return { kind: "unreachable", ...base };
  if (status >= 500) return { kind: "unavailable", ...base };
  return { kind: "other", ...base };
}

/**
 * A sentence saying what could not be done and why, for a warning or an error. `what` completes
 * "Could not …" ("read the comments of #7"); `permission` is the job permission that call needs.
 */
export function describeGitHubFailure(what: string, error: unknown, permission: string): string {
  const failure = classifyGitHubFailure(error);
  const http = failure.status === undefined ? "" : ` (HTTP ${failure.status})`;
  switch (failure.kind) {
    case "rate-limited": {
      const wait =
        failure.retryAfterSeconds === undefined ? "" : ` GitHub asked to wait ${failure.retryAfterSeconds} s more.`;
      return `Could not ${what}${http}: GitHub's API rate limit was still in force after Roster waited and retried.${wait} This is not a permission problem: rerun the job later, or spread the workflows that share this token.`;
    }
    case "unauthorized":
      return `Could not ${what}${http}: GitHub refused the token as invalid or expired. Check the \`github-token\` input.`;
    case "forbidden":
      return `Could not ${what}${http}: the token lacks the \`${permission}\` permission. Add \`permissions: { ${permission} }\` to the job, or pass a token that has it in \`github-token\`. Fork pull requests always get a read-only token.`;
    case "unavailable":
      return `Could not ${what}${http}: GitHub's API kept failing after Roster retried (${failure.detail}). Rerun the job.`;
    case "unreachable":
      return `Could not ${what}: GitHub's API could not be reached after Roster retried (${failure.detail}). Rerun the job.`;
    default:
      return `Could not ${what}${http}: ${failure.detail}`;
  }
}

/**
 * A read from GitHub that failed: the caller must say "could not read …", never state what the
 * answer would have been (no comment found, no pull request, no reviewed plan). Code
 * `GITHUB_READ_FAILED`; `what` completes "Could not …".
 */
export class GitHubReadError extends Error {
  readonly code = "GITHUB_READ_FAILED";
  readonly what: string;
  readonly failure: GitHubFailure;

  constructor(what: string, cause: unknown, permission: string) {
    super(describeGitHubFailure(what, cause, permission), { cause });
    this.name = "GitHubReadError";
    this.what = what;
    this.failure = classifyGitHubFailure(cause);
  }
}

export function isGitHubReadError(error: unknown): error is GitHubReadError {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "GITHUB_READ_FAILED";
}
