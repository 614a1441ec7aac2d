import type { RateLimitRule, RunningSimulator, SimulatorDefinition } from "../../../simulator/index.js";
import { startSimulator } from "../../../simulator/index.js";
import type { AdobeRateLimits, RateClass } from "../rate-limits.js";
import { ADOBE_RATE_LIMITS, formatRateLimits } from "../rate-limits.js";
import { adobeDemoSeed } from "./demo-org.js";
import { adobeRoutes, UMAPI_PREFIX } from "./routes.js";
import { parseAdobeSeed } from "./seed.js";
import type { AdobeSeed, AdobeSimConfig, AdobeSimSnapshot } from "./state.js";
import { createStore, DEFAULT_SIM_CONFIG, seedStore, snapshot } from "./state.js";
import { isObject } from "./step-errors.js";

export type { AdobeSeed, AdobeSimConfig, AdobeSimSnapshot, SeedGroup, SeedUser, SimGroup, SimUser } from "./state.js";
export { adobeDemoSeed, DEFAULT_SIM_CONFIG, parseAdobeSeed, UMAPI_PREFIX };

export interface AdobeSimulatorOptions {
  readonly port?: number;
  /** Defaults to the demo organisation. */
  readonly seed?: AdobeSeed;
  readonly config?: Partial<AdobeSimConfig>;
  /** Throttling windows (default: Adobe's documented limits); `false` turns throttling off. */
  readonly rateLimits?: AdobeRateLimits | false;
  /** How a 429 says when to come back (Adobe: delta-seconds). */
  readonly retryAfter?: "seconds" | "http-date";
  readonly latencyMs?: number;
  /** Base clock (tests share a virtual clock with the client so pacing needs no real waiting). */
  readonly now?: () => number;
  /** Seed of the RNG that draws fault rates (default 1): the same seed replays the same faults. */
  readonly faultSeed?: number;
}

export interface AdobeSimulator extends RunningSimulator {
  readonly seed: AdobeSeed;
  readonly rateLimits: AdobeRateLimits | false;
  /** The org as it is now (users, groups with member counts, config). */
  state(): AdobeSimSnapshot;
}

/** Route names each throttle class covers; the global window covers every UMAPI route, not IMS. */
const RATE_ROUTES: Readonly<Record<RateClass, readonly string[]>> = {
  action: ["action"],
  users: ["users.list", "users.get"],
  groups: ["groups.list"],
  global: ["action", "users.list", "users.get", "groups.list"],
};

/** 429 with Retry-After and Adobe's body (docs/vendors/adobe.md#action-api); per client key (X-Api-Key) except global. */
export function adobeRateLimitRules(
  limits: AdobeRateLimits,
  retryAfter: "seconds" | "http-date" = "seconds",
): RateLimitRule[] {
  return (Object.keys(RATE_ROUTES) as RateClass[]).map((name) => ({
    name,
    routes: RATE_ROUTES[name],
    limit: limits[name].limit,
    windowMs: limits[name].windowMs,
    ...(name === "global"
      ? {}
      : {
          key: (request) => {
            const key = request.headers["x-api-key"];
            return (Array.isArray(key) ? key[0] : key) ?? "";
          },
        }),
    retryAfter,
    body: { error_code: "429050", message: "Too many requests" },
  }));
}

function pickConfig(config: unknown): Partial<AdobeSimConfig> {
  if (!isObject(config)) return {};
  const picked: Record<string, unknown> = {};
  for (const [key, fallback] of Object.entries(DEFAULT_SIM_CONFIG)) {
    if (typeof config[key] === typeof fallback) picked[key] = config[key];
  }
  return picked as Partial<AdobeSimConfig>;
}

/** Starts the UMAPI + IMS simulator on 127.0.0.1 (port 0 = any free port). */
export async function startAdobeSimulator(options: AdobeSimulatorOptions = {}): Promise<AdobeSimulator> {
  const seed = options.seed === undefined ? adobeDemoSeed : parseAdobeSeed(options.seed);
  const store = createStore(seed, options.config);
  const rateLimits = options.rateLimits ?? ADOBE_RATE_LIMITS;
  const definition: SimulatorDefinition<AdobeSimSnapshot> = {
    name: "adobe",
    routes: adobeRoutes(store),
    notFound: (request) => ({
      status: 404,
      body: { result: "error.api.not_available", message: `No such API: ${request.path}` },
    }),
    malformed: () => ({
      status: 400,
      body: { result: "error.command.malformed", message: "The JSON in the request body has a syntax error." },
    }),
    ...(rateLimits === false ? {} : { rateLimits: adobeRateLimitRules(rateLimits, options.retryAfter) }),
    ...(options.latencyMs !== undefined ? { latencyMs: options.latencyMs } : {}),
    state: {
      get: () => snapshot(store),
      reset: (next?: unknown) => seedStore(store, next === undefined || next === null ? seed : parseAdobeSeed(next)),
      configure: (config: unknown) => Object.assign(store.config, pickConfig(config)),
    },
  };
  const running = await startSimulator(definition, {
    port: options.port ?? 0,
    ...(options.now !== undefined ? { now: options.now } : {}),
    ...(options.faultSeed !== undefined ? { seed: options.faultSeed } : {}),
  });
  return {
    get url() {
      return running.url;
    },
    get port() {
      return running.port;
    },
    get requests() {
      return running.requests;
    },
    clearRequests: () => running.clearRequests(),
    addFault: (fault) => running.addFault(fault),
    clearFaults: () => running.clearFaults(),
    advanceClock: (ms) => running.advanceClock(ms),
    close: () => running.close(),
    [Symbol.asyncDispose]: () => running.close(),
    seed,
    rateLimits,
    state: () => snapshot(store),
  };
}

/** The environment that points Roster at this simulator (`roster sandbox` prints it). */
export function adobeSimulatorEnv(sim: Pick<AdobeSimulator, "url" | "seed" | "rateLimits">): Record<string, string> {
  return {
    ADOBE_ORG_ID: sim.seed.orgId,
    ADOBE_CLIENT_ID: sim.seed.clientId,
    ADOBE_CLIENT_SECRET: sim.seed.clientSecret,
    ADOBE_UMAPI_URL: `${sim.url}${UMAPI_PREFIX}`,
    ADOBE_IMS_URL: sim.url,
    // The demo's federated users need a country when created from a file without that column.
    ADOBE_DEFAULT_COUNTRY: "US",
    ...(sim.rateLimits === false ? {} : { ADOBE_RATE_LIMITS: formatRateLimits(sim.rateLimits) }),
  };
}
