import { setTimeout as sleep } from "node:timers/promises";
import { IMS_TOKEN_PATH, UMAPI_SCOPE } from "@roster/core/testing";
import type { OrgUser } from "./scenarios/org.ts";
import type { BenchVendorId } from "./vendors.ts";

/**
 * The per-row baseline: what each vendor's own sample script or client does when used as
 * documented. One listing, then the rows' writes, one request at a time, whether or not the row
 * changed.
 * - Sigma, `batch_update_users.py` (docs/vendors/sigma.md#bulk-update-sample): token,
 *   `GET /v2/members?includeArchived=true&limit=500` pages, then one `PATCH /v2/members/{id}` per row.
 * - Periscope, the community samples (docs/vendors/periscope.md#v1-users-and-groups): one list,
 *   then one `PUT /api/v1/users` per row.
 * - Adobe, `umapi-client.py` (docs/vendors/adobe.md#umapi-client): token, user pages, then one
 *   action per row (its `add` split into steps of at most 10 groups), queued by `execute_single`
 *   and sent 10 actions per `POST /action`, the rest by `execute_queued`; 429 waits Retry-After.
 *
 * Only the first `sampleRows` rows are written; the time of the row phase is scaled up to every
 * row (each row, or each batch of 10 for Adobe, costs the same request), and the report says so.
 */
export interface BaselineResult {
  /** Requests of the listing phase (token included), measured. */
  readonly listingRequests: number;
  readonly listingMs: number;
  /** Rows written and the requests and time that took (429 retries included). */
  readonly sampledRows: number;
  readonly rowRequests: number;
  readonly rowMs: number;
}

export interface BaselineProjection {
  readonly requests: number;
  readonly wallMs: number;
  /** True when only a sample of the rows was sent. */
  readonly extrapolated: boolean;
}

export function projectBaseline(result: BaselineResult, totalRows: number): BaselineProjection {
  const factor = result.sampledRows === 0 ? 0 : totalRows / result.sampledRows;
  return {
    requests: Math.round(result.listingRequests + result.rowRequests * factor),
    wallMs: result.listingMs + result.rowMs * factor,
    extrapolated: result.sampledRows < totalRows,
  };
}

interface Sent {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
}

async function send(url: string, init: RequestInit): Promise<Sent> {
  const response = await fetch(url, init);
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text === "" ? undefined : JSON.parse(text) };
}

function must(sent: Sent, what: string): Sent {
  if (sent.status >= 400) throw new Error(`baseline ${what}: HTTP ${sent.status} ${JSON.stringify(sent.body)}`);
  return sent;
}

/** A baseline's two phases, timed from `started`: the listing until `listed`, then the rows until now. */
function phases(
  timing: { started: number; listed: number; listingRequests: number; rowRequests: number },
  rows: readonly OrgUser[],
): BaselineResult {
  const { started, listed, listingRequests, rowRequests } = timing;
  return {
    listingRequests,
    listingMs: listed - started,
    sampledRows: rows.length,
    rowRequests,
    rowMs: performance.now() - listed,
  };
}

/** The OAuth client-credentials exchange both vendors' own scripts start with (form-encoded POST). */
async function clientCredentialsToken(url: string, form: Readonly<Record<string, string>>): Promise<string> {
  const sent = await send(url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "client_credentials", ...form }),
  });
  return (must(sent, "token").body as { access_token: string }).access_token;
}

async function sigma(env: Readonly<Record<string, string>>, rows: readonly OrgUser[]): Promise<BaselineResult> {
  const base = env.SIGMA_BASE_URL ?? "";
  const started = performance.now();
  let requests = 0;
  const token = await clientCredentialsToken(`${base}/v2/auth/token`, {
    client_id: env.SIGMA_CLIENT_ID ?? "",
    client_secret: env.SIGMA_CLIENT_SECRET ?? "",
  });
  requests++;
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  const ids = new Map<string, string>();
  let page: string | undefined;
  do {
    const query = new URLSearchParams({ includeArchived: "true", limit: "500", ...(page && { page }) });
    const body = must(await send(`${base}/v2/members?${query}`, { headers }), "members").body as {
      entries: { memberId: string; email: string }[];
      nextPage?: string | null;
    };
    requests++;
    for (const member of body.entries) ids.set(member.email, member.memberId);
    page = body.nextPage ?? undefined;
  } while (page);
  const listed = performance.now();
  let rowRequests = 0;
  for (const row of rows) {
    const id = ids.get(row.email);
    if (id === undefined) continue;
    must(
      await send(`${base}/v2/members/${id}`, {
        method: "PATCH",
        headers,
        body: JSON.stringify({ firstName: row.firstName, lastName: row.lastName }),
      }),
      "patch",
    );
    rowRequests++;
  }
  return phases({ started, listed, listingRequests: requests, rowRequests: rowRequests }, rows);
}

async function periscope(env: Readonly<Record<string, string>>, rows: readonly OrgUser[]): Promise<BaselineResult> {
  const base = env.PERISCOPE_BASE_URL ?? "";
  const headers = {
    "HTTP-X-PARTNER-AUTH": `${env.PERISCOPE_SITE}:${env.PERISCOPE_API_KEY}`,
    "content-type": "application/json",
  };
  const started = performance.now();
  must(await send(`${base}/api/v1/users`, { headers }), "users");
  const listed = performance.now();
  for (const row of rows) {
    must(
      await send(`${base}/api/v1/users?test_mode=false`, {
        method: "PUT",
        headers: { ...headers, "HTTP-X-EMAIL": row.email },
        body: JSON.stringify({ first_name: row.firstName, last_name: row.lastName, groups: row.groups }),
      }),
      "put",
    );
  }
  return phases({ started, listed, listingRequests: 1, rowRequests: rows.length }, rows);
}

/** umapi-client.py's `throttle_actions` and `throttle_groups`: actions per request, names per step. */
const UMAPI_CLIENT_BATCH = 10;

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/** Sends, and on 429 waits the Retry-After seconds and sends again (umapi-client.py `make_call`). */
async function sendRetrying(url: string, init: RequestInit): Promise<{ sent: Sent; attempts: number }> {
  for (let attempts = 1; ; attempts++) {
    const sent = await send(url, init);
    if (sent.status !== 429) return { sent, attempts };
    await sleep(Number(sent.headers.get("retry-after") ?? "1") * 1000);
  }
}

async function adobe(env: Readonly<Record<string, string>>, rows: readonly OrgUser[]): Promise<BaselineResult> {
  const umapi = env.ADOBE_UMAPI_URL ?? "";
  const org = env.ADOBE_ORG_ID ?? "";
  const started = performance.now();
  let requests = 0;
  const token = await clientCredentialsToken(`${env.ADOBE_IMS_URL}${IMS_TOKEN_PATH}`, {
    client_id: env.ADOBE_CLIENT_ID ?? "",
    client_secret: env.ADOBE_CLIENT_SECRET ?? "",
    scope: UMAPI_SCOPE,
  });
  requests++;
  const headers = {
    authorization: `Bearer ${token}`,
    "x-api-key": env.ADOBE_CLIENT_ID ?? "",
    "content-type": "application/json",
  };
  for (let page = 0; ; page++) {
    const { sent, attempts } = await sendRetrying(`${umapi}/users/${org}/${page}`, { headers });
    requests += attempts;
    if ((must(sent, "users").body as { lastPage: boolean }).lastPage) break;
  }
  const listed = performance.now();
  let rowRequests = 0;
  const actions = rows.map((row) => ({
    user: row.email,
    do: [
      { update: { firstname: row.firstName, lastname: row.lastName } },
      ...chunk(row.groups, UMAPI_CLIENT_BATCH).map((group) => ({ add: { group } })),
    ],
  }));
  for (const batch of chunk(actions, UMAPI_CLIENT_BATCH)) {
    const { sent, attempts } = await sendRetrying(`${umapi}/action/${org}`, {
      method: "POST",
      headers,
      body: JSON.stringify(batch),
    });
    must(sent, "action");
    rowRequests += attempts;
  }
  return phases({ started, listed, listingRequests: requests, rowRequests: rowRequests }, rows);
}

export function runBaseline(
  vendor: BenchVendorId,
  env: Readonly<Record<string, string>>,
  rows: readonly OrgUser[],
): Promise<BaselineResult> {
  if (vendor === "sigma") return sigma(env, rows);
  if (vendor === "periscope") return periscope(env, rows);
  return adobe(env, rows);
}
