import type { CurrentUser } from "../../model/directory.js";
import type { UserField } from "../../plan/types.js";
import type { Capabilities } from "../vendor.js";
import { isReservedGroupName } from "./mapping.js";

const NONE: readonly UserField[] = [];
const ENTERPRISE: readonly UserField[] = ["firstName", "lastName"];
const FEDERATED: readonly UserField[] = ["firstName", "lastName", "username"];

/**
 * What UMAPI can do, for the planner (docs/vendors/adobe.md#action-api, UM-DOC ActionsCmds):
 * - groups: user groups and product profiles, `;` or `,` separated (User Sync Tool users files put
 *   comma-separated groups in one quoted cell, docs/vendors/adobe.md#user-sync-tool); only user groups can be created.
 * - no account types and no user attributes.
 * - email rename through `update {email}`; not for Adobe IDs, which their owners manage.
 * - deactivate = `removeFromOrg {deleteAccount:false}`; delete = `deleteAccount:true`. No
 *   reactivation: a removed user comes back by being created again.
 * - absent users, against the User Sync Tool's `adobe_only_user_action`: `preserve`/`exclude` ->
 *   ignore, `remove-adobe-groups` -> remove-groups, `remove` -> deactivate, `delete` -> delete.
 * - updatable fields: names for Enterprise and Federated IDs, username for Federated IDs only
 *   (Enterprise usernames always equal the email); nothing for Adobe IDs; country never.
 */
export const adobeCapabilities: Capabilities = {
  groupNoun: "group or product profile",
  groupSeparators: [";", ","],
  createGroup: true,
  roles: false,
  attributes: false,
  renameEmail: true,
  deactivate: true,
  reactivate: false,
  deleteUser: true,
  absentUserActions: ["ignore", "remove-groups", "deactivate", "delete"],
  updatableFields: (user: CurrentUser) =>
    user.type === "adobeID" ? NONE : user.type === "federatedID" ? FEDERATED : ENTERPRISE,
  isReservedGroup: isReservedGroupName,
  serverCheck: true,
};
