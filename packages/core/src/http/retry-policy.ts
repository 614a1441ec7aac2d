import type { HttpMethod, HttpRequest, RetryPolicy } from "./types.js";

/**
 * Statuses retried by default (docs/style.md#http-clients; ofetch keeps the same kind of set):
 * - 429 Too Many Requests: every vendor throttles this way; Adobe requires backoff + jitter
 *   and sends `Retry-After` (docs/vendors/adobe.md#action-api).
 * - 502 Bad Gateway, 504 Gateway Timeout: a proxy in front of the vendor failed.
 * - 503 Service Unavailable: the vendor is overloaded or in maintenance.
 * 500 is NOT retried: it usually means the request itself broke the server, and a write may have
 * happened (umapi-client treats it as a ServerError without retry, docs/vendors/adobe.md#umapi-client).
 */
export const DEFAULT_RETRY_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);

/**
 * Statuses retried for reads only (GET/HEAD). A read cannot have changed anything, so the reason
 * 500 is not retried for writes does not apply; and one transient 500 among the dozens of paged
 * reads a vendor listing takes would otherwise abort the whole plan (test "retries 500 on a read, which cannot have changed anything", http/http-retry.test.ts).
 * Writes keep the rule above, even those marked idempotent (Adobe treats 500 as final, docs/vendors/adobe.md#umapi-client).
 */
export const READ_RETRY_STATUSES: ReadonlySet<number> = new Set([500]);

/** Whether a status is retried for this request under the policy. */
export function isRetryableStatus(status: number, request: HttpRequest, policy: RetryPolicy): boolean {
  if (policy.retryStatuses.has(status)) return true;
  return (request.method === "GET" || request.method === "HEAD") && READ_RETRY_STATUSES.has(status);
}

/**
 * Statuses that prove the server did not act, so even a POST may be repeated:
 * 429 (rejected by the throttle before processing) and 503 (not accepted for processing).
 */
export const NOT_PROCESSED_STATUSES: ReadonlySet<number> = new Set([429, 503]);

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  retryStatuses: DEFAULT_RETRY_STATUSES,
  maxRetryAfterMs: 120_000,
};

export function resolveRetryPolicy(partial: Partial<RetryPolicy> | undefined): RetryPolicy {
  const policy = { ...DEFAULT_RETRY_POLICY, ...partial };
  return { ...policy, maxAttempts: Math.max(1, Math.floor(policy.maxAttempts)) };
}

/** GET/HEAD/PUT/DELETE/PATCH are treated as repeatable; POST is not (HttpRequest.idempotent). */
export function isIdempotentByDefault(method: HttpMethod): boolean {
  return method !== "POST";
}

/** Exponential backoff with full jitter: random(0, min(max, base * 2^(retry-1))). */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.round(random() * ceiling);
}

/**
 * `Retry-After` as delta-seconds or an HTTP-date (RFC 9110 §10.2.3); umapi-client accepts both
 * (docs/vendors/adobe.md#umapi-client). Returns milliseconds, or undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (text === "") return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
