export { sigmaCapabilities } from "./capabilities.js";
export { parseSigmaSettings, SIGMA_BASE_URL_SHORTHANDS, SIGMA_SETTING, type SigmaSettings } from "./settings.js";
export { createSigmaVendor, sigmaVendor } from "./vendor.js";
