// The Adobe UMAPI + IMS simulator and its demo organisation: tests, benchmarks, the demo and `roster sandbox`.
export {
  type AdobeSeed,
  type AdobeSimConfig,
  type AdobeSimSnapshot,
  type AdobeSimulator,
  type AdobeSimulatorOptions,
  adobeDemoSeed,
  adobeRateLimitRules,
  adobeSimulatorEnv,
  parseAdobeSeed,
  startAdobeSimulator,
} from "./simulator/index.js";
