import { readFileSync } from "node:fs";
import { ExitCode, type ExitCodeValue } from "@roster/core";
import { CommanderError } from "commander";
import { exitCodeForError } from "./exit-codes.js";
import { type CliIo, processIo } from "./io.js";
import { createOutput, describeError } from "./output.js";
import { buildProgram } from "./program.js";

function packageVersion(): string {
  const text = readFileSync(new URL("../package.json", import.meta.url), "utf8");
  return (JSON.parse(text) as { version: string }).version;
}

/**
 * Commander's own errors: help and version are successes (`--help`, `help plan`), everything else
 * is a usage error (`roster` alone prints the help on stderr as a usage error).
 */
function exitCodeForCommander(error: CommanderError): ExitCodeValue {
  if (error.code === "commander.helpDisplayed" || error.code === "commander.version") return ExitCode.ok;
  if (error.code === "commander.help" && error.exitCode === 0) return ExitCode.ok;
  return ExitCode.usage;
}

/**
 * Runs `roster <argv>` and returns the exit code (README.md#cli: 0 done, 1 invalid input or failed
 * changes, 2 usage or configuration error, 3 unsafe plan). Never calls `process.exit`.
 */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const verbose = argv.includes("--verbose");
  const quiet = argv.includes("--quiet") || argv.includes("-q");
  const output = createOutput(io, { verbose, quiet: quiet && !verbose });
  if (quiet && verbose) {
    output.err("roster: error: --quiet and --verbose contradict each other; pass one of them.");
    return ExitCode.usage;
  }
  let exitCode: ExitCodeValue = ExitCode.ok;
  const program = buildProgram({ io, output }, packageVersion(), (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(argv, { from: "user" });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return exitCodeForCommander(error);
    output.err(`roster: error: ${describeError(error, output)}`);
    return exitCodeForError(error);
  }
}
