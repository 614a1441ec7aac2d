import { ConfigError, shownValue } from "../../errors.js";

/**
 * UMAPI's documented throttles (docs/vendors/adobe.md#reading-users-and-groups, docs/vendors/adobe.md#action-api, UM-DOC): per client, action 10/min, users
 * (list, by group, single) 25/min, groups 5/min; and 100/min across the whole API. Over the limit
 * Adobe answers 429 + Retry-After. Configurable (ADOBE_RATE_LIMITS) so tests and the sandbox can
 * scale the windows down.
 */
export interface RateWindow {
  readonly limit: number;
  readonly windowMs: number;
}

export type RateClass = "action" | "users" | "groups" | "global";

export type AdobeRateLimits = Readonly<Record<RateClass, RateWindow>>;

export const ADOBE_RATE_LIMITS: AdobeRateLimits = {
  action: { limit: 10, windowMs: 60_000 },
  users: { limit: 25, windowMs: 60_000 },
  groups: { limit: 5, windowMs: 60_000 },
  global: { limit: 100, windowMs: 60_000 },
};

const CLASSES: readonly RateClass[] = ["action", "users", "groups", "global"];

/** Request labels (client.ts) -> the per-client window they count against. */
export const RATE_CLASS_OF_LABEL: Readonly<Record<string, RateClass>> = {
  action: "action",
  "users.list": "users",
  "users.get": "users",
  "groups.list": "groups",
};

/**
 * `action=10/60s,users=25/60s,groups=5/60s,global=100/60s`; units `ms`, `s`, `m`; omitted keys keep
 * the default. `off` disables client-side pacing (a simulator without throttling).
 */
export function parseRateLimits(text: string, setting = "ADOBE_RATE_LIMITS"): AdobeRateLimits | false {
  if (text.trim().toLowerCase() === "off") return false;
  const limits: Record<RateClass, RateWindow> = { ...ADOBE_RATE_LIMITS };
  for (const part of text
    .split(",")
    .map((p) => p.trim())
    .filter((p) => p !== "")) {
    const match = /^(\w+)\s*=\s*(\d+)\s*\/\s*(\d+)\s*(ms|s|m)?$/.exec(part);
    const name = match?.[1] as RateClass | undefined;
    if (match === null || name === undefined || !CLASSES.includes(name)) {
      throw new ConfigError(
        setting,
        `${setting}: cannot read ${shownValue(part)}. Expected e.g. "action=10/60s,users=25/60s,groups=5/60s,global=100/60s".`,
      );
    }
    const unit = match[4] ?? "ms";
    const windowMs = Number(match[3]) * (unit === "m" ? 60_000 : unit === "s" ? 1000 : 1);
    const limit = Number(match[2]);
    if (limit < 1 || windowMs < 1) throw new ConfigError(setting, `${setting}: ${shownValue(part)} must be positive.`);
    limits[name] = { limit, windowMs };
  }
  return limits;
}

export function formatRateLimits(limits: AdobeRateLimits): string {
  return CLASSES.map((c) => `${c}=${limits[c].limit}/${limits[c].windowMs}ms`).join(",");
}

/**
 * Extra wait the pacer adds once a window is full. Our clock starts a window when we send; Adobe's
 * when the request arrives, and jitter can bring two arrivals closer than their departures.
 */
export const PACER_MARGIN_MS = 250;

/**
 * The margin for these windows: PACER_MARGIN_MS, but never more than 10% of the shortest window, so
 * windows scaled down for the sandbox and benchmarks (1 s instead of 60 s) do not wait a quarter
 * window longer than needed. 2% and 5% (20 and 50 ms on a 1 s window) still met 429s from arrival
 * jitter on a loaded machine; at Adobe's real 60 s windows the margin stays 250 ms.
 */
export function pacerMarginMs(limits: AdobeRateLimits): number {
  const shortest = Math.min(...CLASSES.map((c) => limits[c].windowMs));
  return Math.min(PACER_MARGIN_MS, Math.ceil(shortest / 10));
}

function startTimes(count: number, windows: readonly RateWindow[], perRequestMs: number): number[] {
  const starts: number[] = [];
  for (let k = 0; k < count; k += 1) {
    let t = k === 0 ? 0 : (starts[k - 1] ?? 0) + perRequestMs;
    // Sliding window: request k may start once request k-limit has left the window.
    for (const w of windows) {
      const earlier = starts[k - w.limit];
      if (earlier !== undefined) t = Math.max(t, earlier + w.windowMs);
    }
    starts.push(t);
  }
  return starts;
}

/**
 * Wall time the pacer needs to send `requestCount` action requests one after another, each taking
 * `perRequestMs`, as the pacer schedules them (each full window plus `pacerMarginMs`). 5,000 new
 * users = 500 requests = 49 waits of 60.25 s = about 49 minutes at Adobe's 10/min.
 */
export function predictApplyWallTimeMs(
  requestCount: number,
  limits: AdobeRateLimits = ADOBE_RATE_LIMITS,
  perRequestMs = 0,
): number {
  if (requestCount <= 0) return 0;
  const margin = pacerMarginMs(limits);
  const windows = [limits.action, limits.global].map((w) => ({
    limit: w.limit,
    windowMs: w.windowMs + margin,
  }));
  const starts = startTimes(requestCount, windows, perRequestMs);
  return (starts[starts.length - 1] ?? 0) + perRequestMs;
}
