import type { Dispatcher } from "undici";
import { request as undiciRequest } from "undici";
import type { BodyReader, HttpMethod } from "./types.js";

/** One HTTP exchange, fully read, or a 2xx whose body a `BodyReader` read as it streamed in. */
export interface RawResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** The parsed body; `undefined` when it was streamed. */
  readonly body: unknown;
  /** What the `BodyReader` returned, when the body was streamed. */
  readonly read?: { readonly value: unknown };
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

/**
 * A body gathered from its chunks and read as `body.text()` and the whole-body path do: a leading
 * byte order mark skipped, UTF-8 decoded with invalid bytes replaced, then `parseBody`. For a
 * `BodyReader` that meets an answer it cannot stream (not labelled JSON).
 */
export async function readWholeBody(
  chunks: AsyncIterable<Uint8Array>,
  contentType: string | undefined,
): Promise<unknown> {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(Buffer.from(chunk));
  const bytes = Buffer.concat(parts);
  const bom = bytes.length > 2 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return parseBody(bytes.toString("utf8", bom ? 3 : 0), contentType);
}

export interface AttemptInput {
  readonly dispatcher: Dispatcher;
  readonly url: URL;
  readonly method: HttpMethod;
  readonly headers: Record<string, string>;
  readonly body: string | undefined;
  readonly timeoutMs: number;
}

/**
 * The body's chunks as they arrive; a failure of the connection or the timeout while they do is a
 * TransportFailure, as it is for a body read whole, so the client retries the attempt.
 */
async function* transportChunks(body: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of body) yield chunk;
  } catch (error) {
    throw classifyTransportError(error);
  }
}

/**
 * Sends one attempt and reads the whole response, or hands a 2xx body to `read` as it streams in
 * (any other status is read whole, for the retry decision and the error report). Throws
 * TransportFailure for the transport, and whatever `read` throws of its own unchanged.
 */
export async function sendAttempt(input: AttemptInput, read?: BodyReader<unknown>): Promise<RawResponse> {
  let response: Dispatcher.ResponseData;
  try {
    response = await undiciRequest(input.url, {
      dispatcher: input.dispatcher,
      method: input.method,
      headers: input.headers,
      body: input.body ?? null,
      headersTimeout: input.timeoutMs,
      bodyTimeout: input.timeoutMs,
      // undici's own timers tick coarsely (about a second); the signal makes short timeouts exact.
      signal: AbortSignal.timeout(input.timeoutMs),
    });
  } catch (error) {
    throw classifyTransportError(error);
  }
  const headers = flattenHeaders(response.headers);
  const status = response.statusCode;
  if (read !== undefined && status >= 200 && status <= 299) {
    try {
      const value = await read({ status, headers, chunks: transportChunks(response.body) });
      return { status, headers, body: undefined, read: { value } };
    } finally {
      // A reader that stopped early (a malformed body) leaves the rest unread: drop the connection.
      if (!response.body.readableEnded) response.body.destroy();
    }
  }
  let text: string;
  try {
    text = await response.body.text();
  } catch (error) {
    throw classifyTransportError(error);
  }
  return { status, headers, body: parseBody(text, headers["content-type"]) };
}
