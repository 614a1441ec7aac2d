/**
 * A clock that only moves when someone sleeps on it. Shared by a simulator and a client in tests,
 * it makes rate-limit windows and Retry-After waits instant and deterministic.
 */
export interface VirtualClock {
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  /** Total virtual time slept. */
  readonly elapsed: () => number;
}

export function createVirtualClock(start = Date.UTC(2026, 0, 1)): VirtualClock {
  let offset = 0;
  return {
    now: () => start + offset,
    sleep: async (ms) => {
      offset += Math.max(0, ms);
      // Yield so other requests can run, as a real timer would.
      await new Promise<void>((resolve) => setImmediate(resolve));
    },
    elapsed: () => offset,
  };
}
