import type { IncomingMessage, ServerResponse } from "node:http";
import type { SimResponse } from "./types.js";

export async function readRawBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export type ParsedBody = { readonly ok: true; readonly body: unknown } | { readonly ok: false };

/**
 * JSON when the content type says so (strictly: invalid JSON is the vendor's 400, docs/vendors/README.md#simulators)
 * , a form object for urlencoded bodies, undefined when empty. Without a content type we
 * try JSON and fall back to the raw text.
 */
export function parseBody(rawBody: string, contentType: string | undefined): ParsedBody {
  if (rawBody.length === 0) return { ok: true, body: undefined };
  const type = contentType?.toLowerCase() ?? "";
  if (type.includes("json")) {
    try {
      return { ok: true, body: JSON.parse(rawBody) as unknown };
    } catch {
      return { ok: false };
    }
  }
  if (type.includes("application/x-www-form-urlencoded")) {
    return { ok: true, body: Object.fromEntries(new URLSearchParams(rawBody)) };
  }
  if (type === "") {
    try {
      return { ok: true, body: JSON.parse(rawBody) as unknown };
    } catch {
      return { ok: true, body: rawBody };
    }
  }
  return { ok: true, body: rawBody };
}

export function lowerCaseHeaders(headers: IncomingMessage["headers"]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) {
    if (value !== undefined) out[key.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

/** A response with its body already serialised: what `writeEncoded` sends. */
export interface EncodedResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly payload: string;
}

export function encodeResponse(sim: SimResponse): EncodedResponse {
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(sim.headers ?? {})) headers[key.toLowerCase()] = value;
  let payload = "";
  if (sim.body !== undefined && sim.status !== 204 && sim.status !== 304) {
    if (typeof sim.body === "string") {
      payload = sim.body;
      headers["content-type"] ??= "text/plain; charset=utf-8";
    } else {
      payload = JSON.stringify(sim.body);
      headers["content-type"] ??= "application/json";
    }
  }
  headers["content-length"] = String(Buffer.byteLength(payload));
  return { status: sim.status, headers, payload };
}

export function writeEncoded(response: ServerResponse, encoded: EncodedResponse): void {
  response.writeHead(encoded.status, encoded.headers);
  response.end(encoded.payload);
}

export function writeResponse(response: ServerResponse, sim: SimResponse): void {
  writeEncoded(response, encodeResponse(sim));
}

export function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
