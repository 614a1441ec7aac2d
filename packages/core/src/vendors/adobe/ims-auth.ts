import { ConfigError } from "../../errors.js";
import { type ClientCredentialsOptions, TOKEN_EXPIRY_MARGIN_MS } from "../../http/client-credentials.js";
import type { HttpClient } from "../../http/index.js";
import { isHttpError } from "../../http/index.js";
import type { AuthProvider } from "../../http/types.js";
import { parseWire } from "../../http/wire-schema.js";
import { imsTokenSchema } from "./wire-schemas.js";
import type { ImsTokenResponse } from "./wire-types.js";

/** IMS token path for OAuth Server-to-Server (docs/vendors/adobe.md#auth; Adobe's current guides use v3, same grant as v2). */
export const IMS_TOKEN_PATH = "/ims/token/v3";

/** The scopes UMAPI needs (UM-DOC UM_Authentication). */
export const UMAPI_SCOPE = "openid,AdobeID,user_management_sdk";

export interface ImsAuthOptions extends ClientCredentialsOptions {
  readonly ims: HttpClient;
}

/**
 * OAuth Server-to-Server: exchange client id + secret for a bearer token, cache it for
 * `expires_in` seconds (24 h; older tokens stay valid when new ones are minted, UM-DOC RefOverview),
 * and send `Authorization: Bearer` and `X-Api-Key: <client id>` on every UMAPI call.
 */
export function createImsAuth(options: ImsAuthOptions): AuthProvider & { readonly exchanges: number } {
  const now = options.now ?? Date.now;
  let token: { value: string; expiresAt: number } | undefined;
  let pending: Promise<string> | undefined;
  let exchanges = 0;

  async function exchange(): Promise<string> {
    exchanges += 1;
    const response = await options.ims
      .request<ImsTokenResponse>({
        method: "POST",
        path: IMS_TOKEN_PATH,
        form: {
          grant_type: "client_credentials",
          client_id: options.clientId,
          client_secret: options.clientSecret,
          scope: UMAPI_SCOPE,
        },
        // Minting a token has no side effect worth guarding: repeat it freely.
        idempotent: true,
        label: "ims.token",
      })
      .catch((error: unknown) => {
        // IMS answers bad credentials with 400/401 {"error":"invalid_client"}: a configuration problem.
        if (isHttpError(error) && (error.status === 400 || error.status === 401)) {
          throw new ConfigError(
            "ADOBE_CLIENT_SECRET",
            `Adobe IMS refused the OAuth Server-to-Server credentials in ADOBE_CLIENT_ID / ADOBE_CLIENT_SECRET: ${error.message}`,
          );
        }
        throw error;
      });
    const body = parseWire("Adobe IMS", { method: "POST", path: IMS_TOKEN_PATH }, imsTokenSchema, response.body, {
      write: false,
    });
    // A token echoed back bare (no `Bearer` label) would escape the generic patterns (test "redacts a token added after the client was made, even echoed bare by the vendor", reliability/http-regressions.test.ts).
    options.onToken?.(body.access_token);
    token = { value: body.access_token, expiresAt: now() + body.expires_in * 1000 - TOKEN_EXPIRY_MARGIN_MS };
    return body.access_token;
  }

  async function current(): Promise<string> {
    if (token !== undefined && token.expiresAt > now()) return token.value;
    // One exchange at a time: concurrent requests share it.
    pending ??= exchange().finally(() => {
      pending = undefined;
    });
    return pending;
  }

  return {
    async headers() {
      return { Authorization: `Bearer ${await current()}`, "X-Api-Key": options.clientId };
    },
    async onUnauthorized() {
      token = undefined;
      return true;
    },
    get exchanges() {
      return exchanges;
    },
  };
}
