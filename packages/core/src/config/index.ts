export { RosterConfigError } from "./config-error.js";
export type { CompanyGroup, RosterConfig, VendorConfig } from "./load-config.js";
export { DEFAULT_CONFIG_FILE, loadRosterConfig, parseRosterConfig, settingsWithConfig } from "./load-config.js";
export type { UsersFile } from "./users-files.js";
export { expandUsersFiles } from "./users-files.js";
