export type { ExportTarget } from "./export-multi-vendor.js";
export { exportMultiVendorCsv } from "./export-multi-vendor.js";
export type { ExportedCsv } from "./export-users-csv.js";
export { exportUsersCsv } from "./export-users-csv.js";
export { directoryToSnapshot } from "./snapshot.js";
export type { DirectorySnapshot } from "./snapshot-schema.js";
