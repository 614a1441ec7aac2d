// The Sigma simulator and its demo organisation: tests, benchmarks, the demo and `roster sandbox`.
import type { RunningSimulator } from "../../simulator/types.js";
import { SIGMA_SETTING } from "./settings.js";

export {
  defaultSigmaSimConfig,
  type RunningSigmaSimulator,
  SIGMA_DEMO_CLIENT_ID,
  SIGMA_DEMO_CLIENT_SECRET,
  type SigmaSeed,
  type SigmaSeedAttribute,
  type SigmaSeedMember,
  type SigmaSeedTeam,
  type SigmaSimConfig,
  type SigmaSimSnapshot,
  type SigmaSimulatorOptions,
  sigmaDemoSeed,
  startSigmaSimulator,
} from "./simulator/index.js";

/** The settings that point Roster at a running Sigma simulator (what `roster sandbox` prints). */
export function sigmaSimulatorEnv(
  sim: Pick<RunningSimulator, "url"> & { readonly clientId: string; readonly clientSecret: string },
): Record<string, string> {
  return {
    [SIGMA_SETTING.baseUrl]: sim.url,
    [SIGMA_SETTING.clientId]: sim.clientId,
    [SIGMA_SETTING.clientSecret]: sim.clientSecret,
  };
}
