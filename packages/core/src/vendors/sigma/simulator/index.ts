import { type StartedSimulator, startSimulator } from "../../../simulator/index.js";
import type { RateLimitRule, SimulatorDefinition } from "../../../simulator/types.js";
import { mergeSigmaSimConfig, type SigmaSimConfig } from "./config.js";
import { sigmaDemoSeed } from "./demo-org.js";
import { sigmaError } from "./responses.js";
import { attributeRoutes } from "./routes-attributes.js";
import { authRoutes } from "./routes-auth.js";
import { memberRoutes } from "./routes-members.js";
import { teamAttributeRoutes } from "./routes-team-attributes.js";
import { teamRoutes } from "./routes-teams.js";
import type { SigmaSeed } from "./seed.js";
import { type SigmaSimSnapshot, SigmaSimStore } from "./state.js";

export type { SigmaSimConfig } from "./config.js";
export { defaultSigmaSimConfig } from "./config.js";
export { sigmaDemoSeed } from "./demo-org.js";
export type { SigmaSeed, SigmaSeedAttribute, SigmaSeedMember, SigmaSeedTeam } from "./seed.js";
export { SIGMA_DEMO_CLIENT_ID, SIGMA_DEMO_CLIENT_SECRET } from "./seed.js";
export type { SigmaSimSnapshot } from "./state.js";

/** Sigma documents no 429 body; the simulator answers with its usual envelope (docs/vendors/sigma.md#simulator). */
const RATE_LIMIT_BODY = { message: "Too many requests", code: "too_many_requests", requestId: "rate-limited" };

export interface SigmaSimulatorOptions {
  /** The organisation to start with; default `sigmaDemoSeed`. `{}` is an org with only the API client. */
  readonly seed?: SigmaSeed;
  /** Default 0: any free port on 127.0.0.1. */
  readonly port?: number;
  /** Latency added to every request (benchmarks). */
  readonly latencyMs?: number;
  readonly config?: Partial<SigmaSimConfig>;
  /** A global budget over every vendor route: 429 when exceeded, with or without `Retry-After`. */
  readonly rateLimit?: {
    readonly limit: number;
    readonly windowMs: number;
    readonly retryAfter?: RateLimitRule["retryAfter"];
  };
  /** Sigma's documented 1 request/second on the token endpoint (docs/vendors/sigma.md#errors-and-rate-limits [S]). */
  readonly tokenRateLimit?: boolean;
  /** Seed of the RNG that draws fault rates (default 1): the same seed replays the same faults. */
  readonly faultSeed?: number;
}

export interface RunningSigmaSimulator extends StartedSimulator<SigmaSimSnapshot> {
  /** The live state, for assertions. */
  readonly store: SigmaSimStore;
  snapshot(): SigmaSimSnapshot;
  readonly clientId: string;
  readonly clientSecret: string;
}

/** A faithful local Sigma REST API v2 (docs/vendors/sigma.md#simulator) on 127.0.0.1, with the kit's control endpoints. */
export async function startSigmaSimulator(options: SigmaSimulatorOptions = {}): Promise<RunningSigmaSimulator> {
  const initialSeed = options.seed ?? sigmaDemoSeed;
  const store = new SigmaSimStore(initialSeed);
  store.config = mergeSigmaSimConfig(store.config, options.config ?? {});
  const rateLimits: RateLimitRule[] = [];
  if (options.tokenRateLimit === true) {
    rateLimits.push({
      name: "token",
      routes: ["auth.token"],
      limit: 1,
      windowMs: 1000,
      retryAfter: "seconds",
      body: RATE_LIMIT_BODY,
    });
  }
  if (options.rateLimit) {
    rateLimits.push({
      name: "global",
      routes: "*",
      limit: options.rateLimit.limit,
      windowMs: options.rateLimit.windowMs,
      retryAfter: options.rateLimit.retryAfter ?? "none",
      body: RATE_LIMIT_BODY,
    });
  }
  const definition: SimulatorDefinition<SigmaSimSnapshot> = {
    name: "sigma",
    routes: [
      ...authRoutes(store),
      ...memberRoutes(store),
      ...teamRoutes(store),
      ...attributeRoutes(store),
      ...teamAttributeRoutes(store),
    ],
    notFound: () => sigmaError(store, 404, "not_found", "Not found"),
    malformed: () => sigmaError(store, 400, "bad_request", "Malformed JSON in request body"),
    rateLimits,
    ...(options.latencyMs === undefined ? {} : { latencyMs: options.latencyMs }),
    state: {
      get: () => store.snapshot(),
      reset: (seed) => store.reset(seed ?? initialSeed),
      configure: (config) => {
        store.config = mergeSigmaSimConfig(store.config, config);
      },
    },
  };
  const running = await startSimulator(definition, {
    port: options.port ?? 0,
    ...(options.faultSeed !== undefined && { seed: options.faultSeed }),
  });
  // Extend the kit's object in place: its `requests` is live, a spread copy would freeze it.
  Object.defineProperties(running, {
    store: { value: store, enumerable: true },
    snapshot: { value: () => store.snapshot(), enumerable: true },
    clientId: { get: () => store.clientId, enumerable: true },
    clientSecret: { get: () => store.clientSecret, enumerable: true },
  });
  return running as unknown as RunningSigmaSimulator;
}
