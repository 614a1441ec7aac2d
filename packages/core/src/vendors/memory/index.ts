export * from "./capabilities.js";
export * from "./memory-vendor.js";
export * from "./snapshot.js";
