import * as core from "@actions/core";
import { getOctokit } from "@actions/github";
import { retry } from "@octokit/plugin-retry";
import { type ThrottlingOptions, throttling } from "@octokit/plugin-throttling";

/**
 * The one Octokit the Action uses, with Octokit's own retry and throttling plugins, so a flaky or
 * busy GitHub API does not lose the report (issue 11):
 *
 * - `@octokit/plugin-retry` repeats a call that failed with a 5xx or a dropped connection, up to
 *   RETRIES times, waiting 1, 4, 9 s. A 4xx is an answer, not a fault, and is not repeated.
 * - `@octokit/plugin-throttling` honours rate limits: a secondary limit (403 or 429 naming it,
 *   usually with `retry-after`) and the primary one (`x-ratelimit-remaining: 0`) are waited out
 *   and the call repeated, up to RETRIES times, but only when GitHub asks for a wait of at most
 *   MAX_WAIT_SECONDS; a longer one fails the call with a message that says "rate limit", never
 *   "permission" (github-errors.ts). It also spaces requests that create content one second apart
 *   (three for comments, which notify), as GitHub asks of integrations
 *   (https://docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api).
 *
 * `ROSTER_GITHUB_RETRY_BASE_MS` (default 1000) is the length of one "second" of those waits. Only
 * the Action's tests set it (to 1), so that a test of a 60 s secondary limit takes 60 ms; a
 * workflow has no reason to.
 */
export const RETRIES = 3;
export const MAX_WAIT_SECONDS = 120;
const DEFAULT_BASE_MS = 1000;

export type Octokit = ReturnType<typeof getOctokit>;

export function retryBaseMs(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.ROSTER_GITHUB_RETRY_BASE_MS);
  return Number.isFinite(value) && value >= 0 && env.ROSTER_GITHUB_RETRY_BASE_MS !== "" ? value : DEFAULT_BASE_MS;
}

interface LimitedRequest {
  readonly method?: string;
  readonly url?: string;
}

function onLimit(kind: string) {
  return (retryAfter: number, options: LimitedRequest, _octokit: unknown, retryCount: number): boolean => {
    const call = `${options.method ?? "GET"} ${options.url ?? ""}`;
    if (retryCount >= RETRIES || retryAfter > MAX_WAIT_SECONDS) {
      core.info(`GitHub ${kind} on ${call}: not waiting ${retryAfter} s more (retried ${retryCount} times).`);
      return false;
    }
    core.info(`GitHub ${kind} on ${call}: waiting ${retryAfter} s, then retry ${retryCount + 1} of ${RETRIES}.`);
    return true;
  };
}

/**
 * Bottleneck groups are what plugin-throttling spaces writes with; only `key(id).schedule` is
 * used. This one spaces calls `minTime` ms apart, so the spacing follows ROSTER_GITHUB_RETRY_BASE_MS.
 */
function spacer(minTime: number): NonNullable<ThrottlingOptions["write"]> {
  let last = Number.NEGATIVE_INFINITY;
  let queue: Promise<unknown> = Promise.resolve();
  const limiter = {
    schedule<T>(_options: unknown, task: () => Promise<T>): Promise<T> {
      const run = queue.then(async () => {
        const wait = last + minTime - Date.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        last = Date.now();
        return task();
      });
      queue = run.catch(() => undefined);
      return run;
    },
  };
  return { key: () => limiter } as unknown as NonNullable<ThrottlingOptions["write"]>;
}

export function createOctokit(token: string, env: NodeJS.ProcessEnv = process.env): Octokit {
  const base = retryBaseMs(env);
  return getOctokit(
    token,
    {
      // getOctokit reads GITHUB_API_URL too; passing it makes GHES and the test fake explicit.
      baseUrl: env.GITHUB_API_URL || "https://api.github.com",
      retry: {
        retries: RETRIES,
        retryAfterBaseValue: base,
        // Rate limits (403, 429) belong to the throttling plugin, which reads `retry-after`.
        doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451],
      },
      throttle: {
        retryAfterBaseValue: base,
        onRateLimit: onLimit("rate limit"),
        onSecondaryRateLimit: onLimit("secondary rate limit"),
        write: spacer(base),
        notifications: spacer(3 * base),
      },
    },
    retry,
    throttling,
  );
}
