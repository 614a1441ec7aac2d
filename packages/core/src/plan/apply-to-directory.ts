import { InternalError } from "../errors.js";
import type { CurrentGroup, CurrentUser, Directory } from "../model/directory.js";
import { normaliseEmail } from "../model/directory.js";
import type { Change, Plan } from "./types.js";

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type DraftUser = Mutable<Omit<CurrentUser, "groups" | "attributes">> & {
  groups: string[];
  attributes: Record<string, string>;
};

/**
 * A mutable working copy of a directory, so applying many changes stays linear. Used by
 * `applyPlanToDirectory` and by the memory vendor, which reports the error of each change.
 */
export interface DirectoryDraft {
  readonly base: Directory;
  readonly users: Map<string, DraftUser>;
  readonly idByEmail: Map<string, string>;
  readonly groups: CurrentGroup[];
}

export function draftDirectory(directory: Directory): DirectoryDraft {
  const users = new Map<string, DraftUser>();
  const idByEmail = new Map<string, string>();
  for (const user of directory.users) {
    users.set(user.id, { ...user, groups: [...user.groups], attributes: { ...user.attributes } });
    const key = normaliseEmail(user.email);
    if (!idByEmail.has(key)) idByEmail.set(key, user.id);
  }
  return { base: directory, users, idByEmail, groups: [...directory.groups] };
}

export function finishDraft(draft: DirectoryDraft): Directory {
  const users: CurrentUser[] = [...draft.users.values()].map(({ attributes, ...user }) => ({
    ...user,
    groups: [...user.groups],
    ...(Object.keys(attributes).length > 0 ? { attributes: { ...attributes } } : {}),
  }));
  return { ...draft.base, users, groups: [...draft.groups] };
}

function hasGroup(draft: DirectoryDraft, name: string): boolean {
  return draft.groups.some((group) => group.name === name);
}

/** Applies one change to the draft. Returns the error a vendor would give, or undefined on success. */
export function applyChangeToDraft(draft: DirectoryDraft, change: Change): string | undefined {
  if (change.kind === "create-group") {
    if (draft.groups.some((group) => group.name.toLowerCase() === change.group.toLowerCase())) {
      return `Group "${change.group}" already exists.`;
    }
    draft.groups.push({ id: `new:${change.group}`, name: change.group });
    return undefined;
  }
  if (change.kind === "create-user") {
    const { user } = change;
    if (draft.idByEmail.has(change.email)) return `User ${user.emailAsWritten} already exists.`;
    const missing = user.groups.find((name) => !hasGroup(draft, name));
    if (missing !== undefined) return `Group "${missing}" does not exist.`;
    const id = `new:${change.email}`;
    const { emailAsWritten, email: _email, ...fields } = user;
    draft.users.set(id, {
      ...fields,
      id,
      email: emailAsWritten,
      groups: [...user.groups],
      attributes: { ...user.attributes },
    });
    draft.idByEmail.set(change.email, id);
    return undefined;
  }
  const target = draft.users.get(change.userId);
  if (target === undefined) return `User ${change.email} (id ${change.userId}) does not exist.`;
  switch (change.kind) {
    case "rename-email": {
      const holder = draft.idByEmail.get(change.to);
      if (holder !== undefined && holder !== target.id)
        return `Another user already has the address ${change.toAsWritten}.`;
      draft.idByEmail.delete(normaliseEmail(target.email));
      target.email = change.toAsWritten;
      draft.idByEmail.set(change.to, target.id);
      return undefined;
    }
    case "update-user":
      for (const field of change.fields) target[field.field] = field.to;
      return undefined;
    case "reactivate-user":
      target.status = "active";
      return undefined;
    case "deactivate-user":
      target.status = "deactivated";
      return undefined;
    case "add-to-groups": {
      const missing = change.groups.find((name) => !hasGroup(draft, name));
      if (missing !== undefined) return `Group "${missing}" does not exist.`;
      for (const name of change.groups) if (!target.groups.includes(name)) target.groups.push(name);
      return undefined;
    }
    case "remove-from-groups":
      target.groups = target.groups.filter((name) => !change.groups.includes(name));
      return undefined;
    case "set-attribute":
      target.attributes[change.attribute] = change.to;
      return undefined;
    case "unset-attribute":
      delete target.attributes[change.attribute];
      return undefined;
    case "delete-user":
      draft.users.delete(target.id);
      draft.idByEmail.delete(normaliseEmail(target.email));
      return undefined;
  }
}

/** The directory as it would be after the vendor applied every change of the plan. */
export function applyPlanToDirectory(plan: Pick<Plan, "changes">, directory: Directory): Directory {
  const draft = draftDirectory(directory);
  for (const change of plan.changes) {
    const error = applyChangeToDraft(draft, change);
    if (error !== undefined) throw new InternalError(`Plan change ${change.kind} cannot be applied: ${error}`);
  }
  return finishDraft(draft);
}
