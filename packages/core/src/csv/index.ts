export type { CsvInput } from "./chunks.js";
export {
  ACCEPTED_COLUMNS_TEXT,
  ARCHIVED_FLAG_ALIAS,
  ATTRIBUTE_PREFIX,
  COLUMN_ALIASES,
  resolveColumn,
} from "./columns.js";
export type { ReadUsersCsvOptions } from "./options.js";
export { readUsersCsv, readUsersCsvFile } from "./read-users-csv.js";
