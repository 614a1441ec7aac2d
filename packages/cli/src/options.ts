import { type AbsentUserAction, ConfigError, defaultPolicy, type GroupScope, type Policy } from "@roster/core";

/** The policy flags of `roster plan` and `roster apply`, as commander hands them over (strings). */
export interface PolicyFlags {
  readonly absentUsers?: string;
  readonly groupScope?: string;
  readonly createGroups?: boolean;
  readonly protect?: readonly string[];
  readonly allowRemovals?: string;
  readonly removalThreshold?: string;
}

export const ABSENT_USER_ACTIONS: readonly AbsentUserAction[] = ["ignore", "remove-groups", "deactivate", "delete"];
export const GROUP_SCOPES: readonly GroupScope[] = ["listed", "exact"];

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new ConfigError(flag, `${flag} must be one of ${allowed.join(", ")}; got "${value}".`);
}

/** A whole number of changes, as typed: `--allow-removals 37`. */
export function parseCount(flag: string, value: string): number {
  if (!/^\d+$/.test(value.trim())) {
    throw new ConfigError(flag, `${flag} must be a whole number of changes (0 or more); got "${value}".`);
  }
  return Number(value.trim());
}

/** A percentage of managed users, `10` or `10%`, from 0 to 100. */
export function parsePercent(flag: string, value: string): number {
  const text = value.trim().replace(/%$/, "");
  const percent = Number(text);
  if (text === "" || !Number.isFinite(percent) || percent < 0 || percent > 100) {
    throw new ConfigError(flag, `${flag} must be a percentage from 0 to 100; got "${value}".`);
  }
  return percent;
}

/**
 * `--checksum`: the reviewed plan's checksum as `roster plan` prints it (its first 12 characters)
 * or longer, up to the full sha256 of `--json` (engine: `checksumMatches`).
 */
export function parseChecksum(value: string): string {
  const text = value.trim().toLowerCase();
  if (!/^[0-9a-f]{12,64}$/.test(text)) {
    const shown = value.length <= 64 ? `"${value}"` : `${value.length} characters`;
    throw new ConfigError(
      "--checksum",
      `--checksum must be the reviewed plan's checksum: the 12 characters \`roster plan\` prints, or more of it, up to all 64 hex digits; got ${shown}.`,
    );
  }
  return text;
}

/** Policy flags → Policy. Unset flags keep the safe defaults of `defaultPolicy`. */
export function policyFromFlags(flags: PolicyFlags): Policy {
  const allowRemovals =
    flags.allowRemovals === undefined ? undefined : parseCount("--allow-removals", flags.allowRemovals);
  return {
    absentUsers:
      flags.absentUsers === undefined
        ? defaultPolicy.absentUsers
        : oneOf("--absent-users", flags.absentUsers, ABSENT_USER_ACTIONS),
    groupScope:
      flags.groupScope === undefined
        ? defaultPolicy.groupScope
        : oneOf("--group-scope", flags.groupScope, GROUP_SCOPES),
    createMissingGroups: flags.createGroups ?? defaultPolicy.createMissingGroups,
    protectedUsers: [...defaultPolicy.protectedUsers, ...(flags.protect ?? [])],
    removalThreshold:
      flags.removalThreshold === undefined
        ? defaultPolicy.removalThreshold
        : {
            ...defaultPolicy.removalThreshold,
            percent: parsePercent("--removal-threshold", flags.removalThreshold),
          },
    ...(allowRemovals === undefined ? {} : { allowRemovals }),
  };
}

/** The flag that acknowledges an unsafe plan, exactly as the user must type it. */
export function acknowledgementFlag(destructive: number): string {
  return `--allow-removals ${destructive}`;
}
