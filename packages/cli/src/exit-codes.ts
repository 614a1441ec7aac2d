import { isCoreError } from "@roster/core";

/** README.md#cli: Scripts and CI branch on these, so they never change meaning. */
export const ExitCode = {
  /** Done: the file is valid, the plan was shown, or every change was applied. */
  ok: 0,
  /** Invalid users.csv, at least one change failed, or the plan is not the reviewed one (`--checksum`). */
  failed: 1,
  /** Wrong flags or arguments, missing or invalid configuration (credentials, vendor id). */
  usage: 2,
  /** The plan is unsafe: too many destructive changes without the matching `--allow-removals N`. */
  unsafe: 3,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

// When several targets (Periscope sites) report, the exit code is the most serious one:
// a configuration problem first, then an unsafe plan, then failures.
const seriousness: Record<ExitCodeValue, number> = { 0: 0, 1: 1, 3: 2, 2: 3 };

export function worstExitCode(codes: readonly ExitCodeValue[]): ExitCodeValue {
  return codes.reduce<ExitCodeValue>((worst, code) => (seriousness[code] > seriousness[worst] ? code : worst), 0);
}

/** The exit code for an error that escaped a command. */
export function exitCodeForError(error: unknown): ExitCodeValue {
  if (!isCoreError(error)) return ExitCode.failed;
  switch (error.code) {
    case "CONFIG_INVALID":
    case "CONFIG_MISSING":
    // A file that cannot be opened is a wrong argument, not invalid content.
    case "CSV_UNREADABLE":
      return ExitCode.usage;
    case "PLAN_UNSAFE":
      return ExitCode.unsafe;
    default:
      return ExitCode.failed;
  }
}
