import type { SimHandler, SimRequest, SimResponse, SimRoute } from "../../../simulator/types.js";
import { badRequest, isRecord, ok, paginate, sigmaError } from "./responses.js";
import type { SigmaSimStore } from "./state.js";

/** Observed 401 body for a missing, malformed or expired token (docs/vendors/sigma.md#errors-and-rate-limits [S AE-SIG]). */
function unauthorized(store: SigmaSimStore): SimResponse {
  return sigmaError(store, 401, "unauthorized", "Token missing or malformed");
}

/** Wraps a handler so it runs only with a valid, unexpired bearer token (on the simulator clock). */
export function authed(store: SigmaSimStore, handler: SimHandler): SimHandler {
  return (request) => {
    const header = request.headers.authorization;
    const match = typeof header === "string" ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    const token = match?.[1] === undefined ? undefined : store.accessTokens.get(match[1]);
    if (token === undefined || request.now >= token.expiresAt) return unauthorized(store);
    return handler(request);
  };
}

function issueToken(store: SigmaSimStore, request: SimRequest): SimResponse {
  const accessToken = `sat_${store.nextUuid()}`;
  const refreshToken = `srt_${store.nextUuid()}`;
  const ttl = store.config.tokenTtlSeconds;
  store.accessTokens.set(accessToken, { expiresAt: request.now + ttl * 1000 });
  store.refreshTokens.add(refreshToken);
  return ok({ access_token: accessToken, refresh_token: refreshToken, token_type: "bearer", expires_in: ttl });
}

/** Basic `base64(id:secret)` credentials, the alternative to form fields (SIG-SKILL, docs/vendors/sigma.md#auth). */
function basicCredentials(request: SimRequest): { id: string; secret: string } | undefined {
  const header = request.headers.authorization;
  const match = typeof header === "string" ? /^Basic\s+(\S+)$/i.exec(header) : null;
  if (match?.[1] === undefined) return undefined;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon < 0 ? undefined : { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

/** `POST /v2/auth/token`, urlencoded: `client_credentials` (form fields or Basic) and `refresh_token`. */
function token(store: SigmaSimStore): SimHandler {
  return (request) => {
    const form = isRecord(request.body) ? request.body : {};
    const grant = form.grant_type;
    if (grant === "client_credentials") {
      const basic = basicCredentials(request);
      const id = basic?.id ?? form.client_id;
      const secret = basic?.secret ?? form.client_secret;
      if (id !== store.clientId || secret !== store.clientSecret) {
        return sigmaError(store, 401, "unauthorized", "Invalid client credentials");
      }
      return issueToken(store, request);
    }
    if (grant === "refresh_token") {
      const refresh = form.refresh_token;
      if (typeof refresh !== "string" || !store.refreshTokens.has(refresh)) {
        return sigmaError(store, 401, "unauthorized", "Invalid refresh token");
      }
      store.refreshTokens.delete(refresh);
      return issueToken(store, request);
    }
    return badRequest(store, `Unsupported grant_type: ${String(grant)}`);
  };
}

export function authRoutes(store: SigmaSimStore): SimRoute[] {
  return [
    { method: "POST", pattern: "/v2/auth/token", name: "auth.token", handler: token(store) },
    {
      method: "GET",
      pattern: "/v2/whoami",
      name: "whoami",
      handler: authed(store, () => ok({ userId: store.selfMemberId, organizationId: store.organizationId })),
    },
    {
      method: "GET",
      pattern: "/v2/accountTypes",
      name: "accountTypes.list",
      // Cursor paging with pageToken/pageSize/nextPageToken; Admin credentials required (docs/vendors/sigma.md#account-types).
      handler: authed(store, (request) => {
        const self = store.members.get(store.selfMemberId);
        if (self?.memberType.toLowerCase() !== "admin") {
          return sigmaError(store, 403, "forbidden", "Only admins can list account types");
        }
        const result = paginate(store, request, store.accountTypes, { limitParam: "pageSize", pageParam: "pageToken" });
        if (result.kind === "error") return result.response;
        if (result.kind === "array") return ok({ entries: result.items });
        return ok(
          result.nextPage === null
            ? { entries: result.entries }
            : { entries: result.entries, nextPageToken: result.nextPage },
        );
      }),
    },
  ];
}
