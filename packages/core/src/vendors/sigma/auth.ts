import { ConfigError } from "../../errors.js";
import { type ClientCredentialsOptions, TOKEN_EXPIRY_MARGIN_MS } from "../../http/client-credentials.js";
import type { AuthProvider, HttpRequest } from "../../http/types.js";
import { parseWire } from "../../http/wire-schema.js";
import { tokenSchema } from "./wire-schemas.js";

/** The token exchange path: the one non-GET request allowed in plan mode (README.md#safety). */
export const SIGMA_TOKEN_PATH = "/v2/auth/token";

/** Sends the token request; in production the shared HTTP client without auth. */
export type TokenTransport = (request: HttpRequest) => Promise<unknown>;

export interface SigmaAuthOptions extends ClientCredentialsOptions {
  readonly send: TokenTransport;
}

interface CachedToken {
  readonly accessToken: string;
  readonly refreshToken: string | undefined;
  readonly expiresAt: number;
}

/**
 * OAuth client credentials for Sigma (docs/vendors/sigma.md#auth): `POST /v2/auth/token`, form body with
 * `grant_type=client_credentials` and the id/secret as form fields (what Sigma's own
 * `utils.get_access_token` sends). The token is cached for its lifetime (1 hour); near expiry it is
 * renewed with `grant_type=refresh_token` (falling back to client credentials), and a 401 mints a
 * fresh one once (the HTTP layer then repeats the request once).
 */
export function createSigmaAuth(options: SigmaAuthOptions): AuthProvider & { readonly tokenRequests: () => number } {
  const now = options.now ?? Date.now;
  let token: CachedToken | undefined;
  let inflight: Promise<CachedToken> | undefined;
  let requests = 0;

  async function exchange(form: Record<string, string>): Promise<CachedToken> {
    requests += 1;
    let answer: unknown;
    try {
      // Minting a token changes nothing a second request could duplicate, so a lost answer or a
      // 502 is retried like a read (test "retries the token exchange after a 502, a dropped connection and a 500", reliability/sigma-regressions.test.ts).
      answer = await options.send({
        method: "POST",
        path: SIGMA_TOKEN_PATH,
        form,
        idempotent: true,
        label: "auth.token",
      });
    } catch (error) {
      if (isHttpStatus(error, 400) || isHttpStatus(error, 401) || isHttpStatus(error, 403)) {
        throw new ConfigError(
          "SIGMA_CLIENT_SECRET",
          "Sigma rejected the API credentials (SIGMA_CLIENT_ID / SIGMA_CLIENT_SECRET) at /v2/auth/token. " +
            "Check them under Administration > Developer Access, and that SIGMA_BASE_URL is your organisation's API host.",
        );
      }
      throw error;
    }
    const body = parseWire("Sigma", { method: "POST", path: SIGMA_TOKEN_PATH }, tokenSchema, answer, { write: false });
    options.onToken?.(body.access_token);
    if (typeof body.refresh_token === "string") options.onToken?.(body.refresh_token);
    const lifetimeMs = (typeof body.expires_in === "number" ? body.expires_in : 3600) * 1000;
    return {
      accessToken: body.access_token,
      refreshToken: body.refresh_token,
      expiresAt: now() + Math.max(lifetimeMs - TOKEN_EXPIRY_MARGIN_MS, lifetimeMs / 2),
    };
  }

  const clientCredentials = (): Promise<CachedToken> =>
    exchange({ grant_type: "client_credentials", client_id: options.clientId, client_secret: options.clientSecret });

  async function renew(previous: CachedToken | undefined): Promise<CachedToken> {
    if (previous?.refreshToken !== undefined) {
      try {
        return await exchange({ grant_type: "refresh_token", refresh_token: previous.refreshToken });
      } catch (error) {
        // A refused refresh token is not fatal: the client credentials still mint a new token.
        if (!(error instanceof ConfigError)) throw error;
      }
    }
    return clientCredentials();
  }

  function obtain(force: boolean): Promise<CachedToken> {
    if (!force && token !== undefined && now() < token.expiresAt) return Promise.resolve(token);
    if (inflight) return inflight;
    const previous = token;
    inflight = (force ? clientCredentials() : renew(previous)).then(
      (fresh) => {
        token = fresh;
        inflight = undefined;
        return fresh;
      },
      (error: unknown) => {
        inflight = undefined;
        throw error;
      },
    );
    return inflight;
  }

  return {
    async headers() {
      const current = await obtain(false);
      return { authorization: `Bearer ${current.accessToken}` };
    },
    async onUnauthorized() {
      token = undefined;
      await obtain(true);
      return true;
    },
    tokenRequests: () => requests,
  };
}

function isHttpStatus(error: unknown, status: number): boolean {
  return typeof error === "object" && error !== null && (error as { status?: unknown }).status === status;
}
