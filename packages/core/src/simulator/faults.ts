import type { EncodedResponse } from "./http-io.js";
import type { FaultSpec } from "./types.js";

interface ActiveFault {
  readonly spec: FaultSpec;
  /** Hits left; undefined = until cleared. */
  remaining: number | undefined;
  /** Matching requests still to let through before the fault starts hitting. */
  skipping: number;
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
  if (fault.skip !== undefined && (typeof fault.skip !== "number" || fault.skip < 0)) {
    throw new TypeError("fault.skip must be a non-negative number");
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
  if (fault.corrupt !== undefined && !["truncate", "content-type", "replace"].includes(fault.corrupt as string)) {
    throw new TypeError('fault.corrupt must be "truncate", "content-type" or "replace"');
  }
  return fault as unknown as FaultSpec;
}

/** Faults are tried in the order they were added; the first that matches and hits applies. */
export function createFaultBook(random: () => number): FaultBook {
  let faults: ActiveFault[] = [];
  return {
    add(fault: FaultSpec): void {
      faults.push({ spec: validateFault(fault), remaining: fault.count, skipping: fault.skip ?? 0 });
    },
    clear(): void {
      faults = [];
    },
    take(route: string, method: string): FaultSpec | undefined {
      for (const fault of faults) {
        const { spec } = fault;
        if (spec.route !== "*" && spec.route !== route) continue;
        if (spec.method !== undefined && spec.method.toUpperCase() !== method.toUpperCase()) continue;
        if (fault.skipping > 0) {
          fault.skipping--;
          continue;
        }
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

/** A handled answer spoilt on its way out (`FaultSpec.corrupt`; `replace` is encoded by the server). */
export function spoilAnswer(encoded: EncodedResponse, how: "truncate" | "content-type"): EncodedResponse {
  if (how === "content-type") return { ...encoded, headers: { ...encoded.headers, "content-type": "text/html" } };
  const payload = encoded.payload.slice(0, Math.floor(encoded.payload.length / 2));
  return { ...encoded, payload, headers: { ...encoded.headers, "content-length": String(Buffer.byteLength(payload)) } };
}

/**
 * The corrupt answers a proxy or a broken gateway produces with a success status (the corrupt-answer mix of reliability/faults.test.ts): an
 * HTML error page or an empty body (answered instead of the vendor, which never acts), and `{}`, a
 * JSON body of the wrong shape, JSON cut short or JSON labelled as HTML (the vendor acted; its
 * answer was replaced or spoilt on the way back).
 */
export type CorruptKind =
  | "html-200"
  | "empty-200"
  | "empty-object"
  | "wrong-shape"
  | "truncated-json"
  | "wrong-content-type";

export const CORRUPT_KINDS: readonly CorruptKind[] = [
  "html-200",
  "empty-200",
  "empty-object",
  "wrong-shape",
  "truncated-json",
  "wrong-content-type",
];

const HTML_PAGE =
  "<!DOCTYPE html><html><head><title>Service Unavailable</title></head><body><h1>Please try again later</h1></body></html>";

/**
 * A wrong shape for every vendor at once: the list keys each vendor reads, each holding a value of
 * the wrong type, and no status or cursor field.
 */
const WRONG_SHAPE = { entries: { count: 3 }, users: 7, groups: "none", roles: null, data: false, result: 0 };

/** One corrupt answer as a fault (`route`, `method`, `rate` and `count` as for any fault). */
export function corruptAnswer(
  kind: CorruptKind,
  match: Pick<FaultSpec, "route" | "method" | "rate" | "count" | "skip">,
): FaultSpec {
  switch (kind) {
    case "html-200":
      return { ...match, status: 200, headers: { "content-type": "text/html; charset=utf-8" }, body: HTML_PAGE };
    case "empty-200":
      return { ...match, status: 200, headers: { "content-type": "application/json" }, body: "" };
    // The vendor acted and its answer was replaced: for a write whose real answer is `{}` (Sigma's
    // team PATCH), `{}` or any JSON object instead is indistinguishable from success, and true.
    case "empty-object":
      return { ...match, corrupt: "replace", status: 200, body: {} };
    case "wrong-shape":
      return { ...match, corrupt: "replace", status: 200, body: WRONG_SHAPE };
    case "truncated-json":
      return { ...match, corrupt: "truncate" };
    case "wrong-content-type":
      return { ...match, corrupt: "content-type" };
  }
}
