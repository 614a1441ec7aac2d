import {
  type RateLimitRule,
  type SimRequest,
  type SimulatorDefinition,
  type StartedSimulator,
  startSimulator,
} from "../../../simulator/index.js";
import { periscopeDemoSeed } from "./demo.js";
import { rbacRoutes } from "./rbac-routes.js";
import { fail } from "./sim-common.js";
import {
  createPeriscopeStore,
  type PeriscopeSimConfig,
  type PeriscopeSimSeed,
  type PeriscopeSimState,
} from "./state.js";
import { v1Routes } from "./v1-routes.js";

export { periscopeDemoAdmin, periscopeDemoKeys, periscopeDemoSeed } from "./demo.js";
export {
  defaultPeriscopeSimConfig,
  type PeriscopeSimConfig,
  type PeriscopeSimSeed,
  type PeriscopeSimState,
  type PeriscopeSiteSeed,
  type SimGroup,
  type SimRole,
  type SimSite,
  type SimUser,
  type TestModeEntry,
} from "./state.js";

export interface PeriscopeSimulatorOptions {
  readonly port?: number;
  readonly seed?: PeriscopeSimSeed;
  readonly config?: Partial<PeriscopeSimConfig>;
  /** No limit is published (docs/vendors/periscope.md#rate-limits); set one to exercise 429 + Retry-After. */
  readonly rateLimit?: { readonly limit: number; readonly windowMs: number };
  readonly latencyMs?: number;
  readonly now?: () => number;
  /** Seed of the RNG that draws fault rates (default 1): the same seed replays the same faults. */
  readonly faultSeed?: number;
}

export type PeriscopeSimulator = StartedSimulator<PeriscopeSimState>;

function partnerKey(request: SimRequest): string {
  const value = request.headers["http-x-partner-auth"];
  return (Array.isArray(value) ? value[0] : value) ?? "";
}

export function periscopeSimulatorDefinition(
  options: PeriscopeSimulatorOptions = {},
): SimulatorDefinition<PeriscopeSimState> {
  const store = createPeriscopeStore(options.seed ?? periscopeDemoSeed, options.config);
  const rateLimits: RateLimitRule[] =
    options.rateLimit === undefined
      ? []
      : [
          {
            name: "per-site",
            routes: "*",
            limit: options.rateLimit.limit,
            windowMs: options.rateLimit.windowMs,
            // One budget per site key, like a per-API-key limit.
            key: partnerKey,
            retryAfter: "seconds",
            body: { error: "rate_limited", message: "Too many requests" },
          },
        ];
  return {
    name: "periscope",
    routes: [...v1Routes(store), ...rbacRoutes(store)],
    notFound: (request) => fail(404, "not_found", `No route for ${request.method} ${request.path}`),
    malformed: () => fail(400, "bad_request", "Malformed JSON body"),
    rateLimits,
    ...(options.latencyMs !== undefined && { latencyMs: options.latencyMs }),
    state: store,
  };
}

/** A Periscope fake serving both API families, seeded with the demo sites unless told otherwise. */
export function startPeriscopeSimulator(options: PeriscopeSimulatorOptions = {}): Promise<PeriscopeSimulator> {
  return startSimulator(periscopeSimulatorDefinition(options), {
    ...(options.port !== undefined && { port: options.port }),
    ...(options.now !== undefined && { now: options.now }),
    ...(options.faultSeed !== undefined && { seed: options.faultSeed }),
  });
}

/**
 * The PERISCOPE_* settings that point Roster at a running simulator, every seeded site at once:
 * sites and keys as comma-separated lists in the same order, API family per site, and as the
 * inviting admin each site's first seeded user.
 */
export function periscopeSimulatorEnv(
  sim: { readonly url: string },
  seed: PeriscopeSimSeed = periscopeDemoSeed,
): Record<string, string> {
  const admins = seed.sites.map((site) => site.users[0]?.email ?? "");
  const sameAdmin = admins.every((admin) => admin === admins[0]);
  return {
    PERISCOPE_SITE: seed.sites.map((site) => site.name).join(","),
    PERISCOPE_API_KEY: seed.sites.map((site) => site.apiKey).join(","),
    PERISCOPE_BASE_URL: sim.url,
    PERISCOPE_API: seed.sites.map((site) => (site.rbac ? "v2" : "v1")).join(","),
    PERISCOPE_INVITED_BY: sameAdmin ? (admins[0] ?? "") : admins.join(","),
  };
}
