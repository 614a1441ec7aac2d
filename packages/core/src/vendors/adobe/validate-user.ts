import type { Diagnostic, Severity } from "../../diagnostics.js";
import type { DesiredUser } from "../../model/desired.js";
import { parseIdentityType } from "./pack-actions.js";

/** Field limits of the create and update steps (UM-DOC ActionsCmds "User Information Fields"). */
export const MAX_EMAIL_LENGTH = 60;
export const MAX_NAME_LENGTH = 250;

/**
 * User-group names: a new group's name may not start with `_` nor exceed 255 characters (Adobe's
 * own client checks both before sending: `GroupAction` in
 * https://github.com/adobe-apiplatform/umapi-client.py, umapi_client/functional.py). Existing names that start
 * with `_` are Adobe's own admin roles and groups (`_org_admin`, `_admin_*`, `_product_admin_*`),
 * which Roster never changes: so a `_` name in users.csv is an error either way.
 */
export const MAX_GROUP_NAME_LENGTH = 255;

export interface AdobeRowDefaults {
  readonly defaultCountry?: string;
}

/**
 * Offline checks of one users.csv row against UMAPI's rules, each on its own column. Country is
 * required only to create a Federated ID, which cannot be known offline: a row that says
 * `federatedID` without a country (and no ADOBE_DEFAULT_COUNTRY) gets a warning, and the
 * server-side check (`testOnly`) rejects the creates that really lack one, on their lines. Rows
 * that rely on ADOBE_DEFAULT_IDENTITY_TYPE get no warning: in a file without a country column
 * that would be one per row.
 */
export function validateAdobeUser(
  user: DesiredUser,
  file: string,
  columns: Readonly<Record<string, number>>,
  defaults: AdobeRowDefaults = {},
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const add = (severity: Severity, column: string, message: string): void => {
    const col = columns[column];
    out.push({
      severity,
      code: "ROW_INVALID_VALUE",
      message,
      file,
      line: user.line,
      ...(col !== undefined ? { column: col } : {}),
    });
  };
  const type = parseIdentityType(user.type);
  if (user.type !== undefined && type === undefined) {
    add("error", "type", `"${user.type}" is not an Adobe identity type: use adobeID, enterpriseID or federatedID.`);
  }
  if (user.country !== undefined && !/^[A-Za-z]{2}$/.test(user.country)) {
    add("error", "country", `"${user.country}" is not a two-letter ISO country code (e.g. US, GB, DE).`);
  }
  const tooLong = (column: string, value: string | undefined, max: number, what: string): void => {
    if (value !== undefined && value.length > max) {
      add(
        "error",
        column,
        `${what} is ${value.length} characters; Adobe allows at most ${max} (error.command.string.too_long).`,
      );
    }
  };
  tooLong("email", user.emailAsWritten, MAX_EMAIL_LENGTH, "The email address");
  tooLong("new_email", user.newEmailAsWritten, MAX_EMAIL_LENGTH, "The new email address");
  tooLong("first_name", user.firstName, MAX_NAME_LENGTH, "The first name");
  tooLong("last_name", user.lastName, MAX_NAME_LENGTH, "The last name");
  for (const group of user.groups ?? []) {
    if (group.startsWith("_")) {
      add(
        "error",
        "groups",
        `"${group.slice(0, 40)}": Adobe group names starting with "_" are Adobe's own admin roles and groups, which Roster never adds or removes, and no new group may start with "_". Remove it from users.csv.`,
      );
    } else if (group.length > MAX_GROUP_NAME_LENGTH) {
      add(
        "error",
        "groups",
        `A group name is ${group.length} characters ("${group.slice(0, 20)}…"); Adobe allows at most ${MAX_GROUP_NAME_LENGTH}.`,
      );
    }
  }
  if (type === "federatedID" && user.country === undefined && defaults.defaultCountry === undefined) {
    add(
      "warning",
      "country",
      "A Federated ID needs a country to be created: add a country column or set ADOBE_DEFAULT_COUNTRY.",
    );
  }
  return out;
}
