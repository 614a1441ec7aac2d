import { CoreError } from "../errors.js";
import type { HttpMethod, VendorErrorDetails } from "./types.js";

export type HttpErrorCode = "HTTP_ERROR" | "HTTP_RETRIES_EXHAUSTED" | "HTTP_NETWORK" | "HTTP_TIMEOUT";

/** The failed request as the HTTP client saw it: the error's own fields, plus how to word and chain it. */
export type HttpErrorInit = Pick<
  HttpError,
  "code" | "method" | "url" | "status" | "statusText" | "details" | "body" | "attempts" | "ambiguous"
> & {
  /** Already redacted; replaces the vendor message in `message` (network causes, Retry-After cap). */
  readonly reason?: string;
  readonly retryAfterMs?: number;
  readonly cause?: unknown;
};

/**
 * A request that failed for good. Message format follows ofetch (docs/style.md#http-clients):
 * `[PATCH] "https://host/v2/members/abc": 404 Not Found – Member type name is not found`.
 * Branch on `code`, `status` and `ambiguous`, not on `instanceof`.
 */
export class HttpError extends CoreError {
  override readonly code: HttpErrorCode;
  readonly method: HttpMethod;
  /** Already redacted. */
  readonly url: string;
  /** 0 when no response arrived (network failure, timeout). */
  readonly status: number;
  readonly statusText: string;
  readonly details: VendorErrorDetails;
  /** Already redacted. */
  readonly body: unknown;
  readonly attempts: number;
  /**
   * True when the server may have acted on the request even though no success came back
   * (dropped connection or timeout after sending, or a retryable status on a non-idempotent
   * request). Look up the resource before trying again.
   */
  readonly ambiguous: boolean;
  /** The Retry-After the server asked for, when it had one. */
  readonly retryAfterMs: number | undefined;

  constructor(init: HttpErrorInit) {
    super(init.code, formatHttpErrorMessage(init), init.cause === undefined ? undefined : { cause: init.cause });
    this.name = "HttpError";
    this.code = init.code;
    this.method = init.method;
    this.url = init.url;
    this.status = init.status;
    this.statusText = init.statusText;
    this.details = init.details;
    this.body = init.body;
    this.attempts = init.attempts;
    this.ambiguous = init.ambiguous;
    this.retryAfterMs = init.retryAfterMs;
  }
}

function formatHttpErrorMessage(init: HttpErrorInit): string {
  const head = `[${init.method}] "${init.url}"`;
  const status = init.status === 0 ? "no response" : `${init.status} ${init.statusText}`.trim();
  const vendor = init.details.message ?? init.details.code;
  const parts = [init.reason, vendor].filter((part): part is string => Boolean(part));
  const suffix = parts.length > 0 ? ` – ${parts.join(" – ")}` : "";
  const attempts = init.attempts > 1 ? ` (after ${init.attempts} attempts)` : "";
  return `${head}: ${status}${suffix}${attempts}`;
}

export function isHttpError(error: unknown): error is HttpError {
  return (
    typeof error === "object" &&
    error !== null &&
    (error as { name?: unknown }).name === "HttpError" &&
    typeof (error as { status?: unknown }).status === "number"
  );
}

function pickString(record: Record<string, unknown>, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const value = record[key];
    if (typeof value === "string" && value.length > 0) return value;
    if (typeof value === "number") return String(value);
  }
  return undefined;
}

/**
 * The default vendor envelope reader. Covers the shapes our vendors use: Sigma
 * `{code, message, requestId}`, Adobe `{error_code, message}` and `{result, message}`
 * (docs/vendors/adobe.md#action-api), OAuth `{error, error_description}`, and plain-text bodies.
 */
export function parseVendorError(_status: number, body: unknown): VendorErrorDetails {
  if (typeof body === "string") {
    const text = body.trim();
    return text.length > 0 ? { message: text.length > 300 ? `${text.slice(0, 300)}…` : text } : {};
  }
  if (body === null || typeof body !== "object" || Array.isArray(body)) return {};
  const record = body as Record<string, unknown>;
  const nested =
    record.error !== null && typeof record.error === "object" ? (record.error as Record<string, unknown>) : undefined;
  const errorText = typeof record.error === "string" ? record.error : undefined;
  const explicitMessage =
    pickString(record, "message", "error_description", "errorMessage", "detail") ??
    (nested ? pickString(nested, "message", "description") : undefined);
  const result = typeof record.result === "string" && record.result !== "success" ? record.result : undefined;
  const code =
    pickString(record, "code", "error_code", "errorCode") ??
    (nested ? pickString(nested, "code") : undefined) ??
    (explicitMessage !== undefined ? errorText : undefined) ??
    result;
  const message = explicitMessage ?? errorText;
  const requestId = pickString(record, "requestId", "request_id", "requestID");
  return {
    ...(message !== undefined && { message }),
    ...(code !== undefined && { code }),
    ...(requestId !== undefined && { requestId }),
  };
}
