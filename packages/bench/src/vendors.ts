import { ADOBE_RATE_LIMITS, type AdobeRateLimits } from "@roster/core";
import type { RunningSimulator } from "@roster/core/testing";
import {
  adobeSimulatorEnv,
  periscopeSimulatorEnv,
  sigmaSimulatorEnv,
  startAdobeSimulator,
  startPeriscopeSimulator,
  startSigmaSimulator,
} from "@roster/core/testing";
import { groupSizes, type OrgUser, TEAMS } from "./scenarios/org.ts";

type PeriscopeSimSeed = NonNullable<Parameters<typeof periscopeSimulatorEnv>[1]>;

export type BenchVendorId = "sigma" | "periscope" | "adobe";

export const BENCH_VENDORS: readonly BenchVendorId[] = ["sigma", "periscope", "adobe"];

/** What the harness needs from a running simulator. */
export interface BenchSimulator {
  readonly url: string;
  /** Settings that point Roster (and the baseline) at it. */
  readonly env: Readonly<Record<string, string>>;
  /** Requests the vendor received so far (control endpoints excluded; 429s included). */
  requestCount(): number;
  /** Of those, how many the simulator's rate limiter answered with 429. */
  throttledCount(): number;
  readonly sim: RunningSimulator;
  close(): Promise<void>;
}

export interface SimOptions {
  readonly latencyMs: number;
  /** Adobe only: divide every rate-limit window by this (60 = per-minute limits become per-second). */
  readonly adobeTimeScale: number;
}

/** Adobe's documented limits with every window divided by `scale`. */
export function scaledAdobeLimits(scale: number): AdobeRateLimits {
  const scaled = (w: { limit: number; windowMs: number }) => ({ limit: w.limit, windowMs: w.windowMs / scale });
  return {
    action: scaled(ADOBE_RATE_LIMITS.action),
    users: scaled(ADOBE_RATE_LIMITS.users),
    groups: scaled(ADOBE_RATE_LIMITS.groups),
    global: scaled(ADOBE_RATE_LIMITS.global),
  };
}

function wrap(sim: RunningSimulator, env: Record<string, string>): BenchSimulator {
  return {
    url: sim.url,
    env,
    requestCount: () => sim.requests.length,
    throttledCount: () => sim.requests.filter((r) => r.injected === "rate-limit").length,
    sim,
    close: () => sim.close(),
  };
}

const PERISCOPE_SITE = "bench-site";
const PERISCOPE_ADMIN = "admin@acme.test";

export async function startBenchSimulator(
  vendor: BenchVendorId,
  org: readonly OrgUser[],
  options: SimOptions,
): Promise<BenchSimulator> {
  if (vendor === "sigma") {
    const sim = await startSigmaSimulator({
      latencyMs: options.latencyMs,
      // Sigma stopped answering bare arrays without `limit` on 2026-06-02 (docs/vendors/sigma.md#simulator): paged only.
      config: { legacyArrays: false },
      seed: {
        organizationId: "bench",
        teams: [...TEAMS],
        members: org.map((u) => ({
          email: u.email,
          firstName: u.firstName,
          lastName: u.lastName,
          memberType: "viewer",
          teams: [...u.groups],
        })),
      },
    });
    return wrap(sim, sigmaSimulatorEnv(sim));
  }
  if (vendor === "periscope") {
    const seed: PeriscopeSimSeed = {
      sites: [
        {
          name: PERISCOPE_SITE,
          apiKey: "bench-key-0123456789",
          rbac: false,
          groups: [...TEAMS],
          users: [
            { email: PERISCOPE_ADMIN, first_name: "Ada", last_name: "Admin", groups: [] },
            ...org.map((u) => ({
              email: u.email,
              first_name: u.firstName,
              last_name: u.lastName,
              groups: [...u.groups],
            })),
          ],
        },
      ],
    };
    const sim = await startPeriscopeSimulator({ latencyMs: options.latencyMs, seed });
    return wrap(sim, periscopeSimulatorEnv(sim, seed));
  }
  const sim = await startAdobeSimulator({
    latencyMs: options.latencyMs,
    rateLimits: scaledAdobeLimits(options.adobeTimeScale),
    seed: {
      orgId: "BENCH0123456789@AdobeOrg",
      clientId: "bench-client",
      clientSecret: "bench-secret-0123456789",
      groups: TEAMS.map((groupName) => ({ groupName, type: "USER_GROUP" })),
      users: org.map((u) => ({
        email: u.email,
        type: "federatedID" as const,
        firstname: u.firstName,
        lastname: u.lastName,
        country: "US",
        groups: [...u.groups],
      })),
    },
  });
  return wrap(sim, adobeSimulatorEnv(sim));
}

/** The size facts the independent minimum and the floor start from (never Roster's own counts). */
export interface OrgFacts {
  /** Users the vendor lists (the org plus the vendor's own admin or API user where it has one). */
  readonly users: number;
  readonly groupSizes: ReadonlyMap<string, number>;
  /** Sigma: members holding each user attribute (the bench organisations have none). */
  readonly attributeHolders?: ReadonlyMap<string, number>;
}

export function orgFacts(vendor: BenchVendorId, org: readonly OrgUser[]): OrgFacts {
  // Sigma lists the API client's own admin member; the Periscope site has its inviting admin.
  const extra = vendor === "adobe" ? 0 : 1;
  return { users: org.length + extra, groupSizes: groupSizes(org) };
}
