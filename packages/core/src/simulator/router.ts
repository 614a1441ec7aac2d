import type { SimRoute } from "./types.js";

export interface RouteMatch {
  readonly route: SimRoute;
  /** URL-decoded `:param` values; a trailing `*` puts the rest of the path in `"*"`. */
  readonly params: Readonly<Record<string, string>>;
}

interface CompiledRoute {
  readonly route: SimRoute;
  readonly method: string;
  readonly segments: readonly string[];
  readonly rest: boolean;
}

export interface Router {
  /** The route for this method and path, or undefined (the vendor's 404). */
  match(method: string, pathname: string): RouteMatch | undefined;
}

function splitPath(path: string): string[] {
  return path.split("/").filter((segment) => segment.length > 0);
}

function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/**
 * Routes are tried in definition order: put `/v2/members/search` before `/v2/members/:id`.
 * A route's method may be "*" to match any method.
 */
export function createRouter(routes: readonly SimRoute[]): Router {
  const compiled: CompiledRoute[] = routes.map((route) => {
    const segments = splitPath(route.pattern);
    const rest = segments.at(-1) === "*";
    return { route, method: route.method.toUpperCase(), segments: rest ? segments.slice(0, -1) : segments, rest };
  });

  function tryMatch(candidate: CompiledRoute, parts: readonly string[]): Record<string, string> | undefined {
    if (candidate.rest ? parts.length < candidate.segments.length : parts.length !== candidate.segments.length) {
      return undefined;
    }
    const params: Record<string, string> = {};
    for (const [index, segment] of candidate.segments.entries()) {
      const part = parts[index]!;
      if (segment.startsWith(":")) {
        const value = decodeSegment(part);
        if (value === undefined) return undefined;
        params[segment.slice(1)] = value;
      } else if (segment !== part) {
        return undefined;
      }
    }
    if (candidate.rest) {
      const rest = parts.slice(candidate.segments.length).map((part) => decodeSegment(part) ?? part);
      params["*"] = rest.join("/");
    }
    return params;
  }

  return {
    match(method: string, pathname: string): RouteMatch | undefined {
      const parts = splitPath(pathname);
      const upper = method.toUpperCase();
      for (const candidate of compiled) {
        if (candidate.method !== "*" && candidate.method !== upper) continue;
        const params = tryMatch(candidate, parts);
        if (params) return { route: candidate.route, params };
      }
      return undefined;
    },
  };
}
