// Adobe User Management API (UMAPI) vendor: the module and its building blocks (the simulator ships through `@roster/core/testing`).
export { adobeCapabilities } from "./capabilities.js";
export { createUmapiClient, type UmapiClient, type UmapiClientOptions } from "./client.js";
export { createImsAuth, IMS_TOKEN_PATH, UMAPI_SCOPE } from "./ims-auth.js";
export { isReservedGroupName, toCurrentGroup, toCurrentUser } from "./mapping.js";
export { mapOutcomes, type RequestResult } from "./outcomes.js";
export { adobePacerWindows, createAdobePacer } from "./pacing.js";
export {
  changeForStep,
  type PackedRequest,
  type PackLimits,
  type PackOptions,
  type PackResult,
  packActions,
  parseIdentityType,
  UMAPI_PACK_LIMITS,
} from "./pack-actions.js";
export {
  ADOBE_RATE_LIMITS,
  type AdobeRateLimits,
  formatRateLimits,
  parseRateLimits,
  predictApplyWallTimeMs,
  type RateWindow as AdobeRateWindow,
} from "./rate-limits.js";
export {
  type AdobeSettings,
  DEFAULT_IMS_URL,
  DEFAULT_UMAPI_URL,
  JWT_MIGRATION_URL,
  parseAdobeSettings,
} from "./settings.js";
export { validateAdobeUser } from "./validate-user.js";
export { type AdobeVendorOptions, adobeVendor, createAdobeVendor } from "./vendor.js";
export type {
  ActionEntry as UmapiActionEntry,
  ActionResponse as UmapiActionResponse,
  IdentityType as AdobeIdentityType,
  UmapiGroup,
  UmapiUser,
} from "./wire-types.js";
