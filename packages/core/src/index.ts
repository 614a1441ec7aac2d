// @roster/core public API: re-exports only. Each folder's index.ts decides what it exposes.

export * from "./config/index.js";
export * from "./csv/index.js";
export * from "./diagnostics.js";
export * from "./engine/index.js";
export * from "./errors.js";
export * from "./export/index.js";
export * from "./http/index.js";
export * from "./model/desired.js";
export * from "./model/directory.js";
export * from "./model/policy.js";
export * from "./model/safety-settings.js";
export * from "./model/surface.js";
export * from "./plan/index.js";
export * from "./plan/types.js";
export * from "./report/index.js";
export * from "./vendors/index.js";
export * from "./vendors/vendor.js";
