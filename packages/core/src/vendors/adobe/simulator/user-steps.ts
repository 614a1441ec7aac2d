import type { IdentityType } from "../wire-types.js";
import type { AdobeSimStore, SimUser } from "./state.js";
import { deleteUser, findGroup, findUser, identityChanged, newUserId, statusChanged } from "./state.js";
import type { StepError } from "./step-errors.js";
import { checkList, isCountryCode, isObject, isStepError, MAX_EMAIL, MAX_NAME, stepError } from "./step-errors.js";

/** Steps of one `user` command entry, run in order against the store (UM-DOC ActionsCmds). */
export interface UserContext {
  readonly store: AdobeSimStore;
  readonly root: string;
  readonly domain: string | undefined;
  readonly useAdobeID: boolean;
  readonly testOnly: boolean;
  /** The user the entry names, resolved when the entry starts and after a create. */
  user: SimUser | undefined;
}

export const CREATE_STEPS: Readonly<Record<string, IdentityType>> = {
  addAdobeID: "adobeID",
  createEnterpriseID: "enterpriseID",
  createFederatedID: "federatedID",
};

function active(ctx: UserContext): SimUser | undefined {
  return ctx.user?.status === "active" ? ctx.user : undefined;
}

/** Unknown user: an error live; in test mode an otherwise valid step on a missing user passes (docs/vendors/adobe.md#action-api). */
function missingUser(ctx: UserContext): StepError | undefined {
  if (ctx.testOnly) return undefined;
  return stepError("error.user.nonexistent", `User Id does not exist: ${ctx.root}`);
}

function tooLong(value: unknown, max: number, field: string): StepError | undefined {
  if (value !== undefined && typeof value !== "string") {
    return stepError("error.command.create.string_expected", `${field} must be a JSON string.`);
  }
  if (typeof value === "string" && value.length > max) {
    return stepError(
      "error.command.string.too_long",
      `${field} is too long: ${value.length} characters (at most ${max}).`,
    );
  }
  return undefined;
}

function runCreate(ctx: UserContext, type: IdentityType, params: unknown): StepError | undefined {
  if (!isObject(params))
    return stepError("error.command.create.object_expected", "The create step must be a JSON object.");
  const { email, country, firstname, lastname, option } = params;
  if (typeof email !== "string" || !email.includes("@")) {
    return stepError("error.user.email.invalid", `The email address is invalid: ${String(email)}`);
  }
  const invalid =
    tooLong(email, MAX_EMAIL, "email") ??
    tooLong(firstname, MAX_NAME, "firstname") ??
    tooLong(lastname, MAX_NAME, "lastname");
  if (invalid !== undefined) return invalid;
  if (option !== undefined && option !== "ignoreIfAlreadyExists" && option !== "updateIfAlreadyExists") {
    return stepError("error.option.illegal", `Illegal option: ${String(option)}`);
  }
  if (country !== undefined && (typeof country !== "string" || !isCountryCode(country))) {
    return stepError("error.country.invalid", `The country code is not valid: ${String(country)}`);
  }
  const existing = active(ctx) ?? findUser(ctx.store, email, undefined, type === "adobeID");
  if (existing !== undefined && existing.status === "active") {
    if (option === "ignoreIfAlreadyExists") {
      ctx.user = existing;
      return undefined;
    }
    if (option === "updateIfAlreadyExists") {
      ctx.user = existing;
      if (existing.type !== "adobeID" && !ctx.testOnly) {
        if (typeof firstname === "string") existing.firstname = firstname;
        if (typeof lastname === "string") existing.lastname = lastname;
      }
      return undefined;
    }
    return stepError("error.user.already_in_org", `User already exists in the organization: ${email}`);
  }
  // Names are required for Enterprise and Federated IDs, country for Federated IDs (ActionsCmds).
  if (type !== "adobeID" && (typeof firstname !== "string" || firstname === "")) {
    return stepError("error.user.firstname_missing", `First name is missing for ${email}`);
  }
  if (type !== "adobeID" && (typeof lastname !== "string" || lastname === "")) {
    return stepError("error.user.lastname_missing", `Last name is missing for ${email}`);
  }
  if (type === "federatedID" && country === undefined) {
    return stepError("error.country.invalid", `A country is required to create a Federated ID: ${email}`);
  }
  if (ctx.testOnly) return undefined;
  const rootIsEmail = ctx.root.includes("@");
  const user: SimUser = {
    id: existing?.id ?? newUserId(ctx.store),
    email,
    username: type === "federatedID" && !rootIsEmail ? ctx.root : email,
    domain: (ctx.domain ?? email.slice(email.lastIndexOf("@") + 1)).toLowerCase(),
    type,
    status: "active",
    groups: [],
    ...(typeof firstname === "string" ? { firstname } : {}),
    ...(typeof lastname === "string" ? { lastname } : {}),
    ...(typeof country === "string" ? { country } : {}),
  };
  if (existing !== undefined) {
    Object.assign(existing, user);
    identityChanged(ctx.store);
  } else ctx.store.users.push(user);
  ctx.user = existing ?? user;
  return undefined;
}

function runUpdate(ctx: UserContext, params: unknown): StepError | undefined {
  if (!isObject(params))
    return stepError("error.command.create.object_expected", "The update step must be a JSON object.");
  const user = active(ctx);
  if (user === undefined) return missingUser(ctx);
  if (user.type === "adobeID") {
    return stepError("error.update.adobeid.no", "The operation in the command cannot be applied to an Adobe ID.");
  }
  for (const key of Object.keys(params)) {
    if (key === "country")
      return stepError("error.update.country.no_update", "The country of a user cannot be updated.");
    if (!["email", "firstname", "lastname", "username"].includes(key)) {
      return stepError("error.command.create.key.unknown", `Unknown key in update: ${key}`);
    }
  }
  const { email, firstname, lastname, username } = params;
  const invalid =
    tooLong(email, MAX_EMAIL, "email") ??
    tooLong(firstname, MAX_NAME, "firstname") ??
    tooLong(lastname, MAX_NAME, "lastname") ??
    tooLong(username, MAX_NAME, "username");
  if (invalid !== undefined) return invalid;
  if (typeof email === "string") {
    if (email !== user.email && email.toLowerCase() === user.email.toLowerCase()) {
      return stepError("error.update.no", "The letter case of an email address cannot be changed.");
    }
    const other = findUser(ctx.store, email, undefined, false);
    if (other !== undefined && other !== user && other.status === "active") {
      return stepError("error.user.email.name_in_use", `The email address is already in use: ${email}`);
    }
  }
  if (ctx.testOnly) return undefined;
  if (typeof email === "string") {
    // Email-based login: the username follows the email (ActionsCmds, Updating Email Policy).
    if (user.username.toLowerCase() === user.email.toLowerCase()) user.username = email;
    user.email = email;
  }
  if (typeof firstname === "string") user.firstname = firstname;
  if (typeof lastname === "string") user.lastname = lastname;
  if (typeof username === "string") user.username = username;
  if (typeof email === "string" || typeof username === "string") identityChanged(ctx.store);
  return undefined;
}

function runMembership(ctx: UserContext, key: "add" | "remove", params: unknown): StepError | undefined {
  const user = active(ctx);
  if (key === "remove" && params === "all") {
    if (user === undefined) return missingUser(ctx);
    // `_org_admin` cannot be removed through the API, even by "all" (ActionsCmds remove).
    if (!ctx.testOnly) user.groups = user.groups.filter((g) => g === "_org_admin");
    return undefined;
  }
  if (!isObject(params)) return stepError("error.command.add_remove.list", `${key} needs a JSON object or "all".`);
  const unknownKey = Object.keys(params).find((k) => k !== "group");
  if (unknownKey !== undefined) {
    return stepError("error.command.add_remove.key.unknown", `Unknown key in ${key}: ${unknownKey}`);
  }
  const list = checkList(params.group, ctx.store.config.maxNamesPerStep, "group");
  if (isStepError(list)) return list;
  if (new Set(list.map((g) => g.toLowerCase())).size !== list.length) {
    return stepError("error.command.add_remove.duplicate.group_list", `A group is listed twice in ${key}.`);
  }
  const names: string[] = [];
  for (const name of list) {
    if (name === "_org_admin") {
      return stepError(
        "error.command.illegal_entry",
        "The _org_admin role cannot be assigned or removed through the API.",
      );
    }
    const group = findGroup(ctx.store, name);
    if (group === undefined) return stepError("error.group.not_found", `Group not found: ${name}`);
    // A read-only shared group refuses membership changes from either root, user or usergroup
    // (UM-DOC usergroupActionCommands: error.usergroup.readonly.*).
    if (group.readOnly === true) {
      return stepError("error.usergroup.readonly.membership", `User group ${group.groupName} is read-only.`);
    }
    names.push(group.groupName);
  }
  if (user === undefined) return missingUser(ctx);
  if (ctx.testOnly) return undefined;
  if (key === "add") {
    for (const name of names) if (!user.groups.includes(name)) user.groups.push(name);
  } else {
    user.groups = user.groups.filter((g) => !names.includes(g));
  }
  return undefined;
}

function runRemoveFromOrg(ctx: UserContext, params: unknown): StepError | undefined {
  if (!isObject(params)) return stepError("error.command.create.object_expected", "removeFromOrg needs a JSON object.");
  const user = active(ctx);
  // Always reported successful, even when the user is absent (UM-DOC ActionsCmds removeFromOrg).
  if (user === undefined || ctx.testOnly) return undefined;
  if (params.deleteAccount === true) {
    deleteUser(ctx.store, user);
  } else {
    user.status = "removed";
    user.groups = [];
    statusChanged(ctx.store);
  }
  ctx.user = undefined;
  return undefined;
}

export function runUserStep(ctx: UserContext, name: string, params: unknown): StepError | undefined {
  const createType = CREATE_STEPS[name];
  if (createType !== undefined) {
    // Test mode validates the create without adding the user; later steps see a missing user and pass.
    return runCreate(ctx, createType, params);
  }
  switch (name) {
    case "update":
      return runUpdate(ctx, params);
    case "add":
    case "remove":
      return runMembership(ctx, name, params);
    case "removeFromOrg":
      return runRemoveFromOrg(ctx, params);
    default:
      return stepError("error.command.step.unknown", `Unknown step: ${name}`);
  }
}
