export * from "./capabilities.js";
export * from "./snapshot.js";
export * from "./vendor.js";
