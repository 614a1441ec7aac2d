import type { Change, ChangeKind, ChangeOutcome, FieldChange, UserField } from "../plan/types.js";
import { CELL_MAX_CHARS, cutText, MESSAGE_MAX_CHARS } from "./escape.js";

/**
 * Plain-text descriptions shared by the renderers; each renderer escapes them for its medium.
 * Every value from users.csv or the vendor is cut here, one value at a time (`v`), so one long
 * cell shortens itself and never pushes the rest of the plan out of a size-limited report.
 */
export const KIND_TITLES: Readonly<Record<ChangeKind, string>> = {
  "create-group": "Create group",
  "create-user": "Create user",
  "rename-email": "Rename email",
  "update-user": "Update user",
  "reactivate-user": "Reactivate user",
  "add-to-groups": "Add to groups",
  "remove-from-groups": "Remove from groups",
  "set-attribute": "Set attribute",
  "unset-attribute": "Unset attribute",
  "deactivate-user": "Deactivate user",
  "delete-user": "Delete user",
};

const FIELD_NAMES: Readonly<Record<UserField, string>> = {
  firstName: "first name",
  lastName: "last name",
  role: "role",
  username: "username",
  country: "country",
};

const v = (value: string) => cutText(value, CELL_MAX_CHARS);
const list = (values: readonly string[]) => values.map(v).join(", ");
const quote = (value: string | null) => (value === null ? "(empty)" : `"${v(value)}"`);

function describeField(change: FieldChange): string {
  return `${FIELD_NAMES[change.field]}: ${quote(change.from)} → ${quote(change.to)}`;
}

/** Who or what a change is about: the email, or the group for create-group. */
export function changeSubject(change: Change): string {
  switch (change.kind) {
    case "create-group":
      return v(change.group);
    case "create-user":
      return v(change.user.emailAsWritten);
    default:
      return v(change.email);
  }
}

/** What the change does, in a few words. */
export function changeDetail(change: Change): string {
  switch (change.kind) {
    case "create-group":
      return "new group";
    case "create-user": {
      const { user } = change;
      const parts: string[] = [];
      const name = [user.firstName, user.lastName].filter((part) => part !== undefined).join(" ");
      if (name !== "") parts.push(`name: ${v(name)}`);
      if (user.role !== undefined) parts.push(`role: ${v(user.role)}`);
      if (user.groups.length > 0) parts.push(`groups: ${list(user.groups)}`);
      for (const [attribute, value] of Object.entries(user.attributes)) parts.push(`${v(attribute)}: ${v(value)}`);
      for (const field of ["country", "type", "username", "domain"] as const) {
        const value = user[field];
        if (value !== undefined) parts.push(`${field}: ${v(value)}`);
      }
      return parts.join(" · ");
    }
    case "rename-email":
      return `→ ${v(change.toAsWritten)}`;
    case "update-user":
      return change.fields.map(describeField).join("; ") + (change.downgrade ? " (downgrade)" : "");
    case "reactivate-user":
      return "status: deactivated → active";
    case "add-to-groups":
      return `+ ${list(change.groups)}`;
    case "remove-from-groups":
      return `− ${list(change.groups)}${change.line === null ? " (absent from the file)" : ""}`;
    case "set-attribute":
      return `${v(change.attribute)}: ${quote(change.from)} → ${quote(change.to)}`;
    case "unset-attribute":
      return `${v(change.attribute)}: ${quote(change.from)} → (unset)`;
    case "deactivate-user":
      return change.line === null ? "absent from the file" : "status: active → deactivated";
    case "delete-user":
      return "absent from the file";
  }
}

export function describeOutcome(outcome: ChangeOutcome): string {
  switch (outcome.status) {
    case "applied":
      return "applied";
    case "failed":
      return `failed: ${cutText(outcome.message, MESSAGE_MAX_CHARS)}${outcome.code === undefined ? "" : ` (${v(outcome.code)})`}`;
    case "skipped":
      return `skipped: ${cutText(outcome.reason, MESSAGE_MAX_CHARS)}`;
    case "unknown":
      return `outcome unknown: ${cutText(outcome.message, MESSAGE_MAX_CHARS)}${outcome.code === undefined ? "" : ` (${outcome.code})`}`;
  }
}
