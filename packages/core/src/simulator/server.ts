import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { CONTROL_PREFIX, type ControlTarget, handleControl } from "./control.js";
import { createFaultBook, spoilAnswer } from "./faults.js";
import {
  encodeResponse,
  lowerCaseHeaders,
  parseBody,
  readRawBody,
  sleep,
  writeEncoded,
  writeResponse,
} from "./http-io.js";
import { createPrng } from "./prng.js";
import { createRateLimiter } from "./rate-limiter.js";
import { createRouter } from "./router.js";
import type {
  FaultSpec,
  LoggedRequest,
  RunningSimulator,
  SimRequest,
  SimResponse,
  SimulatorDefinition,
} from "./types.js";

export interface SimulatorOptions {
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** Default 127.0.0.1: simulators never listen on other interfaces unless asked. */
  readonly host?: string;
  /** Seed for the fault-rate RNG. */
  readonly seed?: number;
  /** Base clock; the simulator clock is this plus whatever `advanceClock` added. */
  readonly now?: () => number;
}

export interface StartedSimulator<State> extends RunningSimulator {
  /** The vendor state as the definition exposes it (live object, not a copy). */
  readonly state: State;
  /** The simulator clock in ms since epoch. */
  now(): number;
  /** Resets state (with an optional seed), the request log, faults and rate-limit windows. */
  reset(seed?: unknown): void;
  readonly faults: readonly FaultSpec[];
}

/** Route name recorded for requests no route matched. */
export const NOT_FOUND_ROUTE = "(not-found)";

// Bounded so a long `roster sandbox` session or benchmark cannot grow without limit.
const MAX_LOGGED_REQUESTS = 100_000;

export async function startSimulator<State>(
  definition: SimulatorDefinition<State>,
  options: SimulatorOptions = {},
): Promise<StartedSimulator<State>> {
  const router = createRouter(definition.routes);
  const faultSeed = options.seed ?? 1;
  // Re-seeded on reset, so a reset simulator replays the same fault sequence.
  let random = createPrng(faultSeed);
  const faults = createFaultBook(() => random());
  const limiter = createRateLimiter(definition.rateLimits ?? []);
  const baseNow = options.now ?? Date.now;
  let clockOffset = 0;
  let log: LoggedRequest[] = [];
  let seq = 0;
  const now = (): number => baseNow() + clockOffset;

  const control: ControlTarget = {
    getState: () => definition.state.get(),
    reset: (seed) => {
      definition.state.reset(seed);
      random = createPrng(faultSeed);
      log = [];
      faults.clear();
      limiter.reset();
    },
    configure: definition.state.configure ? (config) => definition.state.configure?.(config) : undefined,
    requestsSince: (since) => log.filter((entry) => entry.seq > since),
    clearRequests: () => {
      log = [];
    },
    addFault: (fault) => faults.add(fault),
    clearFaults: () => faults.clear(),
    faults: () => faults.active,
    advanceClock: (ms) => {
      clockOffset += ms;
      return now();
    },
    now,
  };

  function record(entry: Omit<LoggedRequest, "seq">): void {
    seq++;
    log.push({ seq, ...entry });
    if (log.length > MAX_LOGGED_REQUESTS) log.splice(0, log.length - MAX_LOGGED_REQUESTS);
  }

  async function answer(
    simRequest: SimRequest,
    routeName: string,
    malformed: boolean,
    handler: () => SimResponse | Promise<SimResponse>,
  ): Promise<SimResponse> {
    if (malformed) return definition.malformed(simRequest);
    try {
      return await handler();
    } catch (error) {
      // A bug in a vendor simulator: make it loud in the response instead of hanging the client.
      const message = error instanceof Error ? error.message : String(error);
      return { status: 500, body: { error: "simulator_error", route: routeName, message } };
    }
  }

  async function handle(incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
    // The definition's latency is the vendor's response time: the answer leaves `latencyMs` after
    // the request arrived, and the simulator's own work (handling, serialising a 2,000-user page)
    // happens inside it, as a real server's does. A benchmark's floor counts exactly `latencyMs`
    // per request, so the simulator's CPU must not be added on top of it.
    const arrived = performance.now();
    const rawBody = await readRawBody(incoming);
    const method = (incoming.method ?? "GET").toUpperCase();
    const url = new URL(incoming.url ?? "/", "http://simulator.invalid");
    const parsed = parseBody(rawBody, incoming.headers["content-type"]);

    if (url.pathname.startsWith(CONTROL_PREFIX)) {
      const name = url.pathname.slice(CONTROL_PREFIX.length).replace(/\/+$/, "");
      writeResponse(
        outgoing,
        handleControl(control, method, name, url.searchParams, parsed.ok ? parsed.body : rawBody),
      );
      return;
    }

    const match = router.match(method, url.pathname);
    const routeName = match?.route.name ?? NOT_FOUND_ROUTE;
    const simRequest: SimRequest = {
      method,
      path: url.pathname,
      query: url.searchParams,
      headers: incoming.headers,
      body: parsed.ok ? parsed.body : undefined,
      rawBody,
      params: match?.params ?? {},
      now: now(),
    };
    const base = {
      time: simRequest.now,
      method,
      path: url.pathname,
      query: url.search.replace(/^\?/, ""),
      route: routeName,
      headers: lowerCaseHeaders(incoming.headers),
      body: parsed.ok ? parsed.body : rawBody,
    };

    const fault = match ? faults.take(routeName, method) : undefined;
    // A fault's extra latency delays the handling itself (a slow server that has not acted yet);
    // the definition's latency is waited out after the work, until the answer is due.
    const faultLatency = fault?.latencyMs ?? 0;
    const due = arrived + (definition.latencyMs ?? 0) + faultLatency;
    await sleep(faultLatency);
    const untilDue = () => sleep(due - performance.now());

    if (fault?.drop === "before") {
      await untilDue();
      record({ ...base, status: 0, injected: "drop" });
      incoming.socket.destroy();
      return;
    }
    if (fault?.status !== undefined && fault.corrupt !== "replace") {
      const response: SimResponse = {
        status: fault.status,
        ...(fault.headers !== undefined && { headers: fault.headers }),
        ...(fault.body !== undefined && { body: echoRequest(fault.body, simRequest) }),
      };
      await untilDue();
      const corrupt = response.status >= 200 && response.status < 300;
      record({ ...base, status: response.status, injected: corrupt ? "corrupt" : "fault" });
      writeResponse(outgoing, response);
      return;
    }
    if (match) {
      const throttled = limiter.check(routeName, simRequest);
      if (throttled) {
        await untilDue();
        record({ ...base, status: throttled.status, injected: "rate-limit" });
        writeResponse(outgoing, throttled);
        return;
      }
    }

    const response = await answer(simRequest, routeName, match !== undefined && !parsed.ok, () =>
      match ? match.route.handler(simRequest) : definition.notFound(simRequest),
    );
    // `replace` swaps a success only: a gateway that turned the vendor's refusal into `{}` would
    // be a lie no client could see through.
    const replaced = fault?.corrupt === "replace" && response.status >= 200 && response.status < 300;
    const spoilt = replaced || (fault?.corrupt !== undefined && fault.corrupt !== "replace");
    const encoded = replaced
      ? encodeResponse({
          status: fault.status ?? 200,
          ...(fault.headers !== undefined && { headers: fault.headers }),
          ...(fault.body !== undefined && { body: fault.body }),
        })
      : fault?.corrupt !== undefined && fault.corrupt !== "replace"
        ? spoilAnswer(encodeResponse(response), fault.corrupt)
        : encodeResponse(response);
    await untilDue();
    if (fault?.drop === "after") {
      // The handler ran and changed state; the client never hears about it (an ambiguous write).
      record({ ...base, status: response.status, injected: "drop" });
      incoming.socket.destroy();
      return;
    }
    record({ ...base, status: response.status, ...(spoilt && { injected: "corrupt" as const }) });
    writeEncoded(outgoing, encoded);
  }

  const server = createServer((incoming, outgoing) => {
    handle(incoming, outgoing).catch((error: unknown) => {
      if (!outgoing.headersSent && !outgoing.destroyed) {
        writeResponse(outgoing, { status: 500, body: { error: "simulator_error", message: String(error) } });
      } else {
        outgoing.destroy();
      }
    });
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;

  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      // Idle keep-alive sockets would otherwise hold close() open for seconds.
      server.closeAllConnections();
    });
    return closing;
  };

  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    port,
    get state(): State {
      return definition.state.get();
    },
    get requests(): readonly LoggedRequest[] {
      return log;
    },
    get faults(): readonly FaultSpec[] {
      return faults.active;
    },
    now,
    reset: (seed?: unknown) => control.reset(seed),
    clearRequests: control.clearRequests,
    addFault: (fault: FaultSpec) => faults.add(fault),
    clearFaults: () => faults.clear(),
    advanceClock: (ms: number) => {
      control.advanceClock(ms);
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}

/** Fills a fault body's `{{header:NAME}}` and `{{bearer}}` with the request's own values (FaultSpec.body). */
function echoRequest(value: unknown, request: SimRequest): unknown {
  if (typeof value === "string") {
    const header = (name: string): string => {
      const raw = request.headers[name.toLowerCase()];
      return Array.isArray(raw) ? raw.join(", ") : (raw ?? "");
    };
    return value
      .replace(/\{\{header:([^}]+)\}\}/g, (_match, name: string) => header(name))
      .replace(/\{\{bearer\}\}/g, () => header("authorization").replace(/^Bearer\s+/i, ""));
  }
  if (Array.isArray(value)) return value.map((item) => echoRequest(item, request));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, echoRequest(item, request)]));
  }
  return value;
}
