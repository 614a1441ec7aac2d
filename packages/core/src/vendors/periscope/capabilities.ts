import type { Capabilities } from "../vendor.js";
import { nameKey } from "./mapping.js";
import { EVERYONE_GROUP } from "./wire-types.js";

/**
 * What Periscope can do (docs/vendors/periscope.md). No account types, attributes, email changes, deactivation or
 * reactivation exist in either API family; users can be deleted (absent users = delete).
 */
export function periscopeCapabilities(groupNoun: string): Capabilities {
  return {
    groupNoun,
    groupSeparators: [";"],
    createGroup: true,
    roles: false,
    attributes: false,
    renameEmail: false,
    deactivate: false,
    reactivate: false,
    deleteUser: true,
    absentUserActions: ["ignore", "remove-groups", "delete"],
    updatableFields: () => ["firstName", "lastName"],
    // ASSUMPTION EVERYONE: every user is in it; Roster never adds to, removes from, creates or deletes it.
    isReservedGroup: (name) => nameKey(name) === nameKey(EVERYONE_GROUP),
    serverCheck: true,
  };
}
