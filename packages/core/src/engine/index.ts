export * from "./apply-plan.js";
export * from "./config-run.js";
export * from "./exit-code.js";
export * from "./run-plan.js";
export * from "./validate-for-vendor.js";
