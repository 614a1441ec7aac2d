import { ConfigError } from "../../../errors.js";
import { IDENTITY_TYPES } from "../wire-types.js";
import type { AdobeSeed } from "./state.js";
import { isObject } from "./step-errors.js";

/**
 * Checks a seed given from outside (`roster sandbox --seed file.json`, `POST /__sandbox/reset`)
 * and says what is wrong, instead of failing later on a missing field.
 */
export function parseAdobeSeed(value: unknown, source = "seed"): AdobeSeed {
  const problems: string[] = [];
  if (!isObject(value)) throw new ConfigError(source, `The Adobe simulator ${source} must be a JSON object.`);
  for (const key of ["orgId", "clientId", "clientSecret"]) {
    if (typeof value[key] !== "string" || value[key] === "") problems.push(`"${key}" must be a non-empty string`);
  }
  const users: unknown[] = Array.isArray(value.users) ? value.users : [];
  const groups: unknown[] = Array.isArray(value.groups) ? value.groups : [];
  if (!Array.isArray(value.users)) problems.push(`"users" must be an array`);
  if (!Array.isArray(value.groups)) problems.push(`"groups" must be an array`);
  users.forEach((user, i) => {
    if (!isObject(user) || typeof user.email !== "string" || !user.email.includes("@")) {
      problems.push(`users[${i}] needs an "email"`);
    } else if (!(IDENTITY_TYPES as readonly unknown[]).includes(user.type)) {
      problems.push(`users[${i}] "type" must be one of ${IDENTITY_TYPES.join(", ")}`);
    } else if (
      user.groups !== undefined &&
      (!Array.isArray(user.groups) || user.groups.some((g) => typeof g !== "string"))
    ) {
      problems.push(`users[${i}] "groups" must be an array of names`);
    }
  });
  groups.forEach((group, i) => {
    if (!isObject(group) || typeof group.groupName !== "string" || typeof group.type !== "string") {
      problems.push(`groups[${i}] needs "groupName" and "type" (USER_GROUP, PRODUCT_PROFILE, ...)`);
    }
  });
  if (problems.length > 0) {
    throw new ConfigError(source, `The Adobe simulator ${source} is not valid: ${problems.slice(0, 10).join("; ")}.`);
  }
  return value as unknown as AdobeSeed;
}
