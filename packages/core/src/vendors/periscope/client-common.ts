import { type HttpRequest, type HttpResponse, isHttpError } from "../../http/index.js";
import { type ParsedGroup, parseGroup, readNextPageStart, unwrapList, unwrapSingle } from "./wire-parse.js";
import { TEST_MODE_PARAM, type WireId } from "./wire-types.js";

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
 * Reads a whole list. ASSUMPTION LIST_SHAPE for the body, ASSUMPTION PAGINATION for the cursor:
 * the only paging evidence for this vendor is `next_page_start` on dashboards (docs/vendors/periscope.md#paging).
 */
export async function listAll(
  http: PeriscopeHttp,
  path: string,
  key: string,
  label: string,
  onPage?: (items: number) => void,
): Promise<unknown[]> {
  const items: unknown[] = [];
  let cursor: WireId | undefined;
  const seen = new Set<string>();
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const response = await http.request({
      method: "GET",
      path,
      label,
      ...(cursor !== undefined && { query: { next_page_start: cursor } }),
    });
    items.push(...unwrapList(response.body, key));
    onPage?.(items.length);
    cursor = readNextPageStart(response.body);
    if (cursor === undefined || seen.has(String(cursor))) return items;
    seen.add(String(cursor));
  }
  return items;
}

/** Parses an echoed object if there is one; a write's success never depends on its body. */
export function parseEchoed<T>(body: unknown, key: string, parse: (raw: unknown) => T): T | undefined {
  const single = unwrapSingle(body, key);
  if (single === undefined) return undefined;
  try {
    return parse(single);
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
    async list() {
      const items = await listAll(http, path, `${noun}s`, `${labelPrefix}.list`);
      return items.map(parseGroup);
    },
    async get(id) {
      const response = await orUndefinedOn404(
        http.request({ method: "GET", path: itemPath(id), label: `${labelPrefix}.get` }),
      );
      return response === undefined ? undefined : parseEchoed(response.body, noun, parseGroup);
    },
    async create(body, options) {
      const query = testModeQuery(options);
      const response = await http.request({ method: "POST", path, query, json: body, label: `${labelPrefix}.create` });
      return parseEchoed(response.body, noun, parseGroup);
    },
    async update(id, body, options) {
      const query = testModeQuery(options);
      await http.request({ method: "PUT", path: itemPath(id), query, json: body, label: `${labelPrefix}.update` });
    },
    async delete(id, options) {
      const query = testModeQuery(options);
      await http.request({ method: "DELETE", path: itemPath(id), query, label: `${labelPrefix}.delete` });
    },
  };
}
