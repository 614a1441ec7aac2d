import { randomUUID } from "node:crypto";
import type { Dispatcher } from "undici";
import type { HttpClient } from "../../http/index.js";
import {
  allowPaths,
  allowTestModeQuery,
  createHttpClient,
  DEFAULT_RETRY_STATUSES,
  isHttpError,
} from "../../http/index.js";
import type { HttpResponse, Pacer, RetryPolicy } from "../../http/types.js";
import type { Logger, RunMode } from "../vendor.js";
import { createImsAuth, IMS_TOKEN_PATH } from "./ims-auth.js";
import type { AdobeSettings } from "./settings.js";
import type {
  ActionEntry,
  ActionResponse,
  UmapiGroup,
  UmapiGroupsPage,
  UmapiUser,
  UmapiUsersPage,
} from "./wire-types.js";

/** UMAPI over HTTP: paths, auth, paging. No mapping and no plan logic here. */
export interface UmapiClient {
  /**
   * All active users, page after page (0-based path page, up to 2000 per page; docs/vendors/adobe.md#reading-users-and-groups);
   * `onPage` sees each page's users as it arrives.
   */
  listUsers(
    onPage?: (page: readonly UmapiUser[], done: number, total: number | undefined) => void,
  ): Promise<UmapiUser[]>;
  /** User groups, product profiles and admin groups (groups page size 400). */
  listGroups(): Promise<UmapiGroup[]>;
  /** POST /action/{org}; `testOnly` validates without changing anything. Throws HttpError. */
  action(entries: readonly ActionEntry[], testOnly: boolean): Promise<ActionResponse>;
  /** Token exchanges made so far (tests). */
  readonly tokenExchanges: number;
  /** The two HTTP clients, for tests that probe the read-only guard route by route. */
  readonly http: { readonly ims: HttpClient; readonly umapi: HttpClient };
  close(): Promise<void>;
}

export interface UmapiClientOptions {
  readonly settings: AdobeSettings;
  readonly mode: RunMode;
  readonly logger: Logger;
  readonly pacer?: Pacer;
  readonly dispatcher?: Dispatcher;
  readonly retry?: Partial<RetryPolicy>;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
  /** Per-request timeout; default 120 s (tests use a short one to exercise lost answers). */
  readonly timeoutMs?: number;
  /** Backoff jitter source (tests seed it). */
  readonly random?: () => number;
}

/** Stops a server that never says `lastPage` from paging forever. */
const MAX_PAGES = 10_000;

function orgPath(orgId: string): string {
  // Org ids look like `ABC123@AdobeOrg`; keep `@` readable as umapi-client.py does (quote safe='/@').
  return encodeURIComponent(orgId).replace(/%40/g, "@");
}

function headerNumber(headers: Readonly<Record<string, string>>, name: string): number | undefined {
  const raw = headers[name.toLowerCase()];
  const parsed = raw === undefined ? Number.NaN : Number.parseInt(raw, 10);
  return Number.isFinite(parsed) ? parsed : undefined;
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

  return {
    async listUsers(onPage) {
      const users: UmapiUser[] = [];
      for (let pageNumber = 0; pageNumber < MAX_PAGES; pageNumber += 1) {
        const response = await http.request<UmapiUsersPage>({
          method: "GET",
          path: `users/${org}/${pageNumber}`,
          label: "users.list",
        });
        const page = response.body.users ?? [];
        for (const user of page) users.push(user);
        onPage?.(page, users.length, headerNumber(response.headers, "X-Total-Count"));
        // A page past the end returns the last page again (docs/vendors/adobe.md#reading-users-and-groups): trust lastPage, then the page count.
        const pageCount = headerNumber(response.headers, "X-Page-Count");
        if (response.body.lastPage || (pageCount !== undefined && pageNumber + 1 >= pageCount)) return users;
      }
      return users;
    },
    async listGroups() {
      const groups: UmapiGroup[] = [];
      for (let page = 0; page < MAX_PAGES; page += 1) {
        let response: HttpResponse<UmapiGroupsPage>;
        try {
          response = await http.request<UmapiGroupsPage>({
            method: "GET",
            path: `groups/${org}/${page}`,
            label: "groups.list",
          });
        } catch (error) {
          // A page past the end is 404 {"lastPage":true,"result":"Not found"}; umapi-client.py reads 404 as the end.
          if (page > 0 && isHttpError(error) && error.status === 404) return groups;
          throw error;
        }
        groups.push(...(response.body.groups ?? []));
        if (response.body.lastPage) return groups;
      }
      return groups;
    },
    async action(entries, testOnly) {
      const response = await http.request<ActionResponse>({
        method: "POST",
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
      });
      return response.body;
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
