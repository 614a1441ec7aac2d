import { z } from "zod";
import { VendorProtocolError } from "../errors.js";

/**
 * The one way every vendor client reads an answer: the body is checked against a zod
 * schema that lives beside the vendor's wire types before any field of it is used, and a listing is
 * checked for completeness where the API gives the means (totals, page counts, cursors). A failure
 * throws `VendorProtocolError` (code `VENDOR_PROTOCOL`) naming the vendor and the request, so an HTML
 * error page served with 200, a truncated or empty body, or a wrong shape never reaches the planner
 * as "no users" or "no members in this team".
 */

/** The request an answer belongs to, as messages may show it. */
export interface WireRequest {
  readonly method: string;
  /** The path as sent; any query or origin is dropped when shown. */
  readonly path: string;
}

/** `GET /v2/members`: method and path only; a query (cursors, filters by email) is never shown. */
export function requestName(request: WireRequest): string {
  let path = request.path;
  if (/^https?:\/\//i.test(path)) path = new URL(path).pathname;
  path = path.split(/[?#]/, 1)[0] ?? "";
  return `${request.method.toUpperCase()} ${path.startsWith("/") ? path : `/${path}`}`;
}

/**
 * What came back, in words, without quoting it: an answer can echo a credential, and a page can be
 * long. The HTTP layer hands text over when the content type is not JSON or the JSON does not parse.
 */
export function describeBody(body: unknown): string {
  if (body === undefined || body === null || body === "") return "an empty body where JSON was expected";
  if (typeof body === "string") {
    const text = body.trimStart();
    if (text.startsWith("<")) return `an HTML page (${body.length} characters) where JSON was expected`;
    if (text.startsWith("{") || text.startsWith("[")) {
      return `JSON that is cut short or malformed (${body.length} characters)`;
    }
    return `text that is not JSON (${body.length} characters, or a content type other than JSON)`;
  }
  if (Array.isArray(body)) return `a JSON array of ${body.length} items`;
  if (typeof body === "object") {
    const keys = Object.keys(body).slice(0, 6);
    return keys.length === 0 ? "an empty JSON object" : `a JSON object with keys ${keys.join(", ")}`;
  }
  return `a JSON ${typeof body}`;
}

/** Where in the body a value sits: `users.3.email`; `at` is where the schema's input sits. */
function describeIssues(issues: readonly z.core.$ZodIssue[], at: readonly PropertyKey[]): string {
  const shown = issues.slice(0, 3).map((issue) => {
    const path = [...at, ...issue.path];
    const where = path.length > 0 ? path.map(String).join(".") : "(the body)";
    return `${where}: ${issue.message}`;
  });
  const more = issues.length > shown.length ? `; and ${issues.length - shown.length} more` : "";
  return `${shown.join("; ")}${more}`;
}

interface WireOptions {
  /** `false` for a POST that changes nothing (a token exchange); default: any method but GET/HEAD. */
  readonly write?: boolean;
}

function notExpected(
  vendor: string,
  request: WireRequest,
  body: unknown,
  issues: readonly z.core.$ZodIssue[],
  at: readonly PropertyKey[],
  options: WireOptions,
): VendorProtocolError {
  const shape = describeBody(body);
  const detail = typeof body === "object" && body !== null ? ` (${describeIssues(issues, at)})` : "";
  return new VendorProtocolError(vendor, requestName(request), `${shape}, not the expected answer${detail}`, options);
}

/** The body as the schema's output, or `VendorProtocolError` naming the request and what was wrong. */
export function parseWire<S extends z.ZodType>(
  vendor: string,
  request: WireRequest,
  schema: S,
  body: unknown,
  options: WireOptions = {},
): z.output<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  throw notExpected(vendor, request, body, result.error.issues, [], options);
}

/**
 * One value inside a body whose surroundings were checked apart, such as one item of a listing
 * read item by item so a large page is never copied whole: the value as the schema's output, or
 * the `VendorProtocolError` `parseWire` throws, describing the whole body and naming the value's
 * place in it (`users.3.email: ...`, `at` being `["users", 3]`).
 */
export function parseWireAt<S extends z.ZodType>(
  vendor: string,
  request: WireRequest,
  schema: S,
  body: unknown,
  at: readonly PropertyKey[],
  value: unknown,
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw notExpected(vendor, request, body, result.error.issues, at, {});
}

/**
 * A body read as it streamed in (http/json-listing-splitter.ts) that is not JSON: cut short, a stray
 * byte, trailing garbage. The same words `describeBody` has for JSON that does not parse; `detail`
 * says what and at which byte, never quoting the body.
 */
export function malformedJson(vendor: string, request: WireRequest, detail: string): VendorProtocolError {
  return new VendorProtocolError(
    vendor,
    requestName(request),
    `JSON that is cut short or malformed (${detail}), not the expected answer`,
  );
}

/** A listing that is well formed but cannot be whole: `problem` says why. */
export function incompleteListing(vendor: string, request: WireRequest, problem: string): VendorProtocolError {
  return new VendorProtocolError(vendor, requestName(request), `a listing that cannot be complete: ${problem}`);
}

/**
 * Checks the count of a paged listing against the totals its pages claim and the cursors they hand
 * out: every page must claim the same total, the count may never pass it, the last page must reach
 * it exactly, and a cursor seen before means the pages loop. One tracker per listing.
 */
export interface ListingTracker {
  /** After each page: the items it held, the total it claims (if any) and the next cursor (if any). */
  page(items: number, total: number | undefined, next: string | undefined): void;
  /** After the last page. */
  finish(): void;
  readonly count: number;
}

export function trackListing(vendor: string, request: WireRequest): ListingTracker {
  let count = 0;
  let claimed: number | undefined;
  const cursors = new Set<string>();
  return {
    page(items, total, next) {
      count += items;
      if (total !== undefined) {
        if (claimed !== undefined && claimed !== total) {
          throw incompleteListing(vendor, request, `one page claims ${claimed} items in all, a later one ${total}`);
        }
        claimed = total;
        if (count > total) {
          throw incompleteListing(vendor, request, `${count} items arrived, more than the ${total} the pages claim`);
        }
      }
      if (next !== undefined) {
        if (cursors.has(next)) throw incompleteListing(vendor, request, "a page cursor repeats, so the pages loop");
        cursors.add(next);
      }
    },
    finish() {
      if (claimed !== undefined && count !== claimed) {
        throw incompleteListing(vendor, request, `the pages claim ${claimed} items in all, but ${count} arrived`);
      }
    },
    get count() {
      return count;
    },
  };
}

/**
 * The answer to a write whose body Roster does not use: any JSON object. An HTML page, text or an
 * empty body is not what a JSON API answers to a write it performed, so it is not read as success.
 */
export const anyJsonObject = z.looseObject({});
