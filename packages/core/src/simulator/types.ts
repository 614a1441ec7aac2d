import type { IncomingHttpHeaders } from "node:http";

/**
 * The shared machinery behind every vendor simulator (implementation: `simulator/server.ts`):
 * a real node:http server on 127.0.0.1, a router, a request log, fault injection, rate-limit
 * windows, a controllable clock, and the `/__sandbox/` control endpoints:
 *
 *   GET    /__sandbox/state            -> the vendor state as JSON
 *   POST   /__sandbox/reset            -> body: optional seed (vendor-specific JSON); resets state, log, faults
 *   GET    /__sandbox/requests         -> the request log (`?since=<seq>` for the tail)
 *   DELETE /__sandbox/requests         -> clears the log
 *   POST   /__sandbox/faults           -> body: FaultSpec or FaultSpec[]; DELETE clears them
 *   POST   /__sandbox/clock            -> body: {"advanceMs": n}; moves the simulator clock
 *   PUT    /__sandbox/config           -> body: partial vendor config (page sizes, limits)
 */
export interface SimRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  /** Parsed JSON (content-type json), a form object (urlencoded), or undefined when empty. */
  readonly body: unknown;
  readonly rawBody: string;
  /** Route parameters from the pattern (`/v2/members/:id` -> { id }), URL-decoded. */
  readonly params: Readonly<Record<string, string>>;
  /** Simulator clock (ms since epoch), moved by `/__sandbox/clock`. */
  readonly now: number;
}

export interface SimResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** Serialised as JSON unless it is a string. */
  readonly body?: unknown;
}

export type SimHandler = (request: SimRequest) => SimResponse | Promise<SimResponse>;

export interface SimRoute {
  readonly method: string;
  /** `/v2/members/:id`; a trailing `*` matches the rest. */
  readonly pattern: string;
  /** Route name used by the request log, faults and rate limits ("members.list"). */
  readonly name: string;
  readonly handler: SimHandler;
}

export interface FaultSpec {
  /** Route name, or "*" for every route (control endpoints are never faulted). */
  readonly route: string;
  readonly method?: string;
  /** How many matching requests this fault hits; omitted = until cleared. */
  readonly count?: number;
  /** Let this many matching requests through untouched first (page 2 of a listing: `skip: 1`). */
  readonly skip?: number;
  /** Probability (0..1) that a matching request is hit, drawn from the seeded RNG. */
  readonly rate?: number;
  /** Respond with this status (and body/headers) instead of handling the request. */
  readonly status?: number;
  /**
   * String values may name the request's own credentials, replaced before the answer is sent: a
   * vendor that echoes them back (the secret-leak tests). `{{header:NAME}}` is that request
   * header's value; `{{bearer}}` is the token of `Authorization: Bearer …` alone, without its label.
   */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** Delay before handling. */
  readonly latencyMs?: number;
  /** Destroy the socket without answering. `before` = request not handled, `after` = handled, then dropped. */
  readonly drop?: "before" | "after";
  /**
   * Handle the request (state changes), then spoil the answer on its way out, as a proxy would:
   * `truncate` cuts the body in half (JSON that no longer parses), `content-type` relabels it
   * `text/html`, `replace` answers this fault's status, headers and body instead of the real ones.
   * See `corruptAnswer` (simulator/faults.ts) for the whole corrupt-answer mix.
   */
  readonly corrupt?: "truncate" | "content-type" | "replace";
}

export interface RateLimitRule {
  readonly name: string;
  /** Route names this window covers; "*" = all vendor routes (a global limit). */
  readonly routes: readonly string[] | "*";
  readonly limit: number;
  readonly windowMs: number;
  /** Separate windows per client (e.g. per API key); default one window. */
  readonly key?: (request: SimRequest) => string;
  /** How the 429 states when to come back. */
  readonly retryAfter: "seconds" | "http-date" | "none";
  /** The vendor's 429 body. */
  readonly body: unknown;
}

export interface LoggedRequest {
  readonly seq: number;
  readonly time: number;
  readonly method: string;
  readonly path: string;
  /** The query string without `?` (empty when none). */
  readonly query: string;
  readonly route: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
  readonly status: number;
  /**
   * Set when a fault or rate limit answered instead of the handler; `corrupt` when the answer was
   * a corrupt success (a 2xx fault body, or a handled answer spoilt by `FaultSpec.corrupt`).
   */
  readonly injected?: "fault" | "rate-limit" | "drop" | "corrupt";
}

export interface SimulatorDefinition<State> {
  readonly name: string;
  readonly routes: readonly SimRoute[];
  /** The vendor's 404 for an unknown path. */
  readonly notFound: (request: SimRequest) => SimResponse;
  /** The vendor's 400 for a body that is not valid JSON. */
  readonly malformed: (request: SimRequest) => SimResponse;
  readonly rateLimits?: readonly RateLimitRule[];
  /** Latency added to every request (benchmarks). */
  readonly latencyMs?: number;
  readonly state: {
    get(): State;
    reset(seed?: unknown): void;
    configure?(config: unknown): void;
  };
}

export interface RunningSimulator {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  readonly requests: readonly LoggedRequest[];
  clearRequests(): void;
  addFault(fault: FaultSpec): void;
  clearFaults(): void;
  advanceClock(ms: number): void;
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}
