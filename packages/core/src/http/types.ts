import type { Dispatcher } from "undici";
import type { Logger } from "../vendors/vendor.js";

/**
 * The HTTP layer every vendor client uses (implementation: `http/http-client.ts`).
 *
 * Safety: a client made with `mode: "read-only"` refuses every request whose method is not
 * GET/HEAD unless `allowInReadOnly(request, url)` says it is the token exchange or the vendor's
 * own server-side test mode. The check runs on the final URL, so a vendor bug cannot smuggle a
 * write through. Refusal throws `CoreError` with code `READ_ONLY_VIOLATION` before any byte is sent.
 */
export type HttpMethod = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE";

export type QueryValue = string | number | boolean | undefined;

export interface HttpRequest {
  readonly method: HttpMethod;
  /** Path relative to the client's base URL (may include the base URL's own path prefix logic). */
  readonly path: string;
  readonly query?: Readonly<Record<string, QueryValue>>;
  readonly headers?: Readonly<Record<string, string>>;
  /** JSON body (serialised with JSON.stringify) or an urlencoded form. */
  readonly json?: unknown;
  readonly form?: Readonly<Record<string, string>>;
  /**
   * Whether repeating the request is harmless. Defaults: true for GET/HEAD/PUT/DELETE/PATCH,
   * false for POST. A non-idempotent request is retried only when the failure proves the server
   * did not act on it (429, 503, connection refused before sending); otherwise the error is
   * thrown with `ambiguous: true` so the caller can look up what happened instead of guessing.
   */
  readonly idempotent?: boolean;
  /** Per-request timeout override in ms. */
  readonly timeoutMs?: number;
  /** Names this request in logs and in the pacer ("members.list", "action"). */
  readonly label?: string;
}

export interface HttpResponse<T = unknown> {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** Parsed JSON when the response is JSON, the text otherwise, `undefined` when empty. */
  readonly body: T;
}

/** A 2xx answer whose body is read as it arrives (`HttpClient.requestStreamed`). */
export interface StreamedBody {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /**
   * The body's bytes as they arrive, once. A transport failure or the timeout while they do fails
   * the attempt, which is retried like any other.
   */
  readonly chunks: AsyncIterable<Uint8Array>;
}

/**
 * Reads one attempt's 2xx body as it streams in. Called once per attempt that gets a 2xx, each time
 * with a fresh body, so it must start from fresh state: what an attempt cut short gathered is
 * dropped with it. What it throws of its own (a malformed body) fails the request unchanged.
 */
export type BodyReader<T> = (body: StreamedBody) => Promise<T>;

export interface RetryPolicy {
  /** Total attempts including the first. */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Statuses retried (with backoff and jitter, honouring Retry-After). */
  readonly retryStatuses: ReadonlySet<number>;
  /** A Retry-After longer than this fails the request instead of sleeping. */
  readonly maxRetryAfterMs: number;
}

/** The vendor's error envelope, parsed from an error response body. */
export interface VendorErrorDetails {
  readonly message?: string;
  readonly code?: string;
  readonly requestId?: string;
}

export interface AuthProvider {
  /** Headers to add to every request (e.g. Authorization, X-Api-Key). */
  headers(): Promise<Readonly<Record<string, string>>>;
  /** Called once on a 401; return true to repeat the request once with fresh headers. */
  onUnauthorized?(): Promise<boolean>;
}

/** Called before every attempt (first try and retries); resolves when the request may go. */
export interface Pacer {
  acquire(request: HttpRequest): Promise<void>;
  /** Told about a 429 so it can slow down. */
  onThrottled?(request: HttpRequest, retryAfterMs: number | undefined): void;
}

/**
 * The transport seams every vendor takes from tests and benchmarks (docs/style.md#http-clients):
 * the connection pool, the retry policy, sleeps, the backoff jitter and the per-request timeout,
 * so no test sleeps for real or reaches a server it did not start.
 */
export interface TransportOptions {
  readonly dispatcher?: Dispatcher;
  readonly retry?: Partial<RetryPolicy>;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Backoff jitter source (tests seed it). */
  readonly random?: () => number;
  /** Per-request timeout; default 120 s (tests use a short one to exercise lost answers). */
  readonly timeoutMs?: number;
}

/** The seams of a vendor that mints tokens: the clock their expiry is read on, and who is told each new one. */
export interface TokenTransportOptions extends TransportOptions {
  readonly now?: () => number;
  /** Told every token minted (VendorFactoryOptions.onSecret). */
  readonly onSecret?: (value: string) => void;
}

export interface HttpClientOptions {
  readonly baseUrl: string;
  readonly mode: "read-only" | "read-write";
  readonly allowInReadOnly?: (request: HttpRequest, url: URL) => boolean;
  readonly auth?: AuthProvider;
  readonly dispatcher?: Dispatcher;
  readonly retry?: Partial<RetryPolicy>;
  readonly timeoutMs?: number;
  /** Secret values to redact from every message, error and log line. */
  readonly secrets?: readonly string[];
  readonly parseError?: (status: number, body: unknown) => VendorErrorDetails;
  readonly pacer?: Pacer;
  readonly logger?: Logger;
  /** Injected for tests: defaults to a real timer. */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
  readonly userAgent?: string;
}
