// Periscope Data / Sisense for Cloud Data Teams: vendor module, clients, assumptions (the simulator ships through `@roster/core/testing`).
export type { PeriscopeHttp, WriteOptions } from "./client-common.js";
export { createPeriscopeV1Client, type PeriscopeV1Client } from "./client-v1.js";
export { createPeriscopeV2Client, type PeriscopeV2Client } from "./client-v2.js";
export {
  PERISCOPE_SETTINGS,
  type PeriscopeApiFamily,
  type PeriscopeSiteSettings,
  parsePeriscopeSettings,
} from "./settings.js";
export { periscopeCapabilities } from "./site-vendor.js";
export { createPeriscopeVendors, periscopeVendor } from "./vendor.js";
export { PERISCOPE_ASSUMPTIONS, type PeriscopeAssumption, periscopeAssumptions } from "./wire-types.js";
