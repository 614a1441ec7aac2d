/**
 * In-memory state of the Periscope simulator: several sites, each either a v1 site (users +
 * groups) or an RBAC site (v2 users + roles), with its own API key (docs/vendors/periscope.md#simulator). Ids are
 * deterministic per site. Shapes docs/vendors/periscope.md marks [U] follow wire-types.ts, and the variants the
 * client must tolerate are switchable through `config` (PUT /__sandbox/config).
 */

export interface SimUser {
  id: number;
  email: string;
  first_name: string;
  last_name: string;
  /** v1 group ids (emitted as names). */
  groups: number[];
  /** RBAC role ids. */
  roles: number[];
  created_at: string;
  invited_by_email: string | null;
  status: string;
}

export interface SimGroup {
  id: number;
  name: string;
}

export interface SimRole {
  id: number;
  name: string;
  description: string;
  privileges: unknown[];
  permissions: unknown[];
}

export interface SimSite {
  readonly name: string;
  readonly apiKey: string;
  /** RBAC sites serve v2 users and roles; the others v1 users and groups. */
  readonly rbac: boolean;
  users: SimUser[];
  groups: SimGroup[];
  roles: SimRole[];
  dashboards: SimGroup[];
  nextId: number;
}

export interface PeriscopeSimConfig {
  /** ASSUMPTION LIST_SHAPE: `{"users": [...]}` (wrapped, default), a bare array, or `{"data": [...]}`. */
  readonly listShape: "wrapped" | "array" | "data";
  /** ASSUMPTION IDS: ids as JSON numbers (default) or strings. */
  readonly idType: "number" | "string";
  /** ASSUMPTION GROUP_REFS: users list group names / role ids (default) or `{id, name}` objects. */
  readonly refShape: "plain" | "objects";
  /** Users per page with a `next_page_start` cursor (wrapped lists only); null = one page. */
  readonly userPageSize: number | null;
  /** Dashboards per page (docs/vendors/periscope.md#paging shows paging, size unknown). */
  readonly dashboardPageSize: number;
}

export const defaultPeriscopeSimConfig: PeriscopeSimConfig = {
  listShape: "wrapped",
  idType: "number",
  refShape: "plain",
  userPageSize: null,
  dashboardPageSize: 100,
};

/** A write sent with `test_mode=true`: validated, answered, and not persisted. */
export interface TestModeEntry {
  readonly site: string;
  readonly method: string;
  readonly path: string;
  readonly status: number;
}

export interface PeriscopeSimState {
  sites: Record<string, SimSite>;
  config: PeriscopeSimConfig;
  /** The distinct log of test-mode writes (the request log also shows `test_mode=true`). */
  testModeLog: TestModeEntry[];
}

export interface PeriscopeSiteSeed {
  readonly name: string;
  readonly apiKey: string;
  readonly rbac: boolean;
  /** v1 group names. */
  readonly groups?: readonly string[];
  /** RBAC role names. */
  readonly roles?: readonly string[];
  readonly dashboards?: readonly string[];
  readonly users: readonly {
    readonly email: string;
    readonly first_name?: string;
    readonly last_name?: string;
    /** Group names (v1) or role names (RBAC). */
    readonly groups?: readonly string[];
    readonly status?: string;
    readonly invited_by_email?: string;
  }[];
}

export interface PeriscopeSimSeed {
  readonly sites: readonly PeriscopeSiteSeed[];
}

/** The built-in group (v1) or role (RBAC) every user is in (ASSUMPTION EVERYONE). */
export const EVERYONE = "Everyone";

/** The id of the site's Everyone group or role. */
export function everyoneId(site: SimSite): number | undefined {
  const pool: readonly { id: number; name: string }[] = site.rbac ? site.roles : site.groups;
  return pool.find((item) => item.name.toLowerCase() === EVERYONE.toLowerCase())?.id;
}

/** A user's membership ids with Everyone kept in: the vendor never lets a user leave it. */
export function keepEveryone(site: SimSite, ids: readonly number[]): number[] {
  const everyone = everyoneId(site);
  return everyone === undefined || ids.includes(everyone) ? [...ids] : [everyone, ...ids];
}

/** Timestamp of seeded users, fixed so state snapshots are stable. */
const SEEDED_AT = "2024-01-15T09:00:00.000Z";

function seedSite(seed: PeriscopeSiteSeed): SimSite {
  const site: SimSite = {
    name: seed.name,
    apiKey: seed.apiKey,
    rbac: seed.rbac,
    users: [],
    groups: [],
    roles: [],
    dashboards: [],
    nextId: 1,
  };
  const take = (): number => site.nextId++;
  // A seed that names the built-in "Everyone" group (v1) or role (RBAC) gets it as the vendor has
  // it: every user is in it, and stays in it (ASSUMPTION EVERYONE).
  for (const name of seed.groups ?? []) site.groups.push({ id: take(), name });
  for (const name of seed.roles ?? []) {
    site.roles.push({ id: take(), name, description: "", privileges: [], permissions: [] });
  }
  for (const name of seed.dashboards ?? []) site.dashboards.push({ id: take(), name });
  site.nextId = Math.max(site.nextId, 1001);
  const pool = seed.rbac ? site.roles : site.groups;
  for (const user of seed.users) {
    const ids = (user.groups ?? []).map((name) => {
      const found = pool.find((item) => item.name.toLowerCase() === name.toLowerCase());
      if (found === undefined) throw new Error(`seed: site ${seed.name} has no group or role "${name}"`);
      return found.id;
    });
    const everyone = everyoneId(site);
    if (everyone !== undefined && !ids.includes(everyone)) ids.unshift(everyone);
    site.users.push({
      id: take(),
      email: user.email,
      first_name: user.first_name ?? "",
      last_name: user.last_name ?? "",
      groups: seed.rbac ? [] : ids,
      roles: seed.rbac ? ids : [],
      created_at: SEEDED_AT,
      invited_by_email: user.invited_by_email ?? null,
      status: user.status ?? "active",
    });
  }
  return site;
}

function isSeed(value: unknown): value is PeriscopeSimSeed {
  return value !== null && typeof value === "object" && Array.isArray((value as { sites?: unknown }).sites);
}

export interface PeriscopeStore {
  get(): PeriscopeSimState;
  reset(seed?: unknown): void;
  configure(config: unknown): void;
}

/** The state container handed to the simulator kit (`SimulatorDefinition.state`). */
export function createPeriscopeStore(
  initial: PeriscopeSimSeed,
  config: Partial<PeriscopeSimConfig> = {},
): PeriscopeStore {
  let seed = initial;
  const state: PeriscopeSimState = { sites: {}, config: { ...defaultPeriscopeSimConfig, ...config }, testModeLog: [] };
  const load = (from: PeriscopeSimSeed): void => {
    state.sites = Object.fromEntries(from.sites.map((site) => [site.name, seedSite(site)]));
    state.testModeLog = [];
  };
  load(seed);
  return {
    get: () => state,
    reset(next) {
      if (next !== undefined && next !== null) {
        if (!isSeed(next)) throw new Error('seed must be {"sites": [...]}');
        seed = next;
      }
      load(seed);
    },
    configure(partial) {
      if (partial === null || typeof partial !== "object") throw new Error("config must be an object");
      state.config = { ...state.config, ...(partial as Partial<PeriscopeSimConfig>) };
    },
  };
}
