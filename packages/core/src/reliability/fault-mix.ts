import { CORRUPT_KINDS, type CorruptKind, corruptAnswer } from "../simulator/faults.js";
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

/**
 * The corrupt-answer mix (simulator/faults.ts `corruptAnswer`): HTML with 200, an empty body, `{}`,
 * a wrong shape, JSON cut short and JSON labelled as HTML, on every route of a vendor (`route`,
 * default "*", token exchanges included). Reads (GET) meet it at `readRate`, writes at `writeRate`,
 * the kinds sharing each rate the way `faultMix` shares its own: a run reads a dozen answers and
 * writes hundreds, and both sides must meet corruption in one suite.
 */
export function corruptMix(options: {
  readonly readRate: number;
  readonly writeRate: number;
  readonly route?: string;
}): FaultSpec[] {
  const route = options.route ?? "*";
  const perKind = (rate: number) => 1 - (1 - rate) ** (1 / CORRUPT_KINDS.length);
  const methods: readonly [string, number][] = [
    ["GET", options.readRate],
    ...["POST", "PUT", "PATCH", "DELETE"].map((method): [string, number] => [method, options.writeRate]),
  ];
  return methods.flatMap(([method, rate]) =>
    CORRUPT_KINDS.map((kind) => corruptAnswer(kind, { route, method, rate: perKind(rate) })),
  );
}

/** Corrupt answers a simulator served: to reads (GET), to token exchanges, and to writes. */
export function countCorrupt(
  requests: readonly { readonly injected?: string; readonly method: string; readonly route: string }[],
): { readonly reads: number; readonly tokens: number; readonly writes: number } {
  const corrupt = requests.filter((request) => request.injected === "corrupt");
  const reads = corrupt.filter((request) => request.method === "GET").length;
  const tokens = corrupt.filter((request) => request.method !== "GET" && request.route.endsWith("token")).length;
  return { reads, tokens, writes: corrupt.length - reads - tokens };
}

/** A corrupt read planted in one run of `corruptSchedule`, and whether the simulator served it. */
export interface PlantedRead {
  readonly route: string;
  readonly kind: CorruptKind;
  served: boolean;
}

/**
 * `setFaults` for applyUntilConverged under the corrupt-answer mix, plus, in each of the first runs,
 * one corrupt answer planted on a read route, rotating through `readRoutes` and every kind, so each
 * read route and each kind is met whatever the random draws: a random mix alone may leave reads,
 * a dozen per run against hundreds of writes, untouched. `planted[i]` belongs to run i + 1.
 */
export function corruptSchedule(
  sim: {
    clearFaults(): void;
    addFault(fault: FaultSpec): void;
    readonly requests: readonly { readonly route: string; readonly injected?: string }[];
  },
  mix: readonly FaultSpec[],
  readRoutes: readonly string[],
): { readonly setFaults: (on: boolean) => void; readonly planted: readonly PlantedRead[] } {
  const rotations = Math.max(readRoutes.length, CORRUPT_KINDS.length);
  const planted: PlantedRead[] = [];
  let open: { readonly start: number; readonly plant?: PlantedRead } | undefined;
  return {
    planted,
    setFaults(on) {
      if (open?.plant !== undefined) {
        const { plant, start } = open;
        plant.served = sim.requests.slice(start).some((r) => r.route === plant.route && r.injected === "corrupt");
      }
      open = undefined;
      sim.clearFaults();
      if (!on) return;
      const run = planted.length;
      const route = readRoutes[run % readRoutes.length];
      const kind = CORRUPT_KINDS[run % CORRUPT_KINDS.length];
      let plant: PlantedRead | undefined;
      if (planted.length < rotations && route !== undefined && kind !== undefined) {
        plant = { route, kind, served: false };
        planted.push(plant);
        sim.addFault(corruptAnswer(kind, { route, method: "GET", count: 1 }));
      }
      open = { start: sim.requests.length, ...(plant !== undefined && { plant }) };
      for (const fault of mix) sim.addFault(fault);
    },
  };
}
