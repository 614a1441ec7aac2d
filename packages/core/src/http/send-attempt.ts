import type { Dispatcher } from "undici";
import { request as undiciRequest } from "undici";
import type { HttpMethod } from "./types.js";

/** One HTTP exchange, fully read. */
export interface RawResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

/**
 * A transport failure classified for the retry decision. `ambiguous` is false only when the
 * connection was never established, so the server cannot have seen the request.
 */
export class TransportFailure extends Error {
  readonly kind: "network" | "timeout";
  readonly ambiguous: boolean;

  constructor(kind: "network" | "timeout", ambiguous: boolean, message: string, cause: unknown) {
    super(message, { cause });
    this.name = "TransportFailure";
    this.kind = kind;
    this.ambiguous = ambiguous;
  }
}

// Errors raised before a connection exists: the request never left this machine.
const NOT_CONNECTED_CODES: ReadonlySet<string> = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
]);
const TIMEOUT_CODES: ReadonlySet<string> = new Set([
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
  "UND_ERR_CONNECT_TIMEOUT",
  "ETIMEDOUT",
]);

function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === "object" && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") codes.push(code);
    // Happy-eyeballs connects fail with an AggregateError holding one error per address.
    const inner = (current as { errors?: unknown }).errors;
    if (Array.isArray(inner)) codes.push(...inner.flatMap((item) => errorCodes(item)));
    current = (current as { cause?: unknown }).cause;
  }
  return codes;
}

export function classifyTransportError(error: unknown): TransportFailure {
  const codes = errorCodes(error);
  const name = typeof error === "object" && error !== null ? (error as { name?: unknown }).name : undefined;
  const timedOut = name === "TimeoutError" || codes.some((code) => TIMEOUT_CODES.has(code));
  const notConnected = codes.length > 0 && codes.every((code) => NOT_CONNECTED_CODES.has(code));
  const code = codes[0] ?? (typeof name === "string" ? name : "unknown");
  const detail = error instanceof Error && error.message ? `${code}: ${error.message}` : code;
  const description = timedOut ? `timed out (${detail})` : notConnected ? `connection failed (${detail})` : detail;
  return new TransportFailure(timedOut ? "timeout" : "network", !notConnected, description, error);
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) {
    if (value !== undefined) out[key.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

function parseBody(text: string, contentType: string | undefined): unknown {
  if (text.length === 0) return undefined;
  if (contentType?.toLowerCase().includes("json")) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      // A vendor that labels an HTML error page as JSON: keep the text for the error message.
      return text;
    }
  }
  return text;
}

export interface AttemptInput {
  readonly dispatcher: Dispatcher;
  readonly url: URL;
  readonly method: HttpMethod;
  readonly headers: Record<string, string>;
  readonly body: string | undefined;
  readonly timeoutMs: number;
}

/** Sends one attempt and reads the whole response. Throws TransportFailure, never anything else. */
export async function sendAttempt(input: AttemptInput): Promise<RawResponse> {
  try {
    const response = await undiciRequest(input.url, {
      dispatcher: input.dispatcher,
      method: input.method,
      headers: input.headers,
      body: input.body ?? null,
      headersTimeout: input.timeoutMs,
      bodyTimeout: input.timeoutMs,
      // undici's own timers tick coarsely (about a second); the signal makes short timeouts exact.
      signal: AbortSignal.timeout(input.timeoutMs),
    });
    const headers = flattenHeaders(response.headers);
    const text = await response.body.text();
    return { status: response.statusCode, headers, body: parseBody(text, headers["content-type"]) };
  } catch (error) {
    throw classifyTransportError(error);
  }
}
