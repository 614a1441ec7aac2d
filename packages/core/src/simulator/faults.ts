import type { FaultSpec } from "./types.js";

interface ActiveFault {
  readonly spec: FaultSpec;
  /** Hits left; undefined = until cleared. */
  remaining: number | undefined;
}

export interface FaultBook {
  add(fault: FaultSpec): void;
  clear(): void;
  /** The fault that hits this request (consuming one of its `count`), if any. */
  take(route: string, method: string): FaultSpec | undefined;
  readonly active: readonly FaultSpec[];
}

/** Throws a TypeError naming the problem when a fault posted to /__sandbox/faults is malformed. */
export function validateFault(value: unknown): FaultSpec {
  if (value === null || typeof value !== "object" || Array.isArray(value))
    throw new TypeError("a fault must be an object");
  const fault = value as Record<string, unknown>;
  if (typeof fault.route !== "string" || fault.route === "")
    throw new TypeError('fault.route must be a route name or "*"');
  if (fault.count !== undefined && (typeof fault.count !== "number" || fault.count < 1)) {
    throw new TypeError("fault.count must be a positive number");
  }
  if (fault.rate !== undefined && (typeof fault.rate !== "number" || fault.rate < 0 || fault.rate > 1)) {
    throw new TypeError("fault.rate must be between 0 and 1");
  }
  if (fault.status !== undefined && (typeof fault.status !== "number" || fault.status < 100 || fault.status > 599)) {
    throw new TypeError("fault.status must be an HTTP status");
  }
  if (fault.drop !== undefined && fault.drop !== "before" && fault.drop !== "after") {
    throw new TypeError('fault.drop must be "before" or "after"');
  }
  if (fault.latencyMs !== undefined && (typeof fault.latencyMs !== "number" || fault.latencyMs < 0)) {
    throw new TypeError("fault.latencyMs must be a non-negative number");
  }
  return fault as unknown as FaultSpec;
}

/** Faults are tried in the order they were added; the first that matches and hits applies. */
export function createFaultBook(random: () => number): FaultBook {
  let faults: ActiveFault[] = [];
  return {
    add(fault: FaultSpec): void {
      faults.push({ spec: validateFault(fault), remaining: fault.count });
    },
    clear(): void {
      faults = [];
    },
    take(route: string, method: string): FaultSpec | undefined {
      for (const fault of faults) {
        const { spec } = fault;
        if (spec.route !== "*" && spec.route !== route) continue;
        if (spec.method !== undefined && spec.method.toUpperCase() !== method.toUpperCase()) continue;
        if (spec.rate !== undefined && random() >= spec.rate) continue;
        if (fault.remaining !== undefined) {
          fault.remaining--;
          if (fault.remaining <= 0) faults = faults.filter((other) => other !== fault);
        }
        return spec;
      }
      return undefined;
    },
    get active(): readonly FaultSpec[] {
      return faults.map((fault) => fault.spec);
    },
  };
}
