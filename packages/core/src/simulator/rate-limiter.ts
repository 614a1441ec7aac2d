import type { RateLimitRule, SimRequest, SimResponse } from "./types.js";

export interface RateLimiter {
  /** A 429 response when a window this request falls in is full; otherwise records the request. */
  check(route: string, request: SimRequest): SimResponse | undefined;
  reset(): void;
}

function appliesTo(rule: RateLimitRule, route: string): boolean {
  return rule.routes === "*" || rule.routes.includes(route);
}

/**
 * Sliding windows per rule and key, on the simulator clock. Only admitted requests count, so a
 * client that backs off properly gets through once the oldest request leaves the window.
 */
export function createRateLimiter(rules: readonly RateLimitRule[]): RateLimiter {
  let windows = new Map<string, number[]>();

  return {
    check(route: string, request: SimRequest): SimResponse | undefined {
      const now = request.now;
      const hits: number[][] = [];
      for (const rule of rules) {
        if (!appliesTo(rule, route)) continue;
        const id = `${rule.name}\u0000${rule.key?.(request) ?? ""}`;
        let times = windows.get(id);
        if (!times) {
          times = [];
          windows.set(id, times);
        }
        while (times.length > 0 && times[0]! <= now - rule.windowMs) times.shift();
        if (times.length >= rule.limit) {
          const freeAt = times[times.length - rule.limit]! + rule.windowMs;
          return throttled(rule, freeAt, now);
        }
        hits.push(times);
      }
      for (const times of hits) times.push(now);
      return undefined;
    },
    reset(): void {
      windows = new Map();
    },
  };
}

function throttled(rule: RateLimitRule, freeAt: number, now: number): SimResponse {
  const waitMs = Math.max(0, freeAt - now);
  const headers: Record<string, string> = {};
  if (rule.retryAfter === "seconds") headers["retry-after"] = String(Math.max(1, Math.ceil(waitMs / 1000)));
  if (rule.retryAfter === "http-date") {
    // HTTP-dates have whole seconds: round up so a client that waits until then gets in.
    headers["retry-after"] = new Date(Math.ceil(freeAt / 1000) * 1000).toUTCString();
  }
  return { status: 429, headers, body: rule.body };
}
