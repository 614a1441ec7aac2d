import type { FaultSpec, LoggedRequest, SimResponse } from "./types.js";

/** What the `/__sandbox/` endpoints may touch. */
export interface ControlTarget {
  getState(): unknown;
  reset(seed: unknown): void;
  configure: ((config: unknown) => void) | undefined;
  requestsSince(seq: number): readonly LoggedRequest[];
  clearRequests(): void;
  addFault(fault: FaultSpec): void;
  clearFaults(): void;
  faults(): readonly FaultSpec[];
  advanceClock(ms: number): number;
  now(): number;
}

export const CONTROL_PREFIX = "/__sandbox/";

function json(status: number, body: unknown): SimResponse {
  return { status, body };
}

function badRequest(message: string): SimResponse {
  return json(400, { error: "bad_request", message });
}

/**
 * The control API (listed on simulator/types.ts). Never faulted, rate-limited or logged, so
 * tools outside the project can drive a simulator without disturbing what they measure.
 */
export function handleControl(
  target: ControlTarget,
  method: string,
  name: string,
  query: URLSearchParams,
  body: unknown,
): SimResponse {
  const route = `${method.toUpperCase()} ${name}`;
  try {
    switch (route) {
      case "GET state":
        return json(200, target.getState());
      case "POST reset":
        target.reset(body);
        return json(200, { ok: true });
      case "GET requests": {
        const since = Number(query.get("since") ?? "0");
        if (!Number.isFinite(since)) return badRequest("since must be a sequence number");
        return json(200, target.requestsSince(since));
      }
      case "DELETE requests":
        target.clearRequests();
        return json(200, { ok: true });
      case "GET faults":
        return json(200, target.faults());
      case "POST faults": {
        const faults = Array.isArray(body) ? body : [body];
        for (const fault of faults) target.addFault(fault as FaultSpec);
        return json(200, { ok: true, active: target.faults().length });
      }
      case "DELETE faults":
        target.clearFaults();
        return json(200, { ok: true });
      case "GET clock":
        return json(200, { now: target.now() });
      case "POST clock": {
        const advanceMs = (body as { advanceMs?: unknown } | undefined)?.advanceMs;
        if (typeof advanceMs !== "number" || !Number.isFinite(advanceMs)) {
          return badRequest('body must be {"advanceMs": <number>}');
        }
        return json(200, { now: target.advanceClock(advanceMs) });
      }
      case "PUT config":
        if (!target.configure) return json(404, { error: "not_found", message: "this simulator has no config" });
        target.configure(body);
        return json(200, { ok: true });
      default:
        return json(404, { error: "not_found", message: `no control endpoint ${method} ${CONTROL_PREFIX}${name}` });
    }
  } catch (error) {
    // Validation errors from faults/config/seed are the caller's mistake: say what was wrong.
    return badRequest(error instanceof Error ? error.message : String(error));
  }
}
