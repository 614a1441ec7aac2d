import { randomUUID } from "node:crypto";
import { VendorProtocolError } from "../../errors.js";
import type { HttpClient } from "../../http/index.js";
import {
  allowPaths,
  allowTestModeQuery,
  createHttpClient,
  DEFAULT_RETRY_STATUSES,
  isHttpError,
  redactValue,
} from "../../http/index.js";
import type { HttpResponse, Pacer, TokenTransportOptions } from "../../http/types.js";
import { incompleteListing, parseWire, requestName, trackListing, type WireRequest } from "../../http/wire-schema.js";
import type { Logger, RunMode } from "../vendor.js";
import { createImsAuth, IMS_TOKEN_PATH } from "./ims-auth.js";
import type { AdobeSettings } from "./settings.js";
import {
  actionResponseSchema,
  ENTRY_RESULTS,
  type UmapiGroupAnswer,
  type UmapiUserAnswer,
  umapiGroupsPageSchema,
  umapiUsersPageSchema,
} from "./wire-schemas.js";
import type { ActionEntry, ActionResponse } from "./wire-types.js";

/** UMAPI over HTTP: paths, auth, paging. No mapping and no plan logic here. */
export interface UmapiClient {
  /**
   * All active users, page after page (0-based path page, up to 2000 per page; docs/vendors/adobe.md#reading-users-and-groups):
   * `onPage` sees each page's users as it arrives, and the listing keeps none of them (a
   * 100,000-user org's wire objects would otherwise stay alive beside their mapped users). Resolves
   * to the number of users listed.
   */
  listUsers(
    onPage: (page: readonly UmapiUserAnswer[], done: number, total: number | undefined) => void,
  ): Promise<number>;
  /** User groups, product profiles and admin groups (groups page size 400). */
  listGroups(): Promise<UmapiGroupAnswer[]>;
  /** POST /action/{org}; `testOnly` validates without changing anything. Throws HttpError. */
  action(entries: readonly ActionEntry[], testOnly: boolean): Promise<ActionResponse>;
  /** Token exchanges made so far (tests). */
  readonly tokenExchanges: number;
  /** The two HTTP clients, for tests that probe the read-only guard route by route. */
  readonly http: { readonly ims: HttpClient; readonly umapi: HttpClient };
  close(): Promise<void>;
}

export interface UmapiClientOptions extends TokenTransportOptions {
  readonly settings: AdobeSettings;
  readonly mode: RunMode;
  readonly logger: Logger;
  readonly pacer?: Pacer;
}

/** Stops a server that never says `lastPage` from paging forever. */
const MAX_PAGES = 10_000;

function orgPath(orgId: string): string {
  // Org ids look like `ABC123@AdobeOrg`; keep `@` readable as umapi-client.py does (quote safe='/@').
  return encodeURIComponent(orgId).replace(/%40/g, "@");
}

/**
 * The paging headers of one listing, checked page by page (getUsersWithPage: `X-Total-Count`,
 * `X-Page-Count`, `X-Current-Page`, string values): the server must answer the page asked for (a
 * page past the end answers the last page again), claim the same total and page count on every
 * page, never hand more items than the total, and agree with `lastPage` about where the end is.
 * A header that is absent is not checked; one that is present but not a number is a bad answer.
 */
function pageHeaders(listing: WireRequest) {
  let claimedTotal: number | undefined;
  let claimedPages: number | undefined;
  let count = 0;
  const fail = (problem: string) => incompleteListing("Adobe", listing, problem);
  const header = (headers: Readonly<Record<string, string>>, name: string): number | undefined => {
    const raw = headers[name.toLowerCase()];
    if (raw === undefined) return undefined;
    if (!/^\s*\d+\s*$/.test(raw)) throw fail(`${name} is not a number`);
    return Number.parseInt(raw, 10);
  };
  return {
    check(headers: Readonly<Record<string, string>>, page: number, items: number, lastPage: boolean) {
      const total = header(headers, "X-Total-Count");
      const pageCount = header(headers, "X-Page-Count");
      const current = header(headers, "X-Current-Page");
      count += items;
      if (current !== undefined && current !== page) throw fail(`page ${page} was asked for, page ${current} answered`);
      if (total !== undefined) {
        if (claimedTotal !== undefined && claimedTotal !== total) {
          throw fail(`X-Total-Count changed from ${claimedTotal} to ${total} between pages`);
        }
        claimedTotal = total;
        if (count > total) throw fail(`${count} items arrived, more than X-Total-Count ${total}`);
      }
      if (pageCount !== undefined) {
        if (claimedPages !== undefined && claimedPages !== pageCount) {
          throw fail(`X-Page-Count changed from ${claimedPages} to ${pageCount} between pages`);
        }
        claimedPages = pageCount;
        const lastByCount = page + 1 >= pageCount;
        if (lastByCount !== lastPage) {
          throw fail(`page ${page} says lastPage ${lastPage}, but X-Page-Count is ${pageCount}`);
        }
      }
      return { total, last: lastPage };
    },
  };
}

/**
 * An action answer must account for every entry sent (ActionsRef: counts are per entry): completed
 * (or completedInTestMode under testOnly) plus notCompleted is the number of entries, and each
 * error names an entry of the request. A request-level key (`error.command.malformed`) carries no
 * counts and is passed on as it is, for outcomes.ts to report against every change it held.
 */
function checkActionResponse(
  request: WireRequest,
  body: ReturnType<typeof actionResponseSchema.parse>,
  entries: readonly ActionEntry[],
  testOnly: boolean,
): ActionResponse {
  const fail = (problem: string) =>
    new VendorProtocolError("Adobe", requestName(request), `an answer that does not match the request: ${problem}`);
  const completed = body.completed ?? 0;
  const inTest = body.completedInTestMode ?? 0;
  const notCompleted = body.notCompleted ?? 0;
  if (ENTRY_RESULTS.has(body.result)) {
    const done = testOnly ? inTest + completed : completed;
    if (done + notCompleted !== entries.length) {
      throw fail(`${done} completed and ${notCompleted} not completed, for ${entries.length} entries sent`);
    }
  }
  const stray = (body.errors ?? []).find((error) => error.index >= entries.length);
  if (stray !== undefined) throw fail(`an error names entry ${stray.index}, but ${entries.length} were sent`);
  return {
    completed,
    notCompleted,
    completedInTestMode: inTest,
    result: body.result,
    ...(body.message !== undefined ? { message: body.message } : {}),
    ...(body.errors !== undefined ? { errors: body.errors.map(stripUndefined) } : {}),
    ...(body.warnings !== undefined ? { warnings: body.warnings.map(stripUndefined) } : {}),
  };
}

/** zod leaves absent optional keys out already; this satisfies exactOptionalPropertyTypes. */
function stripUndefined<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}

export function createUmapiClient(options: UmapiClientOptions): UmapiClient {
  const { settings, logger } = options;
  const readOnly = options.mode === "plan" ? "read-only" : "read-write";
  const common = {
    secrets: [settings.clientSecret],
    // umapi-client.py and the User Sync Tool wait 120 s: a full action request can be slow (docs/vendors/adobe.md#umapi-client).
    timeoutMs: options.timeoutMs ?? 120_000,
    logger,
    userAgent: "roster-adobe",
    ...(options.dispatcher !== undefined ? { dispatcher: options.dispatcher } : {}),
    ...(options.retry !== undefined ? { retry: options.retry } : {}),
    ...(options.sleep !== undefined ? { sleep: options.sleep } : {}),
    ...(options.now !== undefined ? { now: options.now } : {}),
    ...(options.random !== undefined ? { random: options.random } : {}),
  };
  // The token exchange is the only write IMS sees, allowed in plan mode (README.md#safety).
  const ims = createHttpClient({
    ...common,
    // Minting a token changes nothing a repeat could duplicate, so even a 500 is retried: one failed
    // exchange would otherwise end the whole run (test "is retried after a 500, a 502 and a dropped connection instead of ending the run", reliability/adobe-regressions.test.ts).
    retry: {
      ...options.retry,
      retryStatuses: new Set([...(options.retry?.retryStatuses ?? DEFAULT_RETRY_STATUSES), 500]),
    },
    baseUrl: settings.imsUrl,
    mode: readOnly,
    allowInReadOnly: allowPaths(IMS_TOKEN_PATH),
  });
  const auth = createImsAuth({
    ims,
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    ...(options.now !== undefined ? { now: options.now } : {}),
    onToken: (value) => {
      ims.addSecret(value);
      http.addSecret(value);
      options.onSecret?.(value);
    },
  });
  const org = orgPath(settings.orgId);
  // In plan mode only `POST /action/{org}?testOnly=true` may write (UMAPI's server-side dry run).
  const http: HttpClient = createHttpClient({
    ...common,
    baseUrl: settings.umapiUrl,
    mode: readOnly,
    allowInReadOnly: allowTestModeQuery("testOnly"),
    auth,
    ...(options.pacer !== undefined ? { pacer: options.pacer } : {}),
  });

  const VENDOR = "Adobe";

  return {
    async listUsers(onPage) {
      let listed = 0;
      const listing: WireRequest = { method: "GET", path: `/users/${org}` };
      const pages = pageHeaders(listing);
      for (let pageNumber = 0; pageNumber < MAX_PAGES; pageNumber += 1) {
        const request = { method: "GET" as const, path: `users/${org}/${pageNumber}`, label: "users.list" };
        const response = await http.request<unknown>(request);
        const body = parseWire(VENDOR, request, umapiUsersPageSchema, response.body);
        listed += body.users.length;
        const { total, last } = pages.check(response.headers, pageNumber, body.users.length, body.lastPage);
        onPage(body.users, listed, total);
        if (last) {
          // X-Total-Count may count technical accounts the listing leaves out (getUsersWithPage), so
          // it bounds the count from above; but a listing of no user at all, while the total claims
          // some, is a page that went wrong, not an org of technical accounts alone.
          if (total !== undefined && total > 0 && listed === 0) {
            throw incompleteListing(VENDOR, listing, `no users at all, while X-Total-Count says ${total}`);
          }
          return listed;
        }
      }
      throw incompleteListing(VENDOR, listing, `still no last page after ${MAX_PAGES} pages`);
    },
    async listGroups() {
      const groups: UmapiGroupAnswer[] = [];
      const listing: WireRequest = { method: "GET", path: `/groups/${org}` };
      const pages = pageHeaders(listing);
      const counted = trackListing(VENDOR, listing);
      for (let page = 0; page < MAX_PAGES; page += 1) {
        const request = { method: "GET" as const, path: `groups/${org}/${page}`, label: "groups.list" };
        let response: HttpResponse<unknown>;
        try {
          response = await http.request<unknown>(request);
        } catch (error) {
          // A page past the end is 404 {"lastPage":true,"result":"Not found"}; umapi-client.py reads 404 as the end.
          if (page > 0 && isHttpError(error) && error.status === 404) {
            counted.finish();
            return groups;
          }
          throw error;
        }
        const body = parseWire(VENDOR, request, umapiGroupsPageSchema, response.body);
        groups.push(...body.groups);
        const { total, last } = pages.check(response.headers, page, body.groups.length, body.lastPage);
        // Groups have no hidden members of the listing: the total is exact.
        counted.page(body.groups.length, total, undefined);
        if (last) {
          counted.finish();
          return groups;
        }
      }
      throw incompleteListing(VENDOR, listing, `still no last page after ${MAX_PAGES} pages`);
    },
    async action(entries, testOnly) {
      const request = {
        method: "POST" as const,
        path: `action/${org}`,
        ...(testOnly ? { query: { testOnly: true } } : {}),
        json: entries,
        // Echoed by UMAPI; quoted in HttpError details so Adobe support can find the call (docs/vendors/adobe.md#auth).
        headers: { "X-Request-Id": `roster-${randomUUID()}` },
        // Safe to repeat: creates carry ignoreIfAlreadyExists, add/remove are set operations,
        // removeFromOrg always succeeds (UM-DOC ActionsCmds), so retries on timeouts and 5xx
        // cannot fail or duplicate anything.
        idempotent: true,
        label: "action",
      };
      const response = await http.request<unknown>(request);
      // A 200 carries per-entry `errors[].message` and `warnings[].message` written by Adobe; they
      // reach reports and logs, so they are redacted like an error body (one echoed the bearer token
      // and the client secret: reliability/secrets.test.ts, reliability/subjects/adobe.ts).
      return checkActionResponse(
        request,
        parseWire(VENDOR, request, actionResponseSchema, redactValue(response.body, http.redact)),
        entries,
        testOnly,
      );
    },
    http: { ims, umapi: http },
    get tokenExchanges() {
      return auth.exchanges;
    },
    async close() {
      await Promise.all([http.close(), ims.close()]);
    },
  };
}
