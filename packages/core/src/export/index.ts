export type { ExportTarget } from "./export-multi-vendor.js";
export { exportMultiVendorCsv } from "./export-multi-vendor.js";
export type { ExportedCsv } from "./export-users-csv.js";
export { exportUsersCsv } from "./export-users-csv.js";
export type { DirectorySnapshot } from "./snapshot.js";
export { directorySnapshotJsonSchema, directorySnapshotSchema, directoryToSnapshot } from "./snapshot.js";
