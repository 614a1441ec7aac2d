import { ExitCode, type ExitCodeValue, isCoreError } from "@roster/core";

// The codes themselves are core's `ExitCode` (README.md#cli), the engine's verdict `exitCodeFor`.

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
    default:
      return ExitCode.failed;
  }
}
