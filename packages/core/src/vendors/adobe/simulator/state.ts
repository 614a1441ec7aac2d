import { createPrng } from "../../../simulator/prng.js";
import type { IdentityType } from "../wire-types.js";

/** One org member as the simulator keeps it (UMAPI field names). */
export interface SimUser {
  id: string;
  email: string;
  username: string;
  domain: string;
  firstname?: string;
  lastname?: string;
  country?: string;
  type: IdentityType;
  /** Only active users are listed (docs/vendors/adobe.md#reading-users-and-groups); removeFromOrg makes them `removed`. */
  status: "active" | "removed";
  /** Direct memberships: user groups, product profiles and admin role groups. */
  groups: string[];
}

export interface SimGroup {
  groupName: string;
  type: string;
  groupId: number;
  description?: string;
  /** Shared groups that reject membership changes, renames and deletes (`error.usergroup.readonly.*`). */
  readOnly?: boolean;
  productName?: string;
  licenseQuota?: string;
  /** Product profiles a user group grants (usergroup add `productConfiguration`). */
  profiles?: string[];
}

export interface AdobeSimConfig {
  /** Users per page (UMAPI: 2000 since 2021-04-27). */
  usersPageSize: number;
  /** Groups per page (UMAPI: 400 since 2020-02-11). */
  groupsPageSize: number;
  maxEntriesPerRequest: number;
  maxNamesPerStep: number;
  /** Not documented as a number; umapi-client.py splits at 10 (docs/vendors/adobe.md#action-api [U]). */
  maxStepsPerEntry: number;
  /** Whether an entry stops at its first failing step (docs/vendors/adobe.md#open-questions [U]). */
  stopEntryOnError: boolean;
  tokenTtlSeconds: number;
  /**
   * Run the entries of one action request in a shuffled order (seeded by `shuffleSeed`), since
   * UMAPI does not guarantee in which order the commands of one request run (ActionsRef,
   * https://adobe-apiplatform.github.io/umapi-documentation/en/api/ActionsRef.html). On by
   * default, so every test that drives Roster against
   * this simulator proves Roster never depends on that order; `false` runs them in array order.
   */
  shuffleEntries: boolean;
  shuffleSeed: number;
}

export const DEFAULT_SIM_CONFIG: AdobeSimConfig = {
  usersPageSize: 2000,
  groupsPageSize: 400,
  maxEntriesPerRequest: 10,
  maxNamesPerStep: 10,
  maxStepsPerEntry: 10,
  stopEntryOnError: true,
  tokenTtlSeconds: 86_399,
  shuffleEntries: true,
  shuffleSeed: 12,
};

export interface SeedUser {
  readonly email: string;
  readonly type: IdentityType;
  readonly username?: string;
  readonly domain?: string;
  readonly firstname?: string;
  readonly lastname?: string;
  readonly country?: string;
  readonly groups?: readonly string[];
}

export interface SeedGroup {
  readonly groupName: string;
  readonly type: string;
  readonly description?: string;
  readonly readOnly?: boolean;
  readonly productName?: string;
  readonly licenseQuota?: string;
}

export interface AdobeSeed {
  readonly orgId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly users: readonly SeedUser[];
  readonly groups: readonly SeedGroup[];
}

/** What `/__sandbox/state` shows: the org, never the credentials or tokens. */
export interface AdobeSimSnapshot {
  readonly orgId: string;
  readonly users: readonly SimUser[];
  readonly groups: readonly (SimGroup & { memberCount: number })[];
  readonly config: AdobeSimConfig;
}

export interface AdobeSimStore {
  orgId: string;
  clientId: string;
  clientSecret: string;
  users: SimUser[];
  groups: SimGroup[];
  /** Access token -> expiry (simulator clock, ms). */
  tokens: Map<string, number>;
  config: AdobeSimConfig;
  nextId: number;
  /** Draws the entry order of each action request when `config.shuffleEntries` is on. */
  shuffle: () => number;
}

function domainOf(email: string): string {
  return email.slice(email.lastIndexOf("@") + 1).toLowerCase();
}

export function newUserId(store: AdobeSimStore): string {
  store.nextId += 1;
  return `${store.nextId.toString(16).toUpperCase().padStart(24, "0")}@AdobeID`;
}

export function seedStore(store: AdobeSimStore, seed: AdobeSeed): void {
  store.orgId = seed.orgId;
  store.clientId = seed.clientId;
  store.clientSecret = seed.clientSecret;
  store.tokens = new Map();
  store.nextId = 0;
  store.shuffle = createPrng(store.config.shuffleSeed);
  store.groups = seed.groups.map((g, i) => ({
    groupName: g.groupName,
    type: g.type,
    groupId: 1000 + i,
    ...(g.description !== undefined ? { description: g.description } : {}),
    ...(g.readOnly === true ? { readOnly: true } : {}),
    ...(g.productName !== undefined ? { productName: g.productName } : {}),
    ...(g.licenseQuota !== undefined ? { licenseQuota: g.licenseQuota } : {}),
  }));
  store.users = seed.users.map((u) => ({
    id: newUserId(store),
    email: u.email,
    username: u.username ?? u.email,
    domain: u.domain ?? domainOf(u.email),
    type: u.type,
    status: "active",
    groups: [...(u.groups ?? [])],
    ...(u.firstname !== undefined ? { firstname: u.firstname } : {}),
    ...(u.lastname !== undefined ? { lastname: u.lastname } : {}),
    ...(u.country !== undefined ? { country: u.country } : {}),
  }));
  // Indexed now rather than on the first action: 100,000 users take about 200 ms, and an action
  // answer held that long bunches up the requests queued behind it (the benchmark's 100k row met
  // seven 429s after its first action, at arrival times 1 ms apart).
  userIndex(store);
}

export function createStore(seed: AdobeSeed, config: Partial<AdobeSimConfig> = {}): AdobeSimStore {
  const store: AdobeSimStore = {
    orgId: "",
    clientId: "",
    clientSecret: "",
    users: [],
    groups: [],
    tokens: new Map(),
    config: { ...DEFAULT_SIM_CONFIG, ...config },
    nextId: 0,
    shuffle: Math.random,
  };
  seedStore(store, seed);
  return store;
}

interface ActiveUsers {
  readonly users: SimUser[];
  readonly length: number;
  readonly generation: number;
  readonly statuses: number;
  readonly active: readonly SimUser[];
}

const activeLists = new WeakMap<AdobeSimStore, ActiveUsers>();
const statusChanges = new WeakMap<AdobeSimStore, number>();

/** Call after changing a user's status in place (removeFromOrg without deleting the account). */
export function statusChanged(store: AdobeSimStore): void {
  statusChanges.set(store, (statusChanges.get(store) ?? 0) + 1);
}

/**
 * The users the listings show, in array order. Kept between requests until the users change (a new
 * array, an appended user, an identity or status change), so paging through N users filters them
 * once instead of once per page.
 */
export function activeUsers(store: AdobeSimStore): readonly SimUser[] {
  const generation = generations.get(store) ?? 0;
  const statuses = statusChanges.get(store) ?? 0;
  const kept = activeLists.get(store);
  if (
    kept !== undefined &&
    kept.users === store.users &&
    kept.length === store.users.length &&
    kept.generation === generation &&
    kept.statuses === statuses
  ) {
    return kept.active;
  }
  const active = store.users.filter((u) => u.status === "active");
  activeLists.set(store, { users: store.users, length: store.users.length, generation, statuses, active });
  return active;
}

export function findGroup(store: AdobeSimStore, name: string): SimGroup | undefined {
  const lower = name.toLowerCase();
  return store.groups.find((g) => g.groupName.toLowerCase() === lower);
}

/** Active members of each of `groups`, in one pass over the users (not one per group). */
export function memberCounts(
  store: AdobeSimStore,
  groups: readonly { readonly groupName: string }[],
): Map<string, number> {
  const counts = new Map(groups.map((g) => [g.groupName, 0]));
  for (const user of store.users) {
    if (user.status !== "active") continue;
    for (const name of user.groups.length > 1 ? new Set(user.groups) : user.groups) {
      const count = counts.get(name);
      if (count !== undefined) counts.set(name, count + 1);
    }
  }
  return counts;
}

/**
 * Users by lower-cased email and by lower-cased username, in array order, so `findUser` answers
 * exactly as a scan of `store.users` would, in O(1): a 100,000-user org scanned twice per command
 * entry made the simulator itself the bottleneck in the benchmarks (its handlers queued the next
 * requests, whose arrival times then bunched up and met the rate limit). Appended users are
 * indexed on the next lookup; a new users array (removal, reseed) or `identityChanged` (an email,
 * username, domain or type changed in place) rebuilds the index.
 */
interface UserIndex {
  readonly users: SimUser[];
  readonly generation: number;
  indexed: number;
  readonly byEmail: Map<string, SimUser[]>;
  readonly byUsername: Map<string, SimUser[]>;
}

const userIndexes = new WeakMap<AdobeSimStore, UserIndex>();
const generations = new WeakMap<AdobeSimStore, number>();

/** Call after changing a user's email, username, domain or type in place. */
export function identityChanged(store: AdobeSimStore): void {
  generations.set(store, (generations.get(store) ?? 0) + 1);
}

function push(map: Map<string, SimUser[]>, key: string, user: SimUser): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [user]);
  else list.push(user);
}

function userIndex(store: AdobeSimStore): UserIndex {
  const generation = generations.get(store) ?? 0;
  let index = userIndexes.get(store);
  if (
    index === undefined ||
    index.users !== store.users ||
    index.generation !== generation ||
    index.indexed > store.users.length
  ) {
    index = { users: store.users, generation, indexed: 0, byEmail: new Map(), byUsername: new Map() };
    userIndexes.set(store, index);
  }
  for (; index.indexed < store.users.length; index.indexed++) {
    const user = store.users[index.indexed];
    if (user === undefined) continue;
    push(index.byEmail, user.email.toLowerCase(), user);
    push(index.byUsername, user.username.toLowerCase(), user);
  }
  return index;
}

/**
 * Deletes `user`'s account (removeFromOrg with deleteAccount): out of the users array and out of
 * the index, without indexing the whole org again as a new users array otherwise would.
 */
export function deleteUser(store: AdobeSimStore, user: SimUser): void {
  const index = userIndex(store);
  store.users = store.users.filter((u) => u !== user);
  unlist(index.byEmail, user.email.toLowerCase(), user);
  unlist(index.byUsername, user.username.toLowerCase(), user);
  userIndexes.set(store, { ...index, users: store.users, indexed: store.users.length });
}

function unlist(map: Map<string, SimUser[]>, key: string, user: SimUser): void {
  const list = map.get(key)?.filter((u) => u !== user);
  if (list === undefined || list.length === 0) map.delete(key);
  else map.set(key, list);
}

/**
 * The user an action entry names: by email (case-insensitive) or by username (+domain), and only
 * among Adobe IDs when `useAdobeID` is set. Removed users are found too: a create brings them back.
 */
export function findUser(
  store: AdobeSimStore,
  user: string,
  domain: string | undefined,
  useAdobeID: boolean,
): SimUser | undefined {
  const lower = user.toLowerCase();
  const index = userIndex(store);
  const eligible = (u: SimUser) => !useAdobeID || u.type === "adobeID";
  return (
    index.byEmail.get(lower)?.find(eligible) ??
    index.byUsername.get(lower)?.find((u) => eligible(u) && (domain === undefined || u.domain === domain.toLowerCase()))
  );
}

export function snapshot(store: AdobeSimStore): AdobeSimSnapshot {
  const counts = memberCounts(store, store.groups);
  return {
    orgId: store.orgId,
    users: store.users.map((u) => ({ ...u, groups: [...u.groups] })),
    groups: store.groups.map((g) => ({ ...g, memberCount: counts.get(g.groupName) ?? 0 })),
    config: { ...store.config },
  };
}

export function cloneStore(store: AdobeSimStore): AdobeSimStore {
  return {
    ...store,
    users: store.users.map((u) => ({ ...u, groups: [...u.groups] })),
    groups: store.groups.map((g) => ({ ...g, ...(g.profiles !== undefined ? { profiles: [...g.profiles] } : {}) })),
    tokens: new Map(store.tokens),
    config: { ...store.config },
  };
}
