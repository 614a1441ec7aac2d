import { setTimeout as delay } from "node:timers/promises";
import type { HttpRequest, Pacer } from "./types.js";

export interface SlidingWindow {
  readonly name: string;
  readonly limit: number;
  readonly windowMs: number;
  readonly matches: (request: HttpRequest) => boolean;
}

export interface SlidingWindowPacer extends Pacer {
  onThrottled(request: HttpRequest, retryAfterMs: number | undefined): void;
  /** How many times a request had to wait. */
  readonly waits: number;
  /** Total time spent waiting, in ms. */
  readonly waitedMs: number;
}

export interface SlidingWindowPacerOptions {
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  /**
   * Extra wait once a window is full. The server starts its window when a request arrives, a
   * little after we sent it, so waiting exactly one window can land a request one slot early.
   */
  readonly marginMs?: number;
}

const DEFAULT_MARGIN_MS = 250;

interface WindowState {
  readonly window: SlidingWindow;
  /** Send times inside the window, oldest first. */
  readonly sent: number[];
  blockedUntil: number;
}

/**
 * Client-side pacing against sliding-window limits, e.g. Adobe UMAPI's action endpoint:
 * 10 requests/min per client and 100/min global (docs/vendors/adobe.md#action-api). A request waits until every
 * window it matches has room, so we stay under the limit instead of collecting 429s.
 * Requests that match the same windows are served in call order.
 */
export function createSlidingWindowPacer(
  windows: readonly SlidingWindow[],
  options: SlidingWindowPacerOptions = {},
): SlidingWindowPacer {
  const now = options.now ?? Date.now;
  const marginMs = options.marginMs ?? DEFAULT_MARGIN_MS;
  const sleep = options.sleep ?? ((ms: number) => delay(ms).then(() => undefined));
  const states: WindowState[] = windows.map((window) => ({ window, sent: [], blockedUntil: 0 }));
  // One FIFO queue per set of matched windows: order is kept without head-of-line blocking
  // between unrelated routes.
  const queues = new Map<string, Promise<void>>();
  let waits = 0;
  let waitedMs = 0;

  function matching(request: HttpRequest): WindowState[] {
    return states.filter((state) => state.window.matches(request));
  }

  function waitNeeded(matched: readonly WindowState[], at: number): number {
    let wait = 0;
    for (const state of matched) {
      const { limit, windowMs } = state.window;
      while (state.sent.length > 0 && state.sent[0]! <= at - windowMs) state.sent.shift();
      if (state.blockedUntil > at) wait = Math.max(wait, state.blockedUntil - at);
      if (state.sent.length >= limit) {
        const oldest = state.sent[state.sent.length - limit]!;
        wait = Math.max(wait, oldest + windowMs + marginMs - at);
      }
    }
    return wait;
  }

  async function admit(matched: readonly WindowState[]): Promise<void> {
    for (;;) {
      const at = now();
      const wait = waitNeeded(matched, at);
      if (wait <= 0) {
        for (const state of matched) state.sent.push(at);
        return;
      }
      waits++;
      waitedMs += wait;
      await sleep(wait);
    }
  }

  return {
    acquire(request: HttpRequest): Promise<void> {
      const matched = matching(request);
      if (matched.length === 0) return Promise.resolve();
      const key = matched.map((state) => state.window.name).join("\u0000");
      const previous = queues.get(key) ?? Promise.resolve();
      const turn = previous.then(() => admit(matched));
      // The queue continues even if a caller's sleep rejects.
      const tail = turn.catch(() => undefined);
      queues.set(key, tail);
      void tail.then(() => {
        if (queues.get(key) === tail) queues.delete(key);
      });
      return turn;
    },
    onThrottled(request: HttpRequest, retryAfterMs: number | undefined): void {
      const at = now();
      for (const state of matching(request)) {
        // Without Retry-After, assume the window is full for one slot's worth of time.
        const blockMs = retryAfterMs ?? Math.ceil(state.window.windowMs / Math.max(1, state.window.limit));
        state.blockedUntil = Math.max(state.blockedUntil, at + blockMs);
      }
    },
    get waits(): number {
      return waits;
    },
    get waitedMs(): number {
      return waitedMs;
    },
  };
}
