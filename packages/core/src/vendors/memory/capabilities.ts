import type { Capabilities } from "../vendor.js";

/**
 * The memory vendor supports everything Roster can plan, so tests and demos can exercise every
 * change kind; restrict it per test with `createMemoryVendor(dir, { capabilities })`.
 */
export const memoryCapabilities: Capabilities = {
  groupNoun: "group",
  groupSeparators: [";"],
  createGroup: true,
  roles: true,
  attributes: true,
  renameEmail: true,
  deactivate: true,
  reactivate: true,
  deleteUser: true,
  absentUserActions: ["ignore", "remove-groups", "deactivate", "delete"],
  updatableFields: () => ["firstName", "lastName", "role", "username", "country"],
  isReservedGroup: () => false,
  serverCheck: true,
};
