/**
 * Secret redaction for every message, error and log line the HTTP layer produces.
 * Known secret values are replaced verbatim (plus their URL-encoded and Basic `id:secret` forms);
 * generic patterns catch credentials we were not told about (a token echoed back by a vendor).
 */
export const REDACTED = "[REDACTED]";

export type Redactor = (text: string) => string;

/** Query parameters whose values are always secrets, whatever their value. */
export const SECRET_QUERY_PARAMS: ReadonlySet<string> = new Set([
  "access_token",
  "api_key",
  "apikey",
  "client_secret",
  "password",
  "refresh_token",
  "secret",
  "signature",
  "token",
]);

// Generic credential shapes. Each keeps its label and replaces the value only.
const GENERIC_PATTERNS: readonly RegExp[] = [
  // At least 6 characters, so prose such as "Bearer token required" survives.
  /(\bBearer\s+)[A-Za-z0-9\-._~+/]{6,}=*/gi,
  /(\bBasic\s+)[A-Za-z0-9+/]{6,}=*/gi,
  // `client_secret=...` in a form or query, `"client_secret": "..."` in JSON. Not after `/`: a URL
  // path such as `"https://…/v2/auth/token": no response` names an endpoint, not a credential.
  /((?<!\/)\b(?:client_secret|refresh_token|access_token|id_token|token|api_key|apikey|password)\b["']?\s*[:=]\s*["']?)[^"'&\s,}]+/gi,
  // Periscope's header, in logs of header maps: `HTTP-X-PARTNER-AUTH: site:key`.
  /(\bHTTP-X-PARTNER-AUTH\b["']?\s*[:=]\s*["']?)[^"'&\s,}]+/gi,
  /(\bx-api-key\b["']?\s*[:=]\s*["']?)[^"'&\s,}]+/gi,
];

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function variantsOf(secret: string): string[] {
  const variants = new Set<string>([secret]);
  variants.add(encodeURIComponent(secret));
  // URLSearchParams encodes spaces as "+", unlike encodeURIComponent.
  variants.add(new URLSearchParams({ s: secret }).toString().slice(2));
  variants.add(Buffer.from(secret).toString("base64"));
  return [...variants].filter((variant) => variant.length > 0);
}

/**
 * Builds a redactor for the given secret values. Secrets shorter than 4 characters are ignored:
 * redacting "a" would shred every message and protects nothing.
 * Pairs of secrets also yield their Basic form `base64(id:secret)` (Sigma's token endpoint
 * accepts Basic auth, docs/vendors/sigma.md#simulator).
 */
export function createRedactor(secrets: readonly string[]): Redactor {
  // Settings read from the environment may be missing at runtime whatever the type says.
  const usable = [...new Set(secrets)].filter((secret) => typeof secret === "string" && secret.length >= 4);
  const literals = new Set<string>();
  for (const secret of usable) {
    for (const variant of variantsOf(secret)) literals.add(variant);
  }
  for (const first of usable) {
    for (const second of usable) {
      if (first !== second) literals.add(Buffer.from(`${first}:${second}`).toString("base64"));
    }
  }
  // Longest first, so a secret that contains another is replaced whole.
  const ordered = [...literals].sort((a, b) => b.length - a.length);
  const literalPattern = ordered.length > 0 ? new RegExp(ordered.map(escapeRegExp).join("|"), "g") : undefined;

  return (text: string): string => {
    let result = literalPattern ? text.replace(literalPattern, REDACTED) : text;
    for (const pattern of GENERIC_PATTERNS) {
      result = result.replace(pattern, (_match, label: string) => `${label}${REDACTED}`);
    }
    return result;
  };
}

/** Redacts every string inside a parsed JSON value (error bodies kept on HttpError). */
export function redactValue(value: unknown, redact: Redactor): unknown {
  if (typeof value === "string") return redact(value);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, redact));
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] = SECRET_QUERY_PARAMS.has(key.toLowerCase()) ? REDACTED : redactValue(item, redact);
    }
    return out;
  }
  return value;
}

/** The URL as it may be shown: secret query parameters blanked, then the redactor applied. */
export function redactUrl(url: URL, redact: Redactor): string {
  const copy = new URL(url);
  for (const key of [...copy.searchParams.keys()]) {
    if (SECRET_QUERY_PARAMS.has(key.toLowerCase())) copy.searchParams.set(key, REDACTED);
  }
  copy.username = "";
  copy.password = "";
  return redact(copy.toString().replaceAll(encodeURIComponent(REDACTED), REDACTED));
}
