import { adobeSimulatorEnv, startAdobeSimulator } from "../vendors/adobe/testing.js";
import { periscopeDemoSeed, periscopeSimulatorEnv, startPeriscopeSimulator } from "../vendors/periscope/testing.js";
import { sigmaDemoSeed, sigmaSimulatorEnv, startSigmaSimulator } from "../vendors/sigma/testing.js";

/**
 * The Sigma, Periscope (its two demo sites) and Adobe simulators with their demo organisations,
 * Adobe unpaced, and the environment that points Roster at all three: what examples/company plans
 * against in `pnpm demo` and in the CLI's and the Action's roster.yml tests.
 */
export async function startDemoSimulators() {
  const sigma = await startSigmaSimulator({ seed: sigmaDemoSeed });
  const periscope = await startPeriscopeSimulator({ seed: periscopeDemoSeed });
  const adobe = await startAdobeSimulator({ rateLimits: false });
  const sims = [sigma, periscope, adobe] as const;
  return {
    sigma,
    periscope,
    adobe,
    sims,
    env: {
      ...sigmaSimulatorEnv(sigma),
      ...periscopeSimulatorEnv(periscope, periscopeDemoSeed),
      ...adobeSimulatorEnv(adobe),
    },
    close: async (): Promise<void> => {
      await Promise.all(sims.map((sim) => sim.close()));
    },
  };
}
