// The OAuth client-credentials grant, as Sigma (docs/vendors/sigma.md#auth) and Adobe IMS
// (docs/vendors/adobe.md#auth) both use it: what their token providers share.

/**
 * What an OAuth client-credentials token provider takes: the client, the clock its tokens' expiry
 * is read on, and who is told each new token (so the HTTP clients redact it wherever a vendor
 * echoes it back).
 */
export interface ClientCredentialsOptions {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly now?: () => number;
  readonly onToken?: (value: string) => void;
}

/** Renew a token this long before it expires, so it never dies between the check and the request. */
export const TOKEN_EXPIRY_MARGIN_MS = 60_000;
