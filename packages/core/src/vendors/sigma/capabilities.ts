import type { CurrentUser } from "../../model/directory.js";
import type { UserField } from "../../plan/types.js";
import type { Capabilities } from "../vendor.js";
import { rankSigmaRole } from "./mapping.js";

const UPDATABLE_FIELDS: readonly UserField[] = ["firstName", "lastName", "role"];

/**
 * What Sigma supports (docs/vendors/sigma.md): teams (created on demand), account types ranked
 * admin > creator (= author) > explorer > viewer, user attributes, email changes, deactivation
 * and reactivation. Members cannot be deleted, only deactivated (docs/vendors/sigma.md#members), and Sigma has no
 * server-side dry run.
 */
export const sigmaCapabilities: Capabilities = {
  groupNoun: "team",
  groupSeparators: [";"],
  createGroup: true,
  roles: true,
  roleRank: rankSigmaRole,
  attributes: true,
  renameEmail: true,
  deactivate: true,
  reactivate: true,
  deleteUser: false,
  absentUserActions: ["ignore", "remove-groups", "deactivate"],
  updatableFields: (_user: CurrentUser) => UPDATABLE_FIELDS,
  isReservedGroup: () => false,
  serverCheck: false,
};
