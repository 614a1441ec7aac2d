import type { RateClass, RequestShape } from "./minimum.ts";

/**
 * The wall-time floor that latency and rate limits impose on a request shape: the earliest time
 * the last request can finish if every request takes exactly `latencyMs`, no more than
 * `concurrency` are in flight, each rate-limit window admits at most `limit` requests per
 * `windowMs` (sliding, as the vendors and simulators count), paged reads go one page after another,
 * and each write level waits for the one before. CPU time (parsing, planning) counts as zero, so
 * the floor is a lower bound no client can beat.
 */
export interface FloorLimits {
  readonly latencyMs: number;
  /** Requests in flight at once (Sigma and Periscope publish no limit: Roster's connection cap). */
  readonly concurrency: number;
  /** Per-class windows; `global` covers every rate-limited class. */
  readonly windows?: Partial<Record<RateClass | "global", { readonly limit: number; readonly windowMs: number }>>;
}

interface Rule {
  readonly limit: number;
  readonly windowMs: number;
  readonly sends: number[];
}

function insertSorted(list: number[], value: number): void {
  let i = list.length;
  while (i > 0 && (list[i - 1] ?? 0) > value) i--;
  list.splice(i, 0, value);
}

/**
 * Earliest start at or after `ready` that every rule admits. Starts are scheduled in
 * non-decreasing order, so looking back one window is exact.
 */
function earliest(ready: number, rules: readonly Rule[]): number {
  let t = ready;
  for (let changed = true; changed; ) {
    changed = false;
    for (const rule of rules) {
      // Sends in (t - windowMs, t]: the window is full when `limit` of them are there.
      const inWindow = rule.sends.filter((s) => s > t - rule.windowMs && s <= t);
      if (inWindow.length >= rule.limit) {
        const next = (inWindow[inWindow.length - rule.limit] ?? t) + rule.windowMs;
        if (next > t) {
          t = next;
          changed = true;
        }
      }
    }
  }
  return t;
}

function record(t: number, rules: readonly Rule[]): void {
  for (const rule of rules) insertSorted(rule.sends, t);
}

export function floorMs(shape: RequestShape, limits: FloorLimits): number {
  const { latencyMs } = limits;
  const inFlight: Rule = { limit: limits.concurrency, windowMs: latencyMs, sends: [] };
  const windows = new Map<string, Rule>();
  for (const [name, w] of Object.entries(limits.windows ?? {})) {
    if (w !== undefined) windows.set(name, { limit: w.limit, windowMs: w.windowMs, sends: [] });
  }
  const rulesFor = (rateClass: RateClass | undefined): Rule[] => {
    const rules = [inFlight];
    if (rateClass === undefined) return rules;
    for (const name of [rateClass, "global"]) {
      const rule = windows.get(name);
      if (rule !== undefined) rules.push(rule);
    }
    return rules;
  };
  // Recent sends only matter inside the longest window: keep the arrays short for big pools.
  const longest = Math.max(latencyMs, ...[...windows.values()].map((w) => w.windowMs));
  const prune = (now: number) => {
    for (const rule of [inFlight, ...windows.values()]) {
      const keepFrom = rule.sends.findIndex((s) => s > now - longest);
      if (keepFrom > 0) rule.sends.splice(0, keepFrom);
      else if (keepFrom === -1) rule.sends.length = 0;
    }
  };

  let last = 0;
  const admit = (ready: number, rules: readonly Rule[]): number => {
    const t = earliest(Math.max(ready, last), rules);
    record(t, rules);
    last = t;
    return t;
  };

  let now = 0;
  for (let i = 0; i < shape.first; i++) now = admit(now, rulesFor(undefined)) + latencyMs;

  const chains = shape.reads.map((chain) => ({ ...chain, ready: now + chain.after * latencyMs, left: chain.length }));
  let readsEnd = now;
  for (;;) {
    // The chain that can start soonest, rate limits included (greedy list scheduling).
    const open = chains.filter((c) => c.left > 0);
    const at = (c: (typeof open)[number]) => earliest(Math.max(c.ready, last), rulesFor(c.rateClass));
    const next = open.map((c) => ({ c, t: at(c) })).sort((a, b) => a.t - b.t)[0]?.c;
    if (next === undefined) break;
    const start = admit(next.ready, rulesFor(next.rateClass));
    next.ready = start + latencyMs;
    next.left -= 1;
    readsEnd = Math.max(readsEnd, next.ready);
  }
  now = readsEnd;

  for (const level of shape.writes) {
    let end = now;
    const rules = rulesFor(level.rateClass);
    for (let k = 0; k < level.count; k++) {
      const start = admit(now, rules);
      end = Math.max(end, start + latencyMs);
      if (k % 64 === 0) prune(start);
    }
    now = end;
  }
  return now;
}
