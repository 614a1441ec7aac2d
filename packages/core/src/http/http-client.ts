import { STATUS_CODES } from "node:http";
import { setTimeout as delay } from "node:timers/promises";
import type { Dispatcher } from "undici";
import { HttpError, parseVendorError } from "./http-error.js";
import { assertReadOnlyAllowed } from "./read-only-guard.js";
import { createRedactor, redactUrl, redactValue } from "./redact.js";
import {
  backoffDelay,
  isIdempotentByDefault,
  isRetryableStatus,
  NOT_PROCESSED_STATUSES,
  parseRetryAfter,
  resolveRetryPolicy,
} from "./retry-policy.js";
import { type RawResponse, sendAttempt, TransportFailure } from "./send-attempt.js";
import { acquireSharedAgent } from "./shared-agent.js";
import type { BodyReader, HttpClientOptions, HttpRequest, HttpResponse, VendorErrorDetails } from "./types.js";

export interface HttpClientStats {
  /** Attempts sent over the wire (first tries, retries and 401 repeats). */
  readonly requests: number;
  /** Attempts that were retries after a retryable status or transport failure. */
  readonly retries: number;
}

export interface HttpClient {
  /** Sends the request (with retries); throws HttpError on a final non-2xx status. */
  request<T = unknown>(request: HttpRequest): Promise<HttpResponse<T>>;
  /** Like `request`, but returns any final status instead of throwing for non-2xx. */
  requestRaw<T = unknown>(request: HttpRequest): Promise<HttpResponse<T>>;
  /**
   * Like `request`, but a 2xx body is not read whole: `read` gets it as it streams in and the
   * response's body is what `read` returns. Everything else is as for `request` (retries, pacing,
   * timeouts, the read-only guard, redaction, stats, HttpError for a final non-2xx status, whose
   * body is read and parsed for the report). A transport failure or timeout while `read` consumes
   * the body retries the whole request, calling `read` again on the new attempt's body.
   */
  requestStreamed<T>(request: HttpRequest, read: BodyReader<T>): Promise<HttpResponse<T>>;
  readonly stats: HttpClientStats;
  /** The redactor this client applies; vendors reuse it for their own messages. */
  readonly redact: (text: string) => string;
  /**
   * Adds a secret learnt at run time (an access token minted by the vendor), so a vendor that
   * echoes it back bare, without a `Bearer` label, is redacted too (test "redacts a token added after the client was made, even echoed bare by the vendor", reliability/http-regressions.test.ts).
   */
  addSecret(value: string): void;
  close(): Promise<void>;
}

/** Options beyond the shared contract, for tests. */
export interface HttpClientTestOptions {
  /** Clock for HTTP-date Retry-After values. */
  readonly now?: () => number;
}

const DEFAULT_TIMEOUT_MS = 60_000;

interface Outcome {
  readonly response: RawResponse;
  readonly attempts: number;
  /** Set when the retry loop stopped early on purpose (Retry-After over the cap). */
  readonly reason?: string;
  readonly retryAfterMs?: number;
  /** An earlier attempt was sent and its answer lost, so the server may have acted on it. */
  readonly lostEarlier?: boolean;
}

const LOST_EARLIER = "an earlier attempt was sent and its answer lost, so the server may have acted on it";

function buildUrl(baseUrl: string, request: HttpRequest): URL {
  const base = new URL(baseUrl);
  let url: URL;
  if (/^https?:\/\//i.test(request.path)) {
    url = new URL(request.path);
    // Next-page links are absolute; never send credentials to another origin.
    if (url.origin !== base.origin) {
      throw new HttpError({
        code: "HTTP_ERROR",
        method: request.method,
        url: `${url.origin}${url.pathname}`,
        status: 0,
        statusText: "",
        details: {},
        body: undefined,
        attempts: 0,
        ambiguous: false,
        reason: `refused: the URL is outside the client's base URL ${base.origin}`,
      });
    }
  } else {
    const prefix = base.pathname.endsWith("/") ? base.pathname : `${base.pathname}/`;
    url = new URL(`${prefix}${request.path.replace(/^\/+/, "")}`, base.origin);
  }
  for (const [key, value] of Object.entries(request.query ?? {})) {
    if (value !== undefined) url.searchParams.append(key, String(value));
  }
  return url;
}

function encodeBody(request: HttpRequest): { body: string | undefined; contentType: string | undefined } {
  if (request.json !== undefined) return { body: JSON.stringify(request.json), contentType: "application/json" };
  if (request.form !== undefined) {
    return { body: new URLSearchParams(request.form).toString(), contentType: "application/x-www-form-urlencoded" };
  }
  return { body: undefined, contentType: undefined };
}

function formatWait(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms} ms`;
}

export function createHttpClient(options: HttpClientOptions & HttpClientTestOptions): HttpClient {
  const policy = resolveRetryPolicy(options.retry);
  const secrets = [...(options.secrets ?? [])];
  let redactor = createRedactor(secrets);
  const redact = (text: string): string => redactor(text);
  const sleep = options.sleep ?? ((ms: number) => delay(ms).then(() => undefined));
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const parseError = options.parseError ?? parseVendorError;
  const shared = options.dispatcher ? undefined : acquireSharedAgent();
  const dispatcher: Dispatcher = options.dispatcher ?? shared!.agent;
  const stats = { requests: 0, retries: 0 };
  let closed = false;

  async function headersFor(request: HttpRequest, contentType: string | undefined): Promise<Record<string, string>> {
    const headers: Record<string, string> = { accept: "application/json" };
    if (options.userAgent) headers["user-agent"] = options.userAgent;
    if (contentType) headers["content-type"] = contentType;
    const auth = options.auth ? await options.auth.headers() : {};
    for (const [key, value] of Object.entries({ ...auth, ...request.headers })) headers[key.toLowerCase()] = value;
    return headers;
  }

  async function execute(request: HttpRequest, read?: BodyReader<unknown>): Promise<Outcome> {
    const url = buildUrl(options.baseUrl, request);
    const shown = redactUrl(url, redact);
    if (options.mode === "read-only") assertReadOnlyAllowed(request, url, shown, options.allowInReadOnly);
    const idempotent = request.idempotent ?? isIdempotentByDefault(request.method);
    const { body, contentType } = encodeBody(request);
    const timeoutMs = request.timeoutMs ?? options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const label = `[${request.method}] "${shown}"`;
    let refreshedAuth = false;
    let attempt = 0;
    let lostEarlier = false;

    const scheduleRetry = async (what: string, waitMs: number, why: string): Promise<void> => {
      options.logger?.warn(
        redact(
          `${label}: ${what}; attempt ${attempt}/${policy.maxAttempts} failed, retrying in ${formatWait(waitMs)}${why}`,
        ),
      );
      stats.retries++;
      await sleep(waitMs);
    };

    for (;;) {
      if (closed) throw new HttpError(clientClosed(request, shown, attempt));
      attempt++;
      await options.pacer?.acquire(request);
      const headers = await headersFor(request, contentType);
      stats.requests++;
      let response: RawResponse;
      try {
        response = await sendAttempt({ dispatcher, url, method: request.method, headers, body, timeoutMs }, read);
      } catch (error) {
        if (!(error instanceof TransportFailure)) throw error;
        // Closed by its owner meanwhile (a CLI run dropping the read of an unusable users.csv):
        // the request is abandoned on purpose, without retry warnings.
        if (closed) throw new HttpError(clientClosed(request, shown, attempt));
        // A non-idempotent request is repeated only when it provably never reached the server.
        if ((idempotent || !error.ambiguous) && attempt < policy.maxAttempts) {
          lostEarlier ||= error.ambiguous && !isSafeMethod(request.method);
          await scheduleRetry(redact(error.message), backoffDelay(attempt, policy, random), "");
          continue;
        }
        throw new HttpError({
          code: error.kind === "timeout" ? "HTTP_TIMEOUT" : "HTTP_NETWORK",
          method: request.method,
          url: shown,
          status: 0,
          statusText: "",
          details: {},
          body: undefined,
          attempts: attempt,
          ambiguous: error.ambiguous || lostEarlier,
          reason: redact(lostEarlier ? `${error.message} – ${LOST_EARLIER}` : error.message),
          cause: error.cause,
        });
      }
      options.logger?.debug(redact(`${label}: ${response.status} (attempt ${attempt})`));

      if (response.status === 401 && options.auth?.onUnauthorized && !refreshedAuth) {
        refreshedAuth = true;
        if (await options.auth.onUnauthorized()) {
          // The repeat with fresh credentials does not count against the retry budget.
          attempt--;
          continue;
        }
      }

      if (!isRetryableStatus(response.status, request, policy)) {
        return { response, attempts: attempt, ...(lostEarlier && { lostEarlier }) };
      }
      const waitFromServer = parseRetryAfter(response.headers["retry-after"], now());
      if (response.status === 429) options.pacer?.onThrottled?.(request, waitFromServer);
      const maySend = idempotent || NOT_PROCESSED_STATUSES.has(response.status);
      if (!maySend || attempt >= policy.maxAttempts) {
        return {
          response,
          attempts: attempt,
          ...(waitFromServer !== undefined && { retryAfterMs: waitFromServer }),
          ...(lostEarlier && { lostEarlier }),
        };
      }
      if (waitFromServer !== undefined && waitFromServer > policy.maxRetryAfterMs) {
        return {
          response,
          attempts: attempt,
          retryAfterMs: waitFromServer,
          ...(lostEarlier && { lostEarlier }),
          reason: `the server asked to wait ${formatWait(waitFromServer)} (Retry-After), more than the ${formatWait(policy.maxRetryAfterMs)} this client waits; try again later`,
        };
      }
      // A write answered by a gateway error (502/504) may have reached the vendor behind it.
      if (!isSafeMethod(request.method) && !NOT_PROCESSED_STATUSES.has(response.status)) lostEarlier = true;
      const useServerWait = waitFromServer !== undefined && waitFromServer > 0;
      const waitMs = useServerWait ? waitFromServer : backoffDelay(attempt, policy, random);
      await scheduleRetry(statusLine(response.status), waitMs, useServerWait ? " (Retry-After)" : "");
    }
  }

  function toHttpError(request: HttpRequest, outcome: Outcome): HttpError {
    const { response, attempts } = outcome;
    const url = redactUrl(buildUrl(options.baseUrl, request), redact);
    const body = redactValue(response.body, redact);
    const parsed = parseError(response.status, body);
    const requestId = parsed.requestId ?? response.headers["x-request-id"];
    const details: VendorErrorDetails = {
      ...(parsed.message !== undefined && { message: redact(parsed.message) }),
      ...(parsed.code !== undefined && { code: redact(parsed.code) }),
      // A header is vendor text like any other: one that echoes a credential is redacted too.
      ...(requestId !== undefined && { requestId: redact(requestId) }),
    };
    const retryable = isRetryableStatus(response.status, request, policy);
    const reasons = [outcome.reason, outcome.lostEarlier === true ? LOST_EARLIER : undefined].filter(
      (part): part is string => part !== undefined,
    );
    const reason = reasons.length > 0 ? reasons.join(" – ") : undefined;
    const idempotent = request.idempotent ?? isIdempotentByDefault(request.method);
    return new HttpError({
      code: retryable && attempts > 1 && outcome.reason === undefined ? "HTTP_RETRIES_EXHAUSTED" : "HTTP_ERROR",
      method: request.method,
      url,
      status: response.status,
      statusText: STATUS_CODES[response.status] ?? "",
      details,
      body,
      attempts,
      // A 5xx other than 503 may come after the server acted; 503 and 4xx mean it did not.
      ambiguous: outcome.lostEarlier === true || (!idempotent && response.status >= 500 && response.status !== 503),
      ...(reason !== undefined && { reason }),
      ...(outcome.retryAfterMs !== undefined && { retryAfterMs: outcome.retryAfterMs }),
    });
  }

  return {
    async request<T>(request: HttpRequest): Promise<HttpResponse<T>> {
      const outcome = await execute(request);
      const { status, headers, body } = outcome.response;
      if (status < 200 || status > 299) throw toHttpError(request, outcome);
      return { status, headers, body: body as T };
    },
    async requestStreamed<T>(request: HttpRequest, read: BodyReader<T>): Promise<HttpResponse<T>> {
      const outcome = await execute(request, read);
      const { status, headers, read: streamed } = outcome.response;
      if (status < 200 || status > 299 || streamed === undefined) throw toHttpError(request, outcome);
      return { status, headers, body: streamed.value as T };
    },
    async requestRaw<T>(request: HttpRequest): Promise<HttpResponse<T>> {
      const { status, headers, body } = (await execute(request)).response;
      return { status, headers, body: body as T };
    },
    get stats(): HttpClientStats {
      return { requests: stats.requests, retries: stats.retries };
    },
    redact,
    addSecret(value: string): void {
      if (secrets.includes(value)) return;
      secrets.push(value);
      redactor = createRedactor(secrets);
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await shared?.release();
    },
  };
}

function isSafeMethod(method: string): boolean {
  return method === "GET" || method === "HEAD";
}

function statusLine(status: number): string {
  return `${status} ${STATUS_CODES[status] ?? ""}`.trim();
}

function clientClosed(request: HttpRequest, url: string, attempts: number): ConstructorParameters<typeof HttpError>[0] {
  return {
    code: "HTTP_NETWORK",
    method: request.method,
    url,
    status: 0,
    statusText: "",
    details: {},
    body: undefined,
    attempts,
    ambiguous: false,
    reason: "the HTTP client was closed",
  };
}
