export type { CsvInput } from "./chunks.js";
export {
  ACCEPTED_COLUMNS_TEXT,
  ARCHIVED_FLAG_ALIAS,
  ATTRIBUTE_PREFIX,
  COLUMN_ALIASES,
  resolveColumn,
} from "./columns.js";
export type { MultiVendorUsers, ReadMultiVendorOptions } from "./multi-vendor.js";
export { desiredFor, filesLabel, LINE_STRIDE, readMultiVendorUsers, resolveMultiVendor } from "./multi-vendor.js";
export { localiseApplyResult, localisePlan } from "./multi-vendor-lines.js";
export type { ReadUsersCsvOptions } from "./options.js";
export { readUsersCsv, readUsersCsvFile } from "./read-users-csv.js";
