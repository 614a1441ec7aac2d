// The Periscope simulator and its demo sites: tests, benchmarks, the demo and `roster sandbox`.
export {
  type PeriscopeSimulator,
  type PeriscopeSimulatorOptions,
  periscopeDemoAdmin,
  periscopeDemoKeys,
  periscopeDemoSeed,
  periscopeSimulatorDefinition,
  periscopeSimulatorEnv,
  startPeriscopeSimulator,
} from "./simulator/index.js";
