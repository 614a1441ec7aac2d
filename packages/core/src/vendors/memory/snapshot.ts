import { readFile } from "node:fs/promises";
import { ConfigError } from "../../errors.js";
import type { UserStatus } from "../../model/desired.js";
import type { CurrentGroup, CurrentUser, Directory } from "../../model/directory.js";

/**
 * Reads a directory snapshot: the `Directory` model as JSON (users, groups, optional roles,
 * attributes and self). Conveniences for hand-written files: a user's `id` defaults to its
 * email, `status` to "active", `groups` to none; a group may be a plain name.
 * Every shape error names the file and the JSON path (`$.users[3].email`).
 */
export async function loadDirectorySnapshot(path: string): Promise<Directory> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new ConfigError("snapshot", `Cannot read directory snapshot ${path}: ${(error as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ConfigError("snapshot", `${path} is not valid JSON: ${(error as Error).message}`);
  }
  return parseDirectorySnapshot(data, path);
}

type Json = Record<string, unknown>;

function fail(file: string, at: string, problem: string): never {
  throw new ConfigError("snapshot", `${file}: ${at} ${problem}`);
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function optionalString(file: string, object: Json, key: string, at: string): string | undefined {
  const value = object[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") fail(file, `${at}.${key}`, "must be a string");
  return value;
}

function stringArray(file: string, value: unknown, at: string): string[] {
  if (!Array.isArray(value)) fail(file, at, "must be an array of strings");
  return value.map((item, index) =>
    typeof item === "string" ? item : fail(file, `${at}[${index}]`, "must be a string"),
  );
}

const USER_FIELDS = ["firstName", "lastName", "role", "country", "type", "username", "domain"] as const;

function parseUser(file: string, value: unknown, at: string): CurrentUser {
  if (!isObject(value)) fail(file, at, "must be an object");
  const email = optionalString(file, value, "email", at) ?? fail(file, `${at}.email`, "is required");
  const status = value.status ?? "active";
  if (status !== "active" && status !== "deactivated") fail(file, `${at}.status`, 'must be "active" or "deactivated"');
  const user: Record<string, unknown> = {
    id: optionalString(file, value, "id", at) ?? email,
    email,
    status: status as UserStatus,
    groups: value.groups === undefined ? [] : stringArray(file, value.groups, `${at}.groups`),
  };
  for (const field of USER_FIELDS) {
    const text = optionalString(file, value, field, at);
    if (text !== undefined) user[field] = text;
  }
  if (value.attributes !== undefined) {
    if (!isObject(value.attributes)) fail(file, `${at}.attributes`, "must be an object of strings");
    const attributes: Record<string, string> = {};
    for (const [name, attribute] of Object.entries(value.attributes)) {
      if (typeof attribute !== "string") fail(file, `${at}.attributes.${name}`, "must be a string");
      attributes[name] = attribute;
    }
    user.attributes = attributes;
  }
  return user as unknown as CurrentUser;
}

function parseGroup(file: string, value: unknown, at: string): CurrentGroup {
  if (typeof value === "string") return { id: value, name: value };
  if (!isObject(value)) fail(file, at, "must be a group name or an object");
  const name = optionalString(file, value, "name", at) ?? fail(file, `${at}.name`, "is required");
  const kind = optionalString(file, value, "kind", at);
  if (value.reserved !== undefined && typeof value.reserved !== "boolean")
    fail(file, `${at}.reserved`, "must be true or false");
  return {
    id: optionalString(file, value, "id", at) ?? name,
    name,
    ...(value.reserved === true ? { reserved: true } : {}),
    ...(kind === undefined ? {} : { kind }),
  };
}

/** Validates parsed JSON as a `Directory`; `file` names the source in errors. */
export function parseDirectorySnapshot(data: unknown, file: string): Directory {
  if (!isObject(data)) fail(file, "$", "must be an object with a users array");
  if (!Array.isArray(data.users)) fail(file, "$.users", "must be an array");
  const users = data.users.map((user, index) => parseUser(file, user, `$.users[${index}]`));
  const groupsValue = data.groups ?? [];
  if (!Array.isArray(groupsValue)) fail(file, "$.groups", "must be an array");
  const groups = groupsValue.map((group, index) => parseGroup(file, group, `$.groups[${index}]`));
  // Groups users belong to but the file did not list exist all the same.
  for (const user of users) {
    for (const name of user.groups) if (!groups.some((group) => group.name === name)) groups.push({ id: name, name });
  }
  const self = optionalString(file, data, "self", "$");
  return {
    users,
    groups,
    ...(data.roles === undefined ? {} : { roles: stringArray(file, data.roles, "$.roles") }),
    ...(data.attributes === undefined ? {} : { attributes: stringArray(file, data.attributes, "$.attributes") }),
    ...(self === undefined ? {} : { self }),
  };
}
