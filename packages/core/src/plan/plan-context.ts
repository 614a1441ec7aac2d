import { closest, distance } from "fastest-levenshtein";
import type { Diagnostic, DiagnosticCode, Severity } from "../diagnostics.js";
import type { DesiredState } from "../model/desired.js";
import type { CurrentGroup, CurrentUser, Directory } from "../model/directory.js";
import { normaliseEmail } from "../model/directory.js";
import type { Policy } from "../model/policy.js";
import type { Capabilities } from "../vendors/vendor.js";

/** The vendor facts the planner needs: no I/O, so planning stays pure. */
export interface PlanVendor {
  readonly id: string;
  readonly target?: string;
  readonly capabilities: Capabilities;
}

export interface PlanInput {
  readonly desired: DesiredState;
  readonly directory: Directory;
  readonly policy: Policy;
  readonly vendor: PlanVendor;
}

/** How a group name written in users.csv maps onto the vendor. */
export type GroupResolution =
  | { readonly kind: "existing"; readonly name: string }
  | { readonly kind: "create"; readonly name: string }
  | { readonly kind: "reserved"; readonly name: string }
  | { readonly kind: "unknown"; readonly suggestion?: string };

export interface PlanContext {
  readonly input: PlanInput;
  readonly capabilities: Capabilities;
  readonly file: string;
  /** Directory users by normalised email; on a duplicate, the lowest id wins (order-independent). */
  readonly usersByEmail: ReadonlyMap<string, CurrentUser>;
  /** Why an email is protected (the credentials' own identity, or policy), or undefined. */
  readonly protectedReason: (email: string) => string | undefined;
  readonly resolveGroup: (written: string) => GroupResolution;
  /** Managed group names (vendor spelling) under `groupScope: listed`. */
  readonly listedGroups: ReadonlySet<string>;
  readonly isReserved: (groupName: string) => boolean;
  /** Whether Roster manages this group's membership (policy `groupScope`): only those are ever removed. */
  readonly isManaged: (groupName: string) => boolean;
  readonly diagnostics: Diagnostic[];
  readonly report: (
    severity: Severity,
    code: DiagnosticCode,
    line: number,
    column: number | undefined,
    message: string,
  ) => void;
}

/** An exact match first, then a case-insensitive one; ties go to the lowest name, then id. */
function indexByName<T extends { readonly name: string; readonly id: string }>(items: readonly T[]) {
  const sorted = [...items].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1));
  const exact = new Map<string, T>();
  const folded = new Map<string, T>();
  for (const item of sorted) {
    if (!exact.has(item.name)) exact.set(item.name, item);
    const key = item.name.toLowerCase();
    if (!folded.has(key)) folded.set(key, item);
  }
  return (name: string): T | undefined => exact.get(name) ?? folded.get(name.toLowerCase());
}

/** Case-insensitive lookup in a list of names the vendor spells its own way (roles, attributes). */
export function matchName(names: readonly string[], written: string): string | undefined {
  if (names.includes(written)) return written;
  const folded = written.toLowerCase();
  return [...names].sort().find((name) => name.toLowerCase() === folded);
}

/** The closest name for a "did you mean", when it is close enough to be a likely typo. */
export function suggest(names: readonly string[], written: string): string | undefined {
  if (names.length === 0) return undefined;
  // Sorted, so the suggestion never depends on the order the vendor listed its names in.
  const sorted = [...names].sort();
  const folded = written.toLowerCase();
  const best = closest(
    folded,
    sorted.map((name) => name.toLowerCase()),
  );
  if (distance(folded, best) > Math.max(2, Math.floor(folded.length / 3))) return undefined;
  return sorted.find((name) => name.toLowerCase() === best);
}

/** Users by normalised email; on a duplicate address the lowest id wins, whatever the order. */
function indexUsers(users: readonly CurrentUser[]): Map<string, CurrentUser> {
  const index = new Map<string, CurrentUser>();
  for (const user of users) {
    const key = normaliseEmail(user.email);
    const seen = index.get(key);
    if (seen === undefined || user.id < seen.id) index.set(key, user);
  }
  return index;
}

/** The planner's view of its input. */
export function createPlanContext(input: PlanInput): PlanContext {
  const { desired, directory, policy, vendor } = input;
  const capabilities = vendor.capabilities;
  const usersByEmail = indexUsers(directory.users);

  const protectedEmails = new Set(policy.protectedUsers.map(normaliseEmail));
  const self = directory.self === undefined ? undefined : normaliseEmail(directory.self);
  const protectedReason = (email: string): string | undefined => {
    const key = normaliseEmail(email);
    if (key === self) return "it is the identity whose credentials Roster uses";
    return protectedEmails.has(key) ? "it is listed in the protected users" : undefined;
  };

  const findGroup = indexByName<CurrentGroup>(directory.groups);
  const reservedNames = new Set(directory.groups.filter((group) => group.reserved).map((group) => group.name));
  const isReserved = (name: string): boolean => reservedNames.has(name) || capabilities.isReservedGroup(name);
  const canCreate = policy.createMissingGroups && capabilities.createGroup;
  const groupNames = directory.groups.map((group) => group.name);

  // Missing groups written with different cases ("Ops", "ops") are one group to create, spelled
  // as first seen in the file.
  const createSpelling = new Map<string, string>();
  for (const written of desired.groupsNamed) {
    if (!createSpelling.has(written.toLowerCase())) createSpelling.set(written.toLowerCase(), written);
  }

  // Every row resolves its groups, and a file names few distinct groups: resolve each name once.
  const resolutions = new Map<string, GroupResolution>();
  const resolveGroup = (written: string): GroupResolution => {
    let resolution = resolutions.get(written);
    if (resolution === undefined) {
      resolution = resolveGroupOnce(written);
      resolutions.set(written, resolution);
    }
    return resolution;
  };
  const resolveGroupOnce = (written: string): GroupResolution => {
    const found = findGroup(written);
    if (found !== undefined) {
      return isReserved(found.name) ? { kind: "reserved", name: found.name } : { kind: "existing", name: found.name };
    }
    if (isReserved(written)) return { kind: "reserved", name: written };
    if (canCreate) return { kind: "create", name: createSpelling.get(written.toLowerCase()) ?? written };
    const suggestion = suggest(groupNames, written);
    return suggestion === undefined ? { kind: "unknown" } : { kind: "unknown", suggestion };
  };

  const listedGroups = new Set<string>();
  for (const written of desired.groupsNamed) {
    const resolved = resolveGroup(written);
    if (resolved.kind === "existing" || resolved.kind === "create") listedGroups.add(resolved.name);
  }

  const isManaged =
    policy.groupScope === "exact" ? (name: string) => !isReserved(name) : (name: string) => listedGroups.has(name);

  const diagnostics: Diagnostic[] = [];
  const report: PlanContext["report"] = (severity, code, line, column, message) => {
    diagnostics.push({
      severity,
      code,
      message,
      file: desired.file,
      line,
      ...(column === undefined ? {} : { column }),
    });
  };

  return {
    input,
    capabilities,
    file: desired.file,
    usersByEmail,
    protectedReason,
    resolveGroup,
    listedGroups,
    isReserved,
    isManaged,
    diagnostics,
    report,
  };
}
