/**
 * UMAPI wire shapes, with Adobe's field names verbatim (docs/vendors/adobe.md#reading-users-and-groups, docs/vendors/adobe.md#action-api; UM-DOC).
 * Absent fields are omitted by the API, hence the many optionals.
 */
export type IdentityType = "adobeID" | "enterpriseID" | "federatedID";

export const IDENTITY_TYPES: readonly IdentityType[] = ["adobeID", "enterpriseID", "federatedID"];

export interface UmapiUser {
  readonly id?: string;
  readonly email: string;
  /** Only `active` users are listed (UM-DOC getUsersWithPage). */
  readonly status?: "active" | "disabled" | "locked" | "removed";
  readonly username?: string;
  readonly domain?: string;
  readonly firstname?: string;
  readonly lastname?: string;
  readonly country?: string;
  readonly type?: IdentityType | "unknown";
  readonly groups?: readonly string[];
  /** Admin roles the user holds (`org`, `support`, `deployment`, `productAdmin`...; UM-DOC getUser). */
  readonly adminRoles?: readonly string[];
}

export interface UmapiUsersPage {
  readonly lastPage: boolean;
  readonly result: string;
  readonly users?: readonly UmapiUser[];
  readonly groupName?: string;
}

export type UmapiGroupType =
  | "USER_GROUP"
  | "PRODUCT_PROFILE"
  | "SYSADMIN_GROUP"
  | "PRODUCT_ADMIN_GROUP"
  | "DEVELOPER_GROUP"
  | "USER_ADMIN_GROUP"
  | "PROFILE_ADMIN_GROUP"
  | "CONTRACT_ADMIN_GROUP";

export interface UmapiGroup {
  readonly groupName: string;
  readonly type: UmapiGroupType | string;
  readonly groupId?: number | string;
  readonly memberCount?: number;
  readonly adminGroupName?: string;
  readonly productName?: string;
  readonly productProfileName?: string;
  readonly userGroupName?: string;
  readonly licenseQuota?: string;
  readonly contractName?: string;
}

export interface UmapiGroupsPage {
  readonly lastPage: boolean;
  readonly result: string;
  readonly groups?: readonly UmapiGroup[];
}

/** `option` on the create steps; Roster always sends `ignoreIfAlreadyExists` (see pack-actions.ts). */
export type CreateOption = "ignoreIfAlreadyExists" | "updateIfAlreadyExists";

export interface CreateParams {
  readonly email: string;
  readonly country?: string;
  readonly firstname?: string;
  readonly lastname?: string;
  readonly option?: CreateOption;
}

export interface UpdateParams {
  readonly email?: string;
  readonly firstname?: string;
  readonly lastname?: string;
  readonly username?: string;
}

export type UserStep =
  | { readonly addAdobeID: CreateParams }
  | { readonly createEnterpriseID: CreateParams }
  | { readonly createFederatedID: CreateParams }
  | { readonly update: UpdateParams }
  | { readonly add: { readonly group: readonly string[] } }
  | { readonly remove: { readonly group: readonly string[] } | "all" }
  | { readonly removeFromOrg: { readonly deleteAccount?: boolean } };

export interface UserGroupMembers {
  readonly user?: readonly string[];
  readonly productConfiguration?: readonly string[];
}

export type UserGroupStep =
  | {
      readonly createUserGroup: {
        readonly name?: string;
        readonly description?: string;
        readonly option?: CreateOption;
      };
    }
  | { readonly updateUserGroup: { readonly name?: string; readonly description?: string } }
  | { readonly deleteUserGroup: Readonly<Record<string, never>> }
  | { readonly add: UserGroupMembers }
  | { readonly remove: UserGroupMembers };

export interface UserEntry {
  readonly user: string;
  /** Only for federated usernames that are not email addresses (UM-DOC ActionsRef). */
  readonly domain?: string;
  readonly useAdobeID?: boolean;
  readonly requestID?: string;
  readonly do: readonly UserStep[];
}

export interface UserGroupEntry {
  readonly usergroup: string;
  readonly requestID?: string;
  readonly do: readonly UserGroupStep[];
}

export type ActionEntry = UserEntry | UserGroupEntry;

export interface ActionError {
  readonly index: number;
  readonly step: number;
  readonly requestID?: string;
  readonly message: string;
  readonly user?: string;
  readonly usergroup?: string;
  readonly errorCode: string;
}

export interface ActionWarning {
  readonly index: number;
  readonly step: number;
  readonly message: string;
  readonly user?: string;
  readonly warningCode: string;
}

/** 200 whenever the request was understood and at least partly done (UM-DOC ActionsRef). */
export interface ActionResponse {
  readonly completed: number;
  readonly notCompleted: number;
  readonly completedInTestMode: number;
  readonly result: string;
  readonly message?: string;
  readonly errors?: readonly ActionError[];
  readonly warnings?: readonly ActionWarning[];
}

/** IMS OAuth Server-to-Server token response (`@adobe/aio-lib-ims` ClientCredentialsResponse). */
export interface ImsTokenResponse {
  readonly access_token: string;
  readonly token_type: string;
  /** Seconds (the deprecated JWT exchange used milliseconds). */
  readonly expires_in: number;
}
