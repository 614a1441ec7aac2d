import type { Change } from "@roster/core";
import type { BenchVendorId, OrgFacts } from "./vendors.ts";

/**
 * The fewest requests a plan needs, computed here from the plan's changes, the organisation's size
 * and each API's documented limits, without any of Roster's vendor code. It also says which
 * requests depend on which, so `floor.ts` can turn it into a wall-time floor.
 *
 * - A read chain is a run of requests that must go one after another (cursor paging), which may
 *   only start `after` other chains' first request (a team's members after the team list).
 * - Write levels run in order (a group exists before users join it; deactivation last); requests
 *   inside a level are independent.
 */
export type RateClass = "action" | "users" | "groups";

export interface ReadChain {
  readonly name: string;
  readonly length: number;
  /** Latencies to wait before the chain may start (a list it depends on). */
  readonly after: number;
  readonly rateClass?: RateClass;
}

export interface WriteLevel {
  readonly name: string;
  readonly count: number;
  readonly rateClass?: RateClass;
}

export interface RequestShape {
  /** Requests that must come first (token exchange). */
  readonly first: number;
  readonly reads: readonly ReadChain[];
  readonly writes: readonly WriteLevel[];
}

/**
 * What the scenario's users.csv manages, from its header and cells, which decides what a plan must
 * read besides the users (the bench runs the default policy: only the groups the file names are
 * managed, users absent from the file are left alone). Written here from the file's own terms, not
 * from Roster's rule (packages/core/src/plan/read-needs.ts), so the minimum stays independent.
 */
export interface FileFacts {
  /** A `role` column: the vendor's account types are read to check it (Sigma). */
  readonly role: boolean;
  /** The groups the file names (none without a `groups` column): their list and their members. */
  readonly groups: readonly string[];
  /** `attr:<name>` columns: the attribute list and the values of these (Sigma). */
  readonly attributes: readonly string[];
}

export function totalRequests(shape: RequestShape): number {
  return (
    shape.first +
    shape.reads.reduce((sum, chain) => sum + chain.length, 0) +
    shape.writes.reduce((sum, level) => sum + level.count, 0)
  );
}

const pages = (items: number, pageSize: number) => Math.max(1, Math.ceil(items / pageSize));
const ofKind = <K extends Change["kind"]>(changes: readonly Change[], kind: K) =>
  changes.filter((c): c is Extract<Change, { kind: K }> => c.kind === kind);

/**
 * Sigma REST v2 (docs/vendors/sigma.md): token; whoami (the credentials' own member is protected);
 * members at `limit=1000` per page (cursor: one after another); account types for a `role` column
 * (to check its values); for a file that names teams, the team list, then each named team's members
 * at 1000 per page; for `attr:` columns, the attribute list and each named attribute's assignments
 * at 1000 per page. Writes: one POST per new team,
 * one POST per new member (teams ride along in `addToTeams`), one PATCH per existing member whose
 * fields change (all fields in one body), team membership in `PATCH /v2/teams/{id}/members
 * {add, remove}` at 100 ids per call, attribute values at 100 per call, one PATCH per deactivation.
 */
function sigma(changes: readonly Change[], org: OrgFacts, file: FileFacts): RequestShape {
  const named = new Set(file.groups.map((name) => name.toLowerCase()));
  const teamChains = [...org.groupSizes]
    .filter(([name]) => named.has(name.toLowerCase()))
    .map(([, size], i) => ({ name: `team ${i} members`, length: pages(size, 1000), after: 1 }));
  const attributeChains = file.attributes.map((name) => ({
    name: `${name} assignments`,
    length: pages(org.attributeHolders?.get(name) ?? 0, 1000),
    after: 1,
  }));
  const patched = new Set(
    changes.flatMap((c) =>
      c.kind === "update-user" || c.kind === "rename-email" || c.kind === "reactivate-user" ? [c.userId] : [],
    ),
  );
  const idsPerTeam = new Map<string, number>();
  for (const c of changes) {
    if (c.kind !== "add-to-groups" && c.kind !== "remove-from-groups") continue;
    for (const group of c.groups) idsPerTeam.set(group, (idsPerTeam.get(group) ?? 0) + 1);
  }
  const teamPatches = [...idsPerTeam.values()].reduce((sum, ids) => sum + Math.ceil(ids / 100), 0);
  const perAttribute = new Map<string, { set: number; unset: number }>();
  for (const c of changes) {
    const entries: [string, "set" | "unset"][] =
      c.kind === "set-attribute"
        ? [[c.attribute, "set"]]
        : c.kind === "unset-attribute"
          ? [[c.attribute, "unset"]]
          : c.kind === "create-user"
            ? Object.keys(c.user.attributes).map((name) => [name, "set"] as [string, "set"])
            : [];
    for (const [name, op] of entries) {
      const counts = perAttribute.get(name) ?? { set: 0, unset: 0 };
      counts[op] += 1;
      perAttribute.set(name, counts);
    }
  }
  const attributeCalls = [...perAttribute.values()].reduce(
    (sum, { set, unset }) => sum + Math.ceil(set / 100) + Math.ceil(unset / 100),
    0,
  );
  const deactivations =
    ofKind(changes, "deactivate-user").length +
    ofKind(changes, "create-user").filter((c) => c.user.status === "deactivated").length;
  return {
    first: 1,
    reads: [
      { name: "whoami", length: 1, after: 0 },
      { name: "members", length: pages(org.users, 1000), after: 0 },
      ...(file.role ? [{ name: "account types", length: 1, after: 0 }] : []),
      ...(file.groups.length > 0 ? [{ name: "teams", length: pages(org.groupSizes.size, 1000), after: 0 }] : []),
      ...teamChains,
      ...(file.attributes.length > 0 ? [{ name: "user attributes", length: 1, after: 0 }] : []),
      ...attributeChains,
    ],
    writes: [
      { name: "new teams", count: ofKind(changes, "create-group").length },
      {
        name: "members and memberships",
        count: ofKind(changes, "create-user").length + patched.size + teamPatches + attributeCalls,
      },
      { name: "deactivations", count: deactivations },
    ],
  };
}

/**
 * Periscope v1 (docs/vendors/periscope.md#v1-users-and-groups): the user list, and the group list for a file that names
 * groups (one response each); one POST
 * per new group, one POST per new user (groups in the body), one PUT per existing user whose names
 * or groups change (the whole group list in one body), one DELETE per removed user.
 */
function periscope(changes: readonly Change[], file: FileFacts): RequestShape {
  const updated = new Set(
    changes.flatMap((c) =>
      c.kind === "update-user" || c.kind === "add-to-groups" || c.kind === "remove-from-groups" ? [c.userId] : [],
    ),
  );
  return {
    first: 0,
    reads: [
      { name: "users", length: 1, after: 0 },
      ...(file.groups.length > 0 ? [{ name: "groups", length: 1, after: 0 }] : []),
    ],
    writes: [
      { name: "new groups", count: ofKind(changes, "create-group").length },
      {
        name: "users",
        count: ofKind(changes, "create-user").length + updated.size + ofKind(changes, "delete-user").length,
      },
    ],
  };
}

/**
 * Adobe UMAPI (docs/vendors/adobe.md#reading-users-and-groups, docs/vendors/adobe.md#action-api): IMS token; users at 2,000 per page (each
 * with its groups inline); groups at 400 per page for a file that names groups.
 * Writes: one command entry per user (create, update, remove, add, removeFromOrg steps), each
 * add/remove step naming at most 10 groups, at most 10 steps per entry, at most 10 entries per
 * POST /action; new user groups go in an earlier request than the users that join them.
 */
function adobe(changes: readonly Change[], org: OrgFacts, file: FileFacts): RequestShape {
  const steps = new Map<string, number>();
  const bump = (key: string, by: number) => steps.set(key, (steps.get(key) ?? 0) + by);
  for (const c of changes) {
    switch (c.kind) {
      case "create-user":
        bump(c.email, 1 + Math.ceil(c.user.groups.length / 10));
        break;
      case "update-user":
      case "rename-email":
      case "deactivate-user":
      case "delete-user":
        bump(c.email, 1);
        break;
      case "add-to-groups":
      case "remove-from-groups":
        bump(c.email, Math.ceil(c.groups.length / 10));
        break;
      default:
        break;
    }
  }
  const userEntries = [...steps.values()].reduce((sum, n) => sum + Math.ceil(n / 10), 0);
  const groupEntries = ofKind(changes, "create-group").length;
  return {
    first: 1,
    reads: [
      { name: "users", length: pages(org.users, 2000), after: 0, rateClass: "users" },
      ...(file.groups.length > 0
        ? [{ name: "groups", length: pages(org.groupSizes.size, 400), after: 0, rateClass: "groups" as const }]
        : []),
    ],
    writes: [
      { name: "new user groups", count: Math.ceil(groupEntries / 10), rateClass: "action" },
      { name: "users", count: Math.ceil(userEntries / 10), rateClass: "action" },
    ],
  };
}

export function minimumShape(
  vendor: BenchVendorId,
  changes: readonly Change[],
  org: OrgFacts,
  file: FileFacts,
): RequestShape {
  if (vendor === "sigma") return sigma(changes, org, file);
  if (vendor === "periscope") return periscope(changes, file);
  return adobe(changes, org, file);
}
