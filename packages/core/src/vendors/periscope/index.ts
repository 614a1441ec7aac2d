// Periscope Data / Sisense for Cloud Data Teams: vendor module, clients, assumptions (the simulator ships through `@roster/core/testing`).
export { periscopeCapabilities } from "./capabilities.js";
export {
  createPeriscopeV1Client,
  createPeriscopeV2Client,
  type PeriscopeHttp,
  type PeriscopeV1Client,
  type PeriscopeV2Client,
  type WriteOptions,
} from "./client.js";
export {
  PERISCOPE_SETTINGS,
  type PeriscopeApiFamily,
  type PeriscopeSiteSettings,
  parsePeriscopeSettings,
} from "./settings.js";
export { createPeriscopeVendors, periscopeVendor } from "./vendor.js";
export { PERISCOPE_ASSUMPTIONS, type PeriscopeAssumption, periscopeAssumptions } from "./wire-types.js";
