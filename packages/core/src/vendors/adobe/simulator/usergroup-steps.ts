import type { AdobeSimStore, SimGroup } from "./state.js";
import { findGroup, findUser } from "./state.js";
import type { StepError } from "./step-errors.js";
import { checkList, isObject, isStepError, MAX_NAME, stepError } from "./step-errors.js";

/** Steps of one `usergroup` command entry (UM-DOC usergroupActionCommands). */
export interface UserGroupContext {
  readonly store: AdobeSimStore;
  readonly root: string;
  readonly testOnly: boolean;
  /** Set in test mode once a create validated: later steps act on a group that would exist. */
  virtual: boolean;
}

function userGroup(ctx: UserGroupContext): SimGroup | undefined {
  const group = findGroup(ctx.store, ctx.root);
  return group?.type === "USER_GROUP" ? group : undefined;
}

function notFound(ctx: UserGroupContext): StepError {
  return stepError("error.usergroup.not_found", `User group not found: ${ctx.root}`);
}

function checkName(name: unknown): StepError | undefined {
  if (typeof name !== "string" || name === "")
    return stepError("error.user.command.missing.arguments", "A user group needs a name.");
  // umapi-client.py GroupAction: names must not start with "_" (reserved for admin groups) and fit 255 characters.
  if (name.startsWith("_"))
    return stepError("error.group.invalid_name", `User group names cannot start with "_": ${name}`);
  if (name.length > MAX_NAME + 5)
    return stepError("error.command.string.too_long", `User group name is too long: ${name.length}`);
  return undefined;
}

function runCreate(ctx: UserGroupContext, params: unknown): StepError | undefined {
  if (!isObject(params))
    return stepError("error.command.create.object_expected", "createUserGroup needs a JSON object.");
  const name = typeof params.name === "string" ? params.name : ctx.root;
  const invalid = checkName(name);
  if (invalid !== undefined) return invalid;
  const existing = findGroup(ctx.store, name);
  if (existing !== undefined) {
    if (existing.type === "USER_GROUP" && params.option === "ignoreIfAlreadyExists") return undefined;
    if (existing.type === "USER_GROUP" && params.option === "updateIfAlreadyExists") {
      if (typeof params.description === "string" && !ctx.testOnly) existing.description = params.description;
      return undefined;
    }
    return stepError("error.usergroup.already_exists", `A group named ${name} already exists.`);
  }
  if (ctx.testOnly) {
    ctx.virtual = true;
    return undefined;
  }
  const groupId = 1000 + ctx.store.groups.length + ctx.store.nextId;
  ctx.store.nextId += 1;
  ctx.store.groups.push({
    groupName: name,
    type: "USER_GROUP",
    groupId,
    ...(typeof params.description === "string" ? { description: params.description } : {}),
  });
  return undefined;
}

function runUpdate(ctx: UserGroupContext, params: unknown): StepError | undefined {
  if (!isObject(params))
    return stepError("error.command.create.object_expected", "updateUserGroup needs a JSON object.");
  const group = userGroup(ctx);
  if (group === undefined) return ctx.virtual ? undefined : notFound(ctx);
  if (group.readOnly === true)
    return stepError("error.usergroup.readonly.update", `User group ${group.groupName} is read-only.`);
  if (typeof params.name === "string" && params.name !== group.groupName) {
    const invalid = checkName(params.name);
    if (invalid !== undefined) return invalid;
    if (findGroup(ctx.store, params.name) !== undefined) {
      return stepError("error.usergroup.already_exists", `A group named ${params.name} already exists.`);
    }
  }
  if (ctx.testOnly) return undefined;
  if (typeof params.name === "string") {
    const from = group.groupName;
    const to = params.name;
    for (const user of ctx.store.users) user.groups = user.groups.map((g) => (g === from ? to : g));
    group.groupName = to;
  }
  if (typeof params.description === "string") group.description = params.description;
  return undefined;
}

function runDelete(ctx: UserGroupContext): StepError | undefined {
  const group = userGroup(ctx);
  if (group === undefined) return ctx.virtual ? undefined : notFound(ctx);
  if (group.readOnly === true)
    return stepError("error.usergroup.readonly.delete", `User group ${group.groupName} is read-only.`);
  if (ctx.testOnly) return undefined;
  ctx.store.groups = ctx.store.groups.filter((g) => g !== group);
  for (const user of ctx.store.users) user.groups = user.groups.filter((g) => g !== group.groupName);
  return undefined;
}

function runMembers(ctx: UserGroupContext, key: "add" | "remove", params: unknown): StepError | undefined {
  if (!isObject(params)) return stepError("error.command.add_remove.list", `${key} needs a JSON object.`);
  const unknownKey = Object.keys(params).find((k) => k !== "user" && k !== "productConfiguration");
  if (unknownKey !== undefined)
    return stepError("error.command.add_remove.key.unknown", `Unknown key in ${key}: ${unknownKey}`);
  if (params.user === undefined && params.productConfiguration === undefined) {
    return stepError(
      "error.usergroup.command.missing.arguments",
      "No users or profiles to associate with the user group.",
    );
  }
  const max = ctx.store.config.maxNamesPerStep;
  const users = params.user === undefined ? [] : checkList(params.user, max, "user");
  if (isStepError(users)) return users;
  const profiles =
    params.productConfiguration === undefined
      ? []
      : checkList(params.productConfiguration, max, "productConfiguration");
  if (isStepError(profiles)) return profiles;
  const group = userGroup(ctx);
  if (group === undefined && !ctx.virtual) return notFound(ctx);
  if (group?.readOnly === true) {
    return stepError("error.usergroup.readonly.membership", `User group ${group.groupName} is read-only.`);
  }
  for (const name of profiles) {
    if (findGroup(ctx.store, name)?.type !== "PRODUCT_PROFILE") {
      return stepError("error.group.not_found", `Product profile not found: ${name}`);
    }
  }
  const members = users.map((email) => findUser(ctx.store, email, undefined, false));
  const missing = users.find((_, i) => members[i]?.status !== "active");
  if (missing !== undefined && !ctx.testOnly)
    return stepError("error.user.nonexistent", `User Id does not exist: ${missing}`);
  if (ctx.testOnly || group === undefined) return undefined;
  for (const user of members) {
    if (user === undefined) continue;
    if (key === "add" && !user.groups.includes(group.groupName)) user.groups.push(group.groupName);
    if (key === "remove") user.groups = user.groups.filter((g) => g !== group.groupName);
  }
  const current = new Set(group.profiles ?? []);
  for (const name of profiles) {
    if (key === "add") current.add(name);
    else current.delete(name);
  }
  group.profiles = [...current];
  return undefined;
}

export function runUserGroupStep(ctx: UserGroupContext, name: string, params: unknown): StepError | undefined {
  switch (name) {
    case "createUserGroup":
      return runCreate(ctx, params);
    case "updateUserGroup":
      return runUpdate(ctx, params);
    case "deleteUserGroup":
      return runDelete(ctx);
    case "add":
    case "remove":
      return runMembers(ctx, name, params);
    default:
      return stepError("error.command.step.unknown", `Unknown step: ${name}`);
  }
}
