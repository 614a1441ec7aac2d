import { CoreError } from "../errors.js";
import type { HttpRequest } from "./types.js";

/** Decides whether a mutating request may run in read-only (plan) mode. Sees the final URL. */
export type ReadOnlyAllowance = (request: HttpRequest, url: URL) => boolean;

const SAFE_METHODS: ReadonlySet<string> = new Set(["GET", "HEAD"]);

/**
 * Allows a write when the final URL carries `<param>=true`: the vendor's own server-side test
 * mode, which validates without changing anything (Periscope `test_mode=true`, Adobe
 * `testOnly=true`; README.md#safety).
 */
export function allowTestModeQuery(param: string): ReadOnlyAllowance {
  // Every occurrence must say true: `?test_mode=true&test_mode=false` passes a check of the first
  // value, while a Rails-style server reads the last one and writes for real (test "Periscope plan mode refuses every mutating route unless test_mode=true", reliability/read-only.test.ts).
  return (_request, url) => {
    const values = url.searchParams.getAll(param);
    return values.length > 0 && values.every((value) => value === "true");
  };
}

/** Allows writes to exact paths (the token exchange), matched on the final URL's pathname. */
export function allowPaths(...paths: readonly (string | RegExp)[]): ReadOnlyAllowance {
  return (_request, url) =>
    paths.some((path) => (typeof path === "string" ? url.pathname === path : path.test(url.pathname)));
}

/** Allows a write when any of the given allowances does. */
export function allowAny(...allowances: readonly ReadOnlyAllowance[]): ReadOnlyAllowance {
  return (request, url) => allowances.some((allow) => allow(request, url));
}

/** Throws READ_ONLY_VIOLATION unless the request is a read or explicitly allowed. */
export function assertReadOnlyAllowed(
  request: HttpRequest,
  url: URL,
  displayUrl: string,
  allow: ReadOnlyAllowance | undefined,
): void {
  if (SAFE_METHODS.has(request.method)) return;
  if (allow?.(request, url)) return;
  throw new CoreError(
    "READ_ONLY_VIOLATION",
    `Refused [${request.method}] "${displayUrl}": the client is read-only (plan mode) and this request would change data`,
  );
}
