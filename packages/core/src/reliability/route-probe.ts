import { isCoreError } from "../errors.js";
import type { HttpClient } from "../http/http-client.js";
import type { HttpMethod } from "../http/types.js";
import type { SimRoute } from "../simulator/types.js";

/** The methods that change data: every route with one of these must be refused in plan mode. */
export function mutatingRoutes(routes: readonly SimRoute[]): SimRoute[] {
  return routes.filter((route) => route.method !== "GET" && route.method !== "HEAD");
}

/** A concrete path for a route pattern: `/v2/members/:id` -> `/v2/members/probe-id`. */
export function probePath(pattern: string): string {
  return pattern.replace(/:([A-Za-z]+)/g, (_match, name: string) => `probe-${name}`).replace(/\*$/, "probe");
}

export type ProbeResult = { readonly refused: true } | { readonly refused: false; readonly status: number };

/** Sends one write through a client; reports whether the read-only guard refused it. */
export async function probe(
  client: HttpClient,
  route: SimRoute,
  query: Readonly<Record<string, string>> = {},
  /** Raw query text appended to the path, to send a parameter twice. */
  rawQuery?: string,
  /** Sends to `origin + pattern` instead of the pattern below the client's base path. */
  origin?: string,
): Promise<ProbeResult> {
  try {
    const path = `${origin ?? ""}${probePath(route.pattern)}`;
    const response = await client.requestRaw({
      method: route.method as HttpMethod,
      path: rawQuery === undefined ? path : `${path}?${rawQuery}`,
      query,
      json: {},
      label: route.name,
    });
    return { refused: false, status: response.status };
  } catch (error) {
    if (isCoreError(error) && error.code === "READ_ONLY_VIOLATION") return { refused: true };
    throw error;
  }
}
