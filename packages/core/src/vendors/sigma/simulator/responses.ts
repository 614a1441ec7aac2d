import type { SimRequest, SimResponse } from "../../../simulator/types.js";
import type { SigmaSimStore } from "./state.js";

/** Sigma's error envelope, on every error status (SIG-SPEC `ApiError`, docs/vendors/sigma.md#errors-and-rate-limits). */
export function sigmaError(store: SigmaSimStore, status: number, code: string, message: string): SimResponse {
  return { status, body: { message, code, requestId: store.requestId() } };
}

export const badRequest = (store: SigmaSimStore, message: string) => sigmaError(store, 400, "bad_request", message);
export const notFound = (store: SigmaSimStore, message: string) => sigmaError(store, 404, "not_found", message);
/** SIG-SAMPLE hint for 409: "Duplicate record" when the email is already used (docs/vendors/sigma.md#errors-and-rate-limits). */
export const duplicate = (store: SigmaSimStore) => sigmaError(store, 409, "conflict", "Duplicate record");

export function ok(body: unknown): SimResponse {
  return { status: 200, body };
}

/** An opaque cursor: the offset, base64url-encoded behind a tag, so clients cannot guess pages (docs/vendors/sigma.md#simulator). */
export function encodeCursor(offset: number): string {
  return Buffer.from(`sigma-sim:${offset}`).toString("base64url");
}

export function decodeCursor(cursor: string): number | undefined {
  const match = /^sigma-sim:(\d+)$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

export type PageResult<T> =
  | { readonly kind: "array"; readonly items: readonly T[] }
  | {
      readonly kind: "page";
      readonly entries: readonly T[];
      readonly nextPage: string | null;
      readonly total: number;
    }
  | { readonly kind: "error"; readonly response: SimResponse };

/**
 * Sigma's list paging (docs/vendors/sigma.md#members, docs/vendors/sigma.md#simulator): `limit` (max 1000, clamp or reject per config) and `page`
 * (the previous `nextPage`). `legacy` routes answer a bare array when `limit` is absent.
 */
export function paginate<T>(
  store: SigmaSimStore,
  request: SimRequest,
  items: readonly T[],
  options: { readonly legacy?: boolean; readonly limitParam?: string; readonly pageParam?: string } = {},
): PageResult<T> {
  const limitParam = options.limitParam ?? "limit";
  const pageParam = options.pageParam ?? "page";
  const rawLimit = request.query.get(limitParam);
  if (rawLimit === null && options.legacy === true && store.config.legacyArrays) return { kind: "array", items };
  let limit = store.config.defaultPageSize;
  if (rawLimit !== null) {
    limit = Number(rawLimit);
    if (!Number.isInteger(limit) || limit < 1) {
      return { kind: "error", response: badRequest(store, `Invalid ${limitParam}: ${rawLimit}`) };
    }
    if (limit > store.config.maxLimit) {
      if (store.config.overLimit === "reject") {
        return {
          kind: "error",
          response: badRequest(store, `${limitParam} must be at most ${store.config.maxLimit}`),
        };
      }
      limit = store.config.maxLimit;
    }
  }
  const rawPage = request.query.get(pageParam);
  let offset = 0;
  if (rawPage !== null && rawPage !== "") {
    const decoded = decodeCursor(rawPage);
    if (decoded === undefined) return { kind: "error", response: badRequest(store, `Invalid ${pageParam} token`) };
    offset = decoded;
  }
  const entries = items.slice(offset, offset + limit);
  const next = offset + limit < items.length ? encodeCursor(offset + limit) : null;
  return { kind: "page", entries, nextPage: next, total: items.length };
}

/** Renders a page result as `/v2` (`{entries,nextPage}`) or `/v2.1` (adds `total`, `hasMore`). */
export function pageResponse<T>(result: PageResult<T>, withTotals: boolean): SimResponse {
  if (result.kind === "error") return result.response;
  if (result.kind === "array") return ok(result.items);
  return ok(
    withTotals
      ? { entries: result.entries, nextPage: result.nextPage, total: result.total, hasMore: result.nextPage !== null }
      : { entries: result.entries, nextPage: result.nextPage },
  );
}

/** `true`/`false` query flags; anything else is absent. */
export function queryFlag(request: SimRequest, name: string): boolean | undefined {
  const value = request.query.get(name);
  if (value === "true") return true;
  if (value === "false") return false;
  return undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
