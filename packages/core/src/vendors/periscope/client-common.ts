import type { z } from "zod";
import { type HttpRequest, type HttpResponse, incompleteListing, isHttpError } from "../../http/index.js";
import { checkWriteAnswer, groupSchema, type ParsedGroup, parseListPage, parseSingle } from "./wire-schemas.js";
import { TEST_MODE_PARAM } from "./wire-types.js";

/**
 * The slice of the shared HTTP client the Periscope clients use: `request` throws HttpError for a
 * final non-2xx status. Structural, so the vendor can count requests by wrapping it.
 */
export interface PeriscopeHttp {
  request<T = unknown>(request: HttpRequest): Promise<HttpResponse<T>>;
}

export interface WriteOptions {
  /** Send `test_mode=true`: the server validates and persists nothing (docs/vendors/periscope.md#test-mode). */
  readonly testMode: boolean;
}

/**
 * ASSUMPTION TEST_MODE: live writes say `test_mode=false` explicitly, the way every community
 * sample does (PD-COMM); only a check sends `true`, and the read-only guard lets nothing else write.
 */
export function testModeQuery(options: WriteOptions): Record<string, string> {
  return { [TEST_MODE_PARAM]: options.testMode ? "true" : "false" };
}

/** Guards a pager that never ends (a server echoing the same cursor). */
const MAX_PAGES = 10_000;

/**
 * Reads a whole list, each page checked against its schema (ASSUMPTION LIST_SHAPE) and the paging
 * against itself (ASSUMPTION PAGINATION, the dashboards' `next_page_start`): a cursor that repeats
 * means the pages loop, and stops the run rather than end the list early (reliability/periscope-corrupt-reads.test.ts).
 */
export async function listAll<T>(
  http: PeriscopeHttp,
  path: string,
  key: string,
  item: z.ZodType<T>,
  label: string,
  onPage?: (items: number) => void,
): Promise<T[]> {
  const items: T[] = [];
  const listing = { method: "GET" as const, path };
  const seen = new Set<string>();
  let cursor: string | number | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const response = await http.request({
      ...listing,
      label,
      ...(cursor !== undefined && { query: { next_page_start: cursor } }),
    });
    const parsed = parseListPage(listing, response.body, key, item);
    // One by one: spreading a page into push() passes every item as an argument, and a site that
    // lists 300,000 users in one answer overflows the stack (test "reads a one-page listing of 300,000 users").
    for (const entry of parsed.items) items.push(entry);
    onPage?.(items.length);
    cursor = parsed.next;
    if (cursor === undefined) return items;
    if (seen.has(String(cursor)))
      throw incompleteListing("Periscope", listing, "a next_page_start cursor repeats, so the pages loop");
    seen.add(String(cursor));
  }
  throw incompleteListing("Periscope", listing, `still a next_page_start after ${MAX_PAGES} pages`);
}

/**
 * Sends a write and checks its answer (JSON, or nothing after a 204); parses the echoed object if
 * there is one. The echo's shape is unverified (ASSUMPTION SINGLE_SHAPE), so a JSON answer that does
 * not hold one is success without an echo.
 */
export async function sendWrite<T>(
  http: PeriscopeHttp,
  request: HttpRequest,
  key: string,
  item: z.ZodType<T>,
): Promise<T | undefined> {
  const response = await http.request(request);
  checkWriteAnswer(request, response.status, response.body);
  try {
    return response.body === undefined ? undefined : parseSingle(request, response.body, key, item);
  } catch {
    return undefined;
  }
}

/** `undefined` for a 404 (an unknown user, group or role), the error for anything else. */
export async function orUndefinedOn404<T>(promise: Promise<T>): Promise<T | undefined> {
  try {
    return await promise;
  } catch (error) {
    if (isHttpError(error) && error.status === 404) return undefined;
    throw error;
  }
}

/**
 * The calls on one kind of membership object: v1 groups and RBAC roles have the same list, get,
 * create, update and delete shape at different paths (docs/vendors/periscope.md#v1-users-and-groups, docs/vendors/periscope.md#v2-users-and-roles).
 */
export interface MembershipCollection<CreateBody, UpdateBody> {
  list(): Promise<ParsedGroup[]>;
  get(id: string): Promise<ParsedGroup | undefined>;
  /** The created object when the server echoes it. */
  create(body: CreateBody, options: WriteOptions): Promise<ParsedGroup | undefined>;
  update(id: string, body: UpdateBody, options: WriteOptions): Promise<void>;
  delete(id: string, options: WriteOptions): Promise<void>;
}

export function membershipCollection<CreateBody, UpdateBody>(
  http: PeriscopeHttp,
  path: string,
  noun: "group" | "role",
  labelPrefix: string,
): MembershipCollection<CreateBody, UpdateBody> {
  const itemPath = (id: string) => `${path}/${encodeURIComponent(id)}`;
  return {
    list: () => listAll(http, path, `${noun}s`, groupSchema, `${labelPrefix}.list`),
    async get(id) {
      const request = { method: "GET" as const, path: itemPath(id), label: `${labelPrefix}.get` };
      const response = await orUndefinedOn404(http.request(request));
      return response === undefined ? undefined : parseSingle(request, response.body, noun, groupSchema);
    },
    async create(body, options) {
      const query = testModeQuery(options);
      return sendWrite(
        http,
        { method: "POST", path, query, json: body, label: `${labelPrefix}.create` },
        noun,
        groupSchema,
      );
    },
    async update(id, body, options) {
      const query = testModeQuery(options);
      await sendWrite(
        http,
        { method: "PUT", path: itemPath(id), query, json: body, label: `${labelPrefix}.update` },
        noun,
        groupSchema,
      );
    },
    async delete(id, options) {
      const query = testModeQuery(options);
      await sendWrite(
        http,
        { method: "DELETE", path: itemPath(id), query, label: `${labelPrefix}.delete` },
        noun,
        groupSchema,
      );
    },
  };
}
