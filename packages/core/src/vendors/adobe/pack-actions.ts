import type { CurrentUser } from "../../model/directory.js";
import type { Change, FieldChange, NewUser } from "../../plan/types.js";
import type { ActionEntry, CreateParams, IdentityType, UpdateParams, UserEntry, UserStep } from "./wire-types.js";
import { IDENTITY_TYPES } from "./wire-types.js";

/**
 * Plan changes -> UMAPI action entries -> requests, packed as fully as the limits allow, with a map
 * from every (request, entry index, step) back to the change that asked for it. Pure.
 *
 * Limits (docs/vendors/adobe.md#action-api, UM-DOC ActionsRef): at most 10 entries per request, 10 names per add/remove
 * list (the step is repeated for more), and umapi-client.py splits entries at 10 steps, which the
 * docs hint at ("too many steps in a command" -> error.command.add_remove.list_too_long).
 */
export interface PackLimits {
  readonly entriesPerRequest: number;
  readonly namesPerStep: number;
  readonly stepsPerEntry: number;
}

export const UMAPI_PACK_LIMITS: PackLimits = { entriesPerRequest: 10, namesPerStep: 10, stepsPerEntry: 10 };

export interface PackOptions {
  readonly defaultIdentityType: IdentityType;
  readonly defaultCountry?: string;
  readonly limits?: PackLimits;
  /**
   * Group names (lower-cased) to leave out of `add` steps. The server-side check uses it for the
   * groups the plan itself creates: in test mode they do not exist yet, so UMAPI would call them
   * unknown (error.group.not_found) although the live run creates them first.
   */
  readonly omitAddGroups?: ReadonlySet<string>;
}

export interface PackedRequest {
  readonly entries: readonly ActionEntry[];
  /** `steps[entry][step]` = index into `plan.changes` of the change that step serves. */
  readonly steps: readonly (readonly number[])[];
}

export interface PackResult {
  readonly requests: readonly PackedRequest[];
  /** Changes Adobe cannot express, by change index, with the reason (never sent). */
  readonly unsupported: ReadonlyMap<number, string>;
}

interface TaggedStep {
  readonly step: UserStep;
  readonly change: number;
  /**
   * Order inside an entry. The API requires create first and removeFromOrg last (docs/vendors/adobe.md#action-api) and advises
   * updates, then removals, then adds (UM-DOC ActionsCmds). The email rename goes after the
   * memberships, so every earlier step still meets the user under the identity the entry names.
   */
  readonly rank: number;
}

const RANK = { create: 0, update: 1, remove: 2, add: 3, rename: 4, removeFromOrg: 5 } as const;

/** Case-insensitive identity type, or undefined when it is not one of the three. */
export function parseIdentityType(value: string | undefined): IdentityType | undefined {
  if (value === undefined) return undefined;
  const lower = value.trim().toLowerCase();
  return IDENTITY_TYPES.find((t) => t.toLowerCase() === lower);
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function createStep(user: NewUser, type: IdentityType, defaultCountry: string | undefined): UserStep {
  const country = (user.country ?? defaultCountry)?.toUpperCase();
  // ignoreIfAlreadyExists: a create retried after a timeout must neither fail nor duplicate
  // (umapi-client.py UserAction.create does the same, docs/vendors/adobe.md#umapi-client).
  const params: CreateParams = {
    email: user.emailAsWritten,
    ...(country !== undefined ? { country } : {}),
    ...(user.firstName !== undefined ? { firstname: user.firstName } : {}),
    ...(user.lastName !== undefined ? { lastname: user.lastName } : {}),
    option: "ignoreIfAlreadyExists",
  };
  if (type === "adobeID") return { addAdobeID: params };
  if (type === "enterpriseID") return { createEnterpriseID: params };
  return { createFederatedID: params };
}

const UPDATE_FIELD: Partial<Record<FieldChange["field"], keyof UpdateParams>> = {
  firstName: "firstname",
  lastName: "lastname",
  username: "username",
};

function isEmailLike(value: string): boolean {
  return value.includes("@");
}

/**
 * The entry root. A username that is not an email identifies the user together with `domain`;
 * an email-shaped username "can never be used to identify a user in requests", so those users
 * are named by email (UM-DOC ActionsCmds, Updating Email Policy).
 */
function rootForExisting(user: CurrentUser | undefined, fallback: string): Omit<UserEntry, "do"> {
  if (user === undefined) return { user: fallback };
  if (user.type === "adobeID") return { user: user.email, useAdobeID: true };
  const name = user.username;
  if (name !== undefined && !isEmailLike(name) && user.domain !== undefined) return { user: name, domain: user.domain };
  return { user: user.email };
}

function rootForNew(user: NewUser, type: IdentityType): Omit<UserEntry, "do"> {
  if (type === "adobeID") return { user: user.emailAsWritten, useAdobeID: true };
  const username = user.username;
  if (type === "federatedID" && username !== undefined && !isEmailLike(username)) {
    return { user: username, domain: user.domain ?? user.email.slice(user.email.lastIndexOf("@") + 1) };
  }
  return { user: user.emailAsWritten };
}

interface UserWork {
  root: Omit<UserEntry, "do">;
  steps: TaggedStep[];
}

function listSteps(
  key: "add" | "remove",
  groups: readonly string[],
  change: number,
  limits: PackLimits,
  omit?: ReadonlySet<string>,
): TaggedStep[] {
  const sent = key === "add" && omit !== undefined ? groups.filter((g) => !omit.has(g.toLowerCase())) : groups;
  return chunk(sent, limits.namesPerStep).map((group) => ({
    step: key === "add" ? { add: { group } } : { remove: { group } },
    change,
    rank: RANK[key],
  }));
}

/** Steps for one user change, or a reason when Adobe cannot express it. */
function stepsFor(change: Change, index: number, options: PackOptions, limits: PackLimits): TaggedStep[] | string {
  switch (change.kind) {
    case "create-user": {
      const type = parseIdentityType(change.user.type) ?? options.defaultIdentityType;
      return [
        { step: createStep(change.user, type, options.defaultCountry), change: index, rank: RANK.create },
        ...listSteps("add", change.user.groups, index, limits, options.omitAddGroups),
      ];
    }
    case "update-user": {
      const params: Record<string, string> = {};
      for (const field of change.fields) {
        const wire = UPDATE_FIELD[field.field];
        // Country is never updatable (error.update.country.no_update) and Adobe has no account type.
        if (wire === undefined) return `Adobe cannot update ${field.field}`;
        params[wire] = field.to;
      }
      return [{ step: { update: params }, change: index, rank: RANK.update }];
    }
    case "rename-email":
      return [{ step: { update: { email: change.toAsWritten } }, change: index, rank: RANK.rename }];
    case "add-to-groups":
      return listSteps("add", change.groups, index, limits, options.omitAddGroups);
    case "remove-from-groups":
      return listSteps("remove", change.groups, index, limits);
    case "deactivate-user":
      // Adobe has no suspended state: "deactivate" = removeFromOrg keeping the account (UST `remove`).
      return [{ step: { removeFromOrg: { deleteAccount: false } }, change: index, rank: RANK.removeFromOrg }];
    case "delete-user":
      return [{ step: { removeFromOrg: { deleteAccount: true } }, change: index, rank: RANK.removeFromOrg }];
    case "reactivate-user":
      return "Adobe has no reactivation: a user removed from the organisation is added again by creating it";
    case "set-attribute":
    case "unset-attribute":
      return "Adobe has no user attributes";
    case "create-group":
      return "internal: create-group is packed as a user-group entry";
  }
}

interface Placed {
  readonly entry: ActionEntry;
  readonly steps: readonly number[];
  /** Requests before this index may not hold the entry (an earlier part of it must run first). */
  readonly minRequest: number;
  /** Parts of one user's entry: each must land in a request after the previous part. */
  readonly chainId?: number;
}

/** Greedy first-fit: each entry goes to the first request at or after its minimum with room. */
function placeEntries(placed: readonly Placed[], limits: PackLimits): PackedRequest[] {
  const requests: { entries: ActionEntry[]; steps: (readonly number[])[] }[] = [];
  const chainLast = new Map<number, number>();
  let firstOpen = 0;
  for (const item of placed) {
    let min = item.minRequest;
    if (item.chainId !== undefined) {
      const last = chainLast.get(item.chainId);
      if (last !== undefined) min = Math.max(min, last + 1);
    }
    while (firstOpen < requests.length && (requests[firstOpen]?.entries.length ?? 0) >= limits.entriesPerRequest) {
      firstOpen += 1;
    }
    let target = Math.max(min, firstOpen);
    while (target < requests.length && (requests[target]?.entries.length ?? 0) >= limits.entriesPerRequest) target += 1;
    while (requests.length <= target) requests.push({ entries: [], steps: [] });
    const request = requests[target];
    if (request === undefined) throw new Error("unreachable: request slot");
    request.entries.push(item.entry);
    request.steps.push(item.steps);
    if (item.chainId !== undefined) chainLast.set(item.chainId, target);
  }
  return requests;
}

/**
 * Packs a plan's changes into action requests. `users` finds the current user a change refers to
 * (by `userId`), to address it by username/domain and to flag Adobe IDs (`useAdobeID`).
 */
export function packActions(
  changes: readonly Change[],
  users: ReadonlyMap<string, CurrentUser>,
  options: PackOptions,
): PackResult {
  const limits = options.limits ?? UMAPI_PACK_LIMITS;
  const unsupported = new Map<number, string>();
  const groupEntries: Placed[] = [];
  const work = new Map<string, UserWork>();

  changes.forEach((change, index) => {
    if (change.kind === "create-group") {
      // User groups only: product profiles are made in the Admin Console (UM-DOC usergroupActionCommands).
      groupEntries.push({
        entry: { usergroup: change.group, do: [{ createUserGroup: { option: "ignoreIfAlreadyExists" } }] },
        steps: [index],
        minRequest: 0,
      });
      return;
    }
    const steps = stepsFor(change, index, options, limits);
    if (typeof steps === "string") {
      unsupported.set(index, steps);
      return;
    }
    let item = work.get(change.email);
    if (item === undefined) {
      const root =
        change.kind === "create-user"
          ? rootForNew(change.user, parseIdentityType(change.user.type) ?? options.defaultIdentityType)
          : rootForExisting(users.get(change.userId), change.email);
      item = { root, steps: [] };
      work.set(change.email, item);
    }
    item.steps.push(...steps);
  });

  const groupRequests = Math.ceil(groupEntries.length / limits.entriesPerRequest);
  const placed: Placed[] = [...groupEntries];
  let chainId = 0;
  for (const item of work.values()) {
    // Stable sort keeps plan order among steps of the same rank.
    const ordered = [...item.steps].sort((a, b) => a.rank - b.rank);
    const parts = chunk(ordered, limits.stepsPerEntry);
    // Entries in one request run in no guaranteed order (docs/vendors/adobe.md#action-api), so the parts of a split entry go
    // to successive requests: the create runs before the adds, removeFromOrg after everything.
    for (const part of parts) {
      placed.push({
        entry: { ...item.root, do: part.map((s) => s.step) },
        steps: part.map((s) => s.change),
        minRequest: groupRequests,
        ...(parts.length > 1 ? { chainId } : {}),
      });
    }
    chainId += 1;
  }
  return { requests: placeEntries(placed, limits), unsupported };
}

/** The change a step served, or undefined when the server names an entry/step we did not send. */
export function changeForStep(
  requests: readonly PackedRequest[],
  request: number,
  index: number,
  step: number,
): number | undefined {
  return requests[request]?.steps[index]?.[step];
}
