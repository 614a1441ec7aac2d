import type { FaultSpec } from "../simulator/types.js";

/** One kind of trouble a real network or vendor produces, as a simulator fault. */
export type FaultKind = "500" | "502" | "503" | "429-retry-after" | "429-bare" | "drop-before" | "drop-after" | "slow";

export const FAULT_KINDS: readonly FaultKind[] = [
  "500",
  "502",
  "503",
  "429-retry-after",
  "429-bare",
  "drop-before",
  "drop-after",
  "slow",
];

export interface FaultMixOptions {
  /** Probability that a request meets some fault (the kinds share it evenly). */
  readonly rate: number;
  /** The client's timeout; a `slow` fault answers later than this. */
  readonly clientTimeoutMs: number;
  /** Route names to fault; default every vendor route ("*"). */
  readonly route?: string;
  /** The body of the 5xx faults (a vendor echoing a secret, in the security suite). */
  readonly errorBody?: unknown;
}

/**
 * The fault suite's mix: 500/502/503, 429 with and without Retry-After, dropped connections (before
 * and after the server acted) and answers slower than the client's timeout. The simulator tries
 * faults in order and draws each from its seeded RNG, so a per-kind rate of
 * `1 - (1 - rate)^(1/kinds)` gives `rate` overall and the same sequence on every run.
 */
export function faultMix(options: FaultMixOptions): FaultSpec[] {
  const perKind = 1 - (1 - options.rate) ** (1 / FAULT_KINDS.length);
  const route = options.route ?? "*";
  const body = options.errorBody ?? { message: "injected fault" };
  const specs: Record<FaultKind, FaultSpec> = {
    "500": { route, rate: perKind, status: 500, body },
    "502": { route, rate: perKind, status: 502, body },
    "503": { route, rate: perKind, status: 503, body },
    // Seconds; the client's sleep is injected, so no real wait.
    "429-retry-after": { route, rate: perKind, status: 429, headers: { "retry-after": "2" }, body },
    "429-bare": { route, rate: perKind, status: 429, body },
    "drop-before": { route, rate: perKind, drop: "before" },
    "drop-after": { route, rate: perKind, drop: "after" },
    // Handled after the client gave up: the write lands, the answer is lost.
    slow: { route, rate: perKind, latencyMs: options.clientTimeoutMs * 2 },
  };
  return FAULT_KINDS.map((kind) => specs[kind]);
}

/** `setFaults` for applyUntilConverged: the whole mix on the simulator, or no fault at all. */
export function faultSwitch(
  sim: { clearFaults(): void; addFault(fault: FaultSpec): void },
  faults: readonly FaultSpec[],
): (on: boolean) => void {
  return (on) => {
    sim.clearFaults();
    if (on) for (const fault of faults) sim.addFault(fault);
  };
}

/** Counts of injected faults in a simulator request log. */
export function countInjected(requests: readonly { readonly injected?: string; readonly time: number }[]): {
  readonly faults: number;
  readonly drops: number;
  readonly total: number;
} {
  const faults = requests.filter((request) => request.injected === "fault").length;
  const drops = requests.filter((request) => request.injected === "drop").length;
  return { faults, drops, total: requests.length };
}
