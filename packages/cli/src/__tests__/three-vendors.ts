import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  adobeSimulatorEnv,
  periscopeDemoSeed,
  periscopeSimulatorEnv,
  sigmaDemoSeed,
  sigmaSimulatorEnv,
  startAdobeSimulator,
  startPeriscopeSimulator,
  startSigmaSimulator,
} from "@roster/core/testing";

export const COMPANY_EXAMPLE = new URL("../../../../examples/company/", import.meta.url);

/** The three demo simulators (what `roster sandbox --vendor all` runs) and a copy of examples/company. */
export async function startThreeVendors() {
  const sigma = await startSigmaSimulator({ seed: sigmaDemoSeed });
  const periscope = await startPeriscopeSimulator({ seed: periscopeDemoSeed });
  const adobe = await startAdobeSimulator({ rateLimits: false });
  const dir = await mkdtemp(join(tmpdir(), "roster-company-"));
  await cp(COMPANY_EXAMPLE, dir, { recursive: true });
  const sims = [sigma, periscope, adobe];
  return {
    dir,
    config: join(dir, "roster.yml"),
    env: {
      ...sigmaSimulatorEnv(sigma),
      ...periscopeSimulatorEnv(periscope, periscopeDemoSeed),
      ...adobeSimulatorEnv(adobe),
    },
    /** Requests that could change something, on any of the three. */
    mutatingRequests: () =>
      sims.flatMap((sim) =>
        sim.requests
          .filter(
            (r) =>
              r.method !== "GET" &&
              !/token|auth/i.test(r.route) &&
              !/test_?mode|testOnly/i.test(`${r.path}?${r.query}`),
          )
          .map((r) => `${r.method} ${r.route}`),
      ),
    close: async () => {
      await Promise.all(sims.map((sim) => sim.close()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
