export * from "./apply-to-directory.js";
export * from "./checksum.js";
export * from "./classify.js";
export * from "./order.js";
export * from "./plan-changes.js";
export type { PlanInput, PlanVendor } from "./plan-context.js";
export * from "./safety.js";
