// @roster/core: read a users.csv, plan it against a vendor, apply the plan, render reports.
// The public surface: the engine, the model and plan types, the CSV reader, the renderers, the
// vendor contract and registry, and the errors a caller branches on. Vendor internals (clients,
// wire types, packing, pacing) stay inside their folders; simulators ship through
// `@roster/core/testing`, value builders for tests through `@roster/core/testing/builders`.

export * from "./config/index.js";
export * from "./csv/index.js";
export * from "./diagnostics.js";
export * from "./engine/index.js";
export * from "./errors.js";
export * from "./export/index.js";
export { HttpError, type HttpErrorCode, isHttpError } from "./http/http-error.js";
export { createRedactor, REDACTED, type Redactor, redactValue } from "./http/redact.js";
export type * from "./http/types.js";
export * from "./model/desired.js";
export * from "./model/directory.js";
export * from "./model/policy.js";
export * from "./model/safety-settings.js";
export * from "./model/surface.js";
export * from "./plan/checksum.js";
export * from "./plan/classify.js";
export * from "./plan/order.js";
export * from "./plan/plan-changes.js";
export type { PlanInput, PlanVendor } from "./plan/plan-context.js";
export * from "./plan/safety.js";
export * from "./plan/target-label.js";
export * from "./plan/types.js";
export * from "./report/index.js";
export { adobeCapabilities } from "./vendors/adobe/capabilities.js";
export { ADOBE_RATE_LIMITS, type AdobeRateLimits } from "./vendors/adobe/rate-limits.js";
export { type AdobeSettings, DEFAULT_IMS_URL, DEFAULT_UMAPI_URL } from "./vendors/adobe/settings.js";
export { adobeVendor } from "./vendors/adobe/vendor.js";
export { getVendorModule } from "./vendors/index.js";
export * from "./vendors/memory/index.js";
export { periscopeCapabilities } from "./vendors/periscope/capabilities.js";
export {
  PERISCOPE_SETTINGS,
  type PeriscopeApiFamily,
  type PeriscopeSiteSettings,
} from "./vendors/periscope/settings.js";
export { periscopeVendor } from "./vendors/periscope/vendor.js";
export {
  PERISCOPE_ASSUMPTIONS,
  type PeriscopeAssumption,
  periscopeAssumptions,
} from "./vendors/periscope/wire-types.js";
export { secretValuesOf } from "./vendors/secret-values.js";
export { sigmaCapabilities } from "./vendors/sigma/capabilities.js";
export { SIGMA_SETTING, type SigmaSettings } from "./vendors/sigma/settings.js";
export { sigmaVendor } from "./vendors/sigma/vendor.js";
export * from "./vendors/vendor.js";
