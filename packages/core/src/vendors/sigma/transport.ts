import { allowPaths, createHttpClient, type HttpClient, parseVendorError } from "../../http/index.js";
import { DEFAULT_RETRY_STATUSES } from "../../http/retry-policy.js";
import type { HttpRequest, TokenTransportOptions } from "../../http/types.js";
import type { Logger, RunMode } from "../vendor.js";
import { createSigmaAuth } from "./auth.js";
import { createSigmaClient, type SigmaClient } from "./client.js";
import type { SigmaSettings } from "./settings.js";

export interface SigmaConnection {
  readonly client: SigmaClient;
  /** Requests sent to the API (token exchanges excluded), attempts included. */
  readonly apiRequests: () => number;
  readonly tokenRequests: () => number;
  /** The two HTTP clients, for tests that probe the read-only guard route by route. */
  readonly http: { readonly token: HttpClient; readonly api: HttpClient };
  close(): Promise<void>;
}

/**
 * Two HTTP clients on one connection pool: the token endpoint (no bearer header; the only write
 * allowed in plan mode) and the API (bearer token, re-auth once on 401). A single client cannot do
 * both: its auth provider would need a token to fetch a token.
 */
export function connectSigma(
  settings: SigmaSettings,
  mode: RunMode,
  logger: Logger,
  options: TokenTransportOptions = {},
): SigmaConnection {
  const common = {
    baseUrl: settings.baseUrl,
    mode: mode === "plan" ? ("read-only" as const) : ("read-write" as const),
    secrets: [settings.clientSecret, settings.clientId],
    parseError: parseVendorError,
    logger,
    userAgent: "roster (sigma)",
    ...(options.dispatcher && { dispatcher: options.dispatcher }),
    ...(options.retry && { retry: options.retry }),
    ...(options.sleep && { sleep: options.sleep }),
    ...(options.random && { random: options.random }),
    ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
  };
  const tokenHttp: HttpClient = createHttpClient({
    ...common,
    // Minting a token changes nothing a repeat could duplicate, so even a 500 is retried: one
    // failed exchange would otherwise end the whole run (test "retries the token exchange after a 502, a dropped connection and a 500", reliability/sigma-regressions.test.ts).
    retry: {
      ...options.retry,
      retryStatuses: new Set([...(options.retry?.retryStatuses ?? DEFAULT_RETRY_STATUSES), 500]),
    },
    allowInReadOnly: allowPaths(/\/v2\/auth\/token$/),
  });
  const auth = createSigmaAuth({
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    send: async (request) => (await tokenHttp.request<unknown>(request)).body,
    onToken: (value) => {
      tokenHttp.addSecret(value);
      apiHttp.addSecret(value);
      options.onSecret?.(value);
    },
    ...(options.now && { now: options.now }),
  });
  const apiHttp: HttpClient = createHttpClient({ ...common, auth });
  const client = createSigmaClient({
    send: async <T>(request: HttpRequest) => (await apiHttp.request<T>(request)).body,
  });
  return {
    client,
    apiRequests: () => apiHttp.stats.requests,
    tokenRequests: auth.tokenRequests,
    http: { token: tokenHttp, api: apiHttp },
    async close() {
      await Promise.all([tokenHttp.close(), apiHttp.close()]);
    },
  };
}
