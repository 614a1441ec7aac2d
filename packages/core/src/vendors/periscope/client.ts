import type { z } from "zod";
import {
  type BodyReader,
  type HttpRequest,
  type HttpResponse,
  incompleteListing,
  isHttpError,
} from "../../http/index.js";
import { type Keep, readListPage } from "./read-list-page.js";
import {
  checkWriteAnswer,
  groupSchema,
  listPageSchema,
  type ParsedGroup,
  type ParsedUser,
  parseSingle,
  userSchema,
} from "./wire-schemas.js";
import {
  type CreateRoleBody,
  EMAIL_HEADER,
  TEST_MODE_PARAM,
  type UpdateRoleBody,
  type V1CreateGroupBody,
  type V1CreateUserBody,
  type V1UpdateGroupBody,
  type V1UpdateUserBody,
  type V2CreateUserBody,
  type V2UpdateUserBody,
} from "./wire-types.js";

/**
 * Periscope's HTTP API, wire only (no mapping, no plan logic): the calls of both API families on
 * the site's HTTP client (transport.ts). v1 sites (non-RBAC) have users keyed by the
 * `HTTP-X-EMAIL` header and groups (docs/vendors/periscope.md#v1-users-and-groups); RBAC sites
 * have v2 users addressed by id and roles under /api/v1/roles
 * (docs/vendors/periscope.md#v2-users-and-roles, endpoints verified via PD-COMM / PD-CODE).
 */

/**
 * The slice of the shared HTTP client the Periscope clients use: `request` and `requestStreamed`
 * (listings) throw HttpError for a final non-2xx status. Structural, so the vendor can count
 * requests by wrapping it.
 */
export interface PeriscopeHttp {
  request<T = unknown>(request: HttpRequest): Promise<HttpResponse<T>>;
  requestStreamed<T>(request: HttpRequest, read: BodyReader<T>): Promise<HttpResponse<T>>;
}

export type { Keep };

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
 *
 * As the body streams in (read-list-page.ts `readListPage`): a site lists every user in one answer,
 * so the answer is never held whole, as bytes, text or raw objects; each item is checked and handed
 * to `keep` as soon as its bytes arrive. A transport failure while the body streams in repeats the
 * page's request from scratch (the HTTP client's retries), dropping what that attempt had kept.
 * When `keep` is a promise, the request still leaves at once and the items wait for `keep`.
 */
export async function listAll<T, R = T>(
  http: PeriscopeHttp,
  path: string,
  key: string,
  item: z.ZodType<T>,
  label: string,
  onPage?: (items: number) => void,
  keep: Keep<T, R> = (entry) => entry as unknown as R,
): Promise<R[]> {
  let items: R[] = [];
  const listing = { method: "GET" as const, path };
  const seen = new Set<string>();
  let cursor: string | number | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const response = await http.requestStreamed(
      { ...listing, label, ...(cursor !== undefined && { query: { next_page_start: cursor } }) },
      readListPage(listing, key, item, keep),
    );
    const read = response.body;
    if (page === 0) items = read.items;
    // One by one: spreading a page into push() passes every item as an argument, and a site that
    // lists 300,000 users in one answer overflows the stack (test "reads a one-page listing of 300,000 users").
    else for (const entry of read.items) items.push(entry);
    onPage?.(items.length);
    cursor = read.next;
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

/** Wraps an HTTP client so a check can say how many requests it made. */
export function countRequests(http: PeriscopeHttp, counter: { count: number }): PeriscopeHttp {
  return {
    request(request) {
      counter.count += 1;
      return http.request(request);
    },
    requestStreamed(request, read) {
      counter.count += 1;
      return http.requestStreamed(request, read);
    },
  };
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

/** The calls on one site's users: keyed by email in v1 (a header), by id in v2 (the path). */
export interface UserCollection<CreateBody, UpdateBody> {
  /** Every user; `keep` (default: the user as checked) as in `listAll`. */
  list<R = ParsedUser>(onPage?: (items: number) => void, keep?: Keep<ParsedUser, R>): Promise<R[]>;
  /** `undefined` when the server answers 404. */
  get(key: string): Promise<ParsedUser | undefined>;
  /** The created user when the server echoes it. */
  create(body: CreateBody, options: WriteOptions): Promise<ParsedUser | undefined>;
  update(key: string, body: UpdateBody, options: WriteOptions): Promise<void>;
  delete(key: string, options: WriteOptions): Promise<void>;
}

/** Where one user lives on the wire: its path, and the headers that address it. */
interface UserAddress {
  readonly path: string;
  readonly headers?: Record<string, string>;
}

function userCollection<CreateBody, UpdateBody>(
  http: PeriscopeHttp,
  path: string,
  labelPrefix: string,
  address: (key: string) => UserAddress,
  readOne: (request: HttpRequest, body: unknown, key: string) => ParsedUser | undefined,
): UserCollection<CreateBody, UpdateBody> {
  const write = async (method: "PUT" | "DELETE", key: string, options: WriteOptions, json?: UpdateBody) => {
    const label = `${labelPrefix}.${method === "PUT" ? "update" : "delete"}`;
    const body = json === undefined ? {} : { json };
    await sendWrite(
      http,
      { method, ...address(key), query: testModeQuery(options), ...body, label },
      "user",
      userSchema,
    );
  };
  return {
    list: (onPage, keep) => listAll(http, path, "users", userSchema, `${labelPrefix}.list`, onPage, keep),
    async get(key) {
      const request = { method: "GET" as const, ...address(key), label: `${labelPrefix}.get` };
      const response = await orUndefinedOn404(http.request(request));
      return response === undefined ? undefined : readOne(request, response.body, key);
    },
    create: (body, options) =>
      sendWrite(
        http,
        { method: "POST", path, query: testModeQuery(options), json: body, label: `${labelPrefix}.create` },
        "user",
        userSchema,
      ),
    update: (key, body, options) => write("PUT", key, options, body),
    delete: (key, options) => write("DELETE", key, options),
  };
}

/** `{user: {...}}` or a bare user object: what a single-user read answers (ASSUMPTION SINGLE_SHAPE). */
function isSingleUser(body: unknown): boolean {
  if (body === null || typeof body !== "object" || Array.isArray(body)) return false;
  return "user" in body || "email" in body;
}

/** Periscope v1 API for non-RBAC sites: users keyed by the `HTTP-X-EMAIL` header, and groups. */
export interface PeriscopeV1Client {
  readonly users: UserCollection<V1CreateUserBody, V1UpdateUserBody>;
  readonly groups: MembershipCollection<V1CreateGroupBody, V1UpdateGroupBody>;
}

const V1_USERS = "/api/v1/users";
// ASSUMPTION GROUP_PATHS.
const V1_GROUPS = "/api/v1/groups";

export function createPeriscopeV1Client(http: PeriscopeHttp): PeriscopeV1Client {
  return {
    // The single-user read is the list URL plus HTTP-X-EMAIL (docs/vendors/periscope.md#v1-users-and-groups, verified);
    // update and delete are keyed by the header the same way (ASSUMPTIONS V1_UPDATE, V1_DELETE).
    users: userCollection(
      http,
      V1_USERS,
      "v1.users",
      (email) => ({ path: V1_USERS, headers: { [EMAIL_HEADER]: email } }),
      (request, body, email) => {
        // A server that ignored the header would return the whole list; never mistake it for a user.
        const asList = listPageSchema("users", userSchema).safeParse(body);
        if (asList.success && !isSingleUser(body)) {
          return asList.data.items.find((user) => user.email.toLowerCase() === email.toLowerCase());
        }
        return parseSingle(request, body, "user", userSchema);
      },
    ),
    groups: membershipCollection(http, V1_GROUPS, "group", "v1.groups"),
  };
}

/** Periscope API for RBAC sites: v2 users addressed by id, and roles under /api/v1/roles. */
export interface PeriscopeV2Client {
  readonly users: UserCollection<V2CreateUserBody, V2UpdateUserBody>;
  readonly roles: MembershipCollection<CreateRoleBody, UpdateRoleBody>;
}

const V2_USERS = "/api/v2/users";
const ROLES = "/api/v1/roles";

export function createPeriscopeV2Client(http: PeriscopeHttp): PeriscopeV2Client {
  return {
    users: userCollection(
      http,
      V2_USERS,
      "v2.users",
      (id) => ({ path: `${V2_USERS}/${encodeURIComponent(id)}` }),
      (request, body) => parseSingle(request, body, "user", userSchema),
    ),
    roles: membershipCollection(http, ROLES, "role", "roles"),
  };
}
