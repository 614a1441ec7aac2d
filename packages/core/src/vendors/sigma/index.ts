export { parseSigmaSettings, SIGMA_BASE_URL_SHORTHANDS, SIGMA_SETTING, type SigmaSettings } from "./settings.js";
export { createSigmaVendor, sigmaCapabilities, sigmaVendor } from "./vendor.js";
