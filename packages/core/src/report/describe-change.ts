import type { Change, ChangeKind, ChangeOutcome, FieldChange, UserField } from "../plan/types.js";

/** Plain-text descriptions shared by the renderers; each renderer escapes them for its medium. */
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

const quote = (value: string | null) => (value === null ? "(empty)" : `"${value}"`);

function describeField(change: FieldChange): string {
  return `${FIELD_NAMES[change.field]}: ${quote(change.from)} → ${quote(change.to)}`;
}

/** Who or what a change is about: the email, or the group for create-group. */
export function changeSubject(change: Change): string {
  switch (change.kind) {
    case "create-group":
      return change.group;
    case "create-user":
      return change.user.emailAsWritten;
    default:
      return change.email;
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
      if (name !== "") parts.push(`name: ${name}`);
      if (user.role !== undefined) parts.push(`role: ${user.role}`);
      if (user.groups.length > 0) parts.push(`groups: ${user.groups.join(", ")}`);
      for (const [attribute, value] of Object.entries(user.attributes)) parts.push(`${attribute}: ${value}`);
      for (const field of ["country", "type", "username", "domain"] as const) {
        const value = user[field];
        if (value !== undefined) parts.push(`${field}: ${value}`);
      }
      return parts.join(" · ");
    }
    case "rename-email":
      return `→ ${change.toAsWritten}`;
    case "update-user":
      return change.fields.map(describeField).join("; ") + (change.downgrade ? " (downgrade)" : "");
    case "reactivate-user":
      return "status: deactivated → active";
    case "add-to-groups":
      return `+ ${change.groups.join(", ")}`;
    case "remove-from-groups":
      return `− ${change.groups.join(", ")}${change.line === null ? " (absent from the file)" : ""}`;
    case "set-attribute":
      return `${change.attribute}: ${quote(change.from)} → ${quote(change.to)}`;
    case "unset-attribute":
      return `${change.attribute}: ${quote(change.from)} → (unset)`;
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
      return `failed: ${outcome.message}${outcome.code === undefined ? "" : ` (${outcome.code})`}`;
    case "skipped":
      return `skipped: ${outcome.reason}`;
    case "unknown":
      return `outcome unknown: ${outcome.message}${outcome.code === undefined ? "" : ` (${outcome.code})`}`;
  }
}
