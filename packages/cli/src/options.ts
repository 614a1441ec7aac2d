import {
  ABSENT_USER_ACTIONS,
  ConfigError,
  defaultPolicy,
  GROUP_SCOPES,
  type Policy,
  parseAllowRemovals,
  parseRemovalThreshold,
} from "@roster/core";

/** The policy flags of `roster plan` and `roster apply`, as commander hands them over (strings). */
export interface PolicyFlags {
  readonly absentUsers?: string;
  readonly groupScope?: string;
  readonly createGroups?: boolean;
  readonly protect?: readonly string[];
  readonly allowRemovals?: string;
  readonly removalThreshold?: string;
}

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

/**
 * Policy flags → Policy. Unset flags keep the safe defaults of `defaultPolicy`. The two safety
 * flags use core's parsers, the same as the Action's inputs (model/safety-settings.ts).
 */
export function policyFromFlags(flags: PolicyFlags): Policy {
  const allowRemovals =
    flags.allowRemovals === undefined ? undefined : parseAllowRemovals(flags.allowRemovals, "--allow-removals");
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
        : parseRemovalThreshold(flags.removalThreshold, "--removal-threshold"),
    ...(allowRemovals === undefined ? {} : { allowRemovals }),
    surface: "cli",
  };
}
