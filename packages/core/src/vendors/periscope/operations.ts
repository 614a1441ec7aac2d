import type { Change, FieldChange, NewUser, Plan } from "../../plan/types.js";

/**
 * A plan's changes grouped into the requests Periscope needs. A user's field update and group
 * changes become ONE update (the v1 update carries the user's whole group list, ASSUMPTION
 * V1_GROUPS_REPLACE; v2 likewise for roles), so each operation remembers every change index it
 * stands for and they all share its outcome. Pure.
 */
export type Operation =
  | { readonly kind: "create-group"; readonly indexes: readonly number[]; readonly group: string }
  | { readonly kind: "create-user"; readonly indexes: readonly number[]; readonly user: NewUser }
  | {
      readonly kind: "update-user";
      readonly indexes: readonly number[];
      readonly email: string;
      readonly userId: string;
      readonly fields: readonly FieldChange[];
      readonly add: readonly string[];
      readonly remove: readonly string[];
    }
  | {
      readonly kind: "delete-user";
      readonly indexes: readonly number[];
      readonly email: string;
      readonly userId: string;
    }
  | { readonly kind: "unsupported"; readonly indexes: readonly number[]; readonly reason: string };

interface UpdateDraft {
  kind: "update-user";
  indexes: number[];
  email: string;
  userId: string;
  fields: FieldChange[];
  add: string[];
  remove: string[];
}

const UNSUPPORTED: Partial<Record<Change["kind"], string>> = {
  "rename-email": "Periscope cannot change a user's email address",
  "reactivate-user": "Periscope has no reactivate call",
  "deactivate-user": "Periscope has no deactivate call; use absent users = delete",
  "set-attribute": "Periscope has no user attributes",
  "unset-attribute": "Periscope has no user attributes",
};

export function buildOperations(plan: Pick<Plan, "changes">): Operation[] {
  const operations: (Operation | UpdateDraft)[] = [];
  const updates = new Map<string, UpdateDraft>();

  const updateFor = (change: Change & { userId: string; email: string }): UpdateDraft => {
    let draft = updates.get(change.userId);
    if (draft === undefined) {
      draft = {
        kind: "update-user",
        indexes: [],
        email: change.email,
        userId: change.userId,
        fields: [],
        add: [],
        remove: [],
      };
      updates.set(change.userId, draft);
      operations.push(draft);
    }
    return draft;
  };

  plan.changes.forEach((change, index) => {
    switch (change.kind) {
      case "create-group":
        operations.push({ kind: "create-group", indexes: [index], group: change.group });
        return;
      case "create-user":
        operations.push({ kind: "create-user", indexes: [index], user: change.user });
        return;
      case "update-user": {
        const draft = updateFor(change);
        draft.indexes.push(index);
        draft.fields.push(...change.fields);
        return;
      }
      case "add-to-groups": {
        const draft = updateFor(change);
        draft.indexes.push(index);
        draft.add.push(...change.groups);
        return;
      }
      case "remove-from-groups": {
        const draft = updateFor(change);
        draft.indexes.push(index);
        draft.remove.push(...change.groups);
        return;
      }
      case "delete-user":
        operations.push({ kind: "delete-user", indexes: [index], email: change.email, userId: change.userId });
        return;
      default:
        // The planner marks these unsupported from the capabilities; a hand-made plan still gets
        // an outcome instead of a crash.
        operations.push({
          kind: "unsupported",
          indexes: [index],
          reason: UNSUPPORTED[change.kind] ?? `Periscope does not support ${change.kind}`,
        });
    }
  });
  return operations;
}
