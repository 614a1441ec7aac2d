import { describe, expect, it } from "vitest";
import { classifyGitHubFailure, describeGitHubFailure, GitHubReadError } from "./github-errors.js";

/** The shape of an Octokit RequestError: status, message, response headers. */
const requestError = (status: number, message: string, headers: Record<string, string> = {}) =>
  Object.assign(new Error(message), { status, response: { headers, data: {} } });

describe("classifyGitHubFailure", () => {
  it("tells a secondary rate limit (403 with its message) from a missing permission (403 without)", () => {
    const limited = requestError(403, "You have exceeded a secondary rate limit.", { "retry-after": "60" });
    expect(classifyGitHubFailure(limited)).toMatchObject({ kind: "rate-limited", retryAfterSeconds: 60 });
    expect(classifyGitHubFailure(requestError(403, "Resource not accessible by integration")).kind).toBe("forbidden");
  });

  it("takes a 403 with x-ratelimit-remaining 0, and any 429, for a rate limit", () => {
    expect(
      classifyGitHubFailure(requestError(403, "API rate limit exceeded", { "x-ratelimit-remaining": "0" })).kind,
    ).toBe("rate-limited");
    expect(classifyGitHubFailure(requestError(429, "Too Many Requests")).kind).toBe("rate-limited");
  });

  it("tells a 5xx answer from a connection that gave no answer", () => {
    expect(classifyGitHubFailure(requestError(502, "Bad Gateway")).kind).toBe("unavailable");
    const dropped = Object.assign(new Error("other side closed"), { status: 500 });
    expect(classifyGitHubFailure(dropped).kind).toBe("unreachable");
  });

  it("keeps the first classification through a GitHubReadError", () => {
    const error = new GitHubReadError("read the comments of #1", requestError(429, "slow down"), "pull-requests: read");
    expect(classifyGitHubFailure(error).kind).toBe("rate-limited");
    expect(error.code).toBe("GITHUB_READ_FAILED");
  });
});

describe("describeGitHubFailure", () => {
  it("says rate limit, and not permission, for a rate limit", () => {
    const text = describeGitHubFailure("comment on #3", requestError(429, "x"), "pull-requests: write");
    expect(text).toContain("rate limit");
    expect(text).not.toContain("`pull-requests: write`");
  });

  it("names the permission for a plain 403", () => {
    const text = describeGitHubFailure("comment on #3", requestError(403, "Forbidden"), "pull-requests: write");
    expect(text).toContain("the token lacks the `pull-requests: write` permission");
    expect(text).not.toContain("rate limit");
  });
});
