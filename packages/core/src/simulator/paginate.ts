/**
 * Offset pagination behind opaque page tokens: base64url of `<salt>:<offset>`. The salt makes a
 * token from one listing (or one simulator) useless in another, so a client that builds tokens
 * itself instead of echoing `nextPage` fails the way it would against the real API.
 */
export interface Page<T> {
  readonly items: T[];
  /** Undefined on the last page. */
  readonly nextPageToken: string | undefined;
  readonly total: number;
  readonly offset: number;
}

export function encodePageToken(offset: number, salt: string): string {
  return Buffer.from(`${salt}:${offset}`).toString("base64url");
}

/** The offset inside a token, or undefined when the token is not one of ours. */
export function decodePageToken(token: string, salt: string): number | undefined {
  const text = Buffer.from(token, "base64url").toString("utf8");
  const prefix = `${salt}:`;
  if (!text.startsWith(prefix)) return undefined;
  const digits = text.slice(prefix.length);
  if (!/^\d+$/.test(digits)) return undefined;
  return Number(digits);
}

/**
 * One page of `items`. Returns undefined for a page token that does not decode (answer with the
 * vendor's 400). An absent or empty token is the first page.
 */
export function paginateOffset<T>(
  items: readonly T[],
  options: { readonly pageToken?: string | undefined; readonly limit: number; readonly salt?: string },
): Page<T> | undefined {
  const salt = options.salt ?? "roster-sim";
  let offset = 0;
  if (options.pageToken !== undefined && options.pageToken !== "") {
    const decoded = decodePageToken(options.pageToken, salt);
    if (decoded === undefined || decoded > items.length) return undefined;
    offset = decoded;
  }
  const limit = Math.max(1, Math.floor(options.limit));
  const end = offset + limit;
  return {
    items: items.slice(offset, end),
    nextPageToken: end < items.length ? encodePageToken(end, salt) : undefined,
    total: items.length,
    offset,
  };
}
