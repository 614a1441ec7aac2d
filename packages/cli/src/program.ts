import { ABSENT_USER_ACTIONS, type ExitCodeValue, GROUP_SCOPES } from "@roster/core";
import { Command, Option } from "commander";
import type { CommandContext } from "./command-context.js";
import { type ApplyFlags, runApply } from "./commands/apply.js";
import { type ExportFlags, runExport } from "./commands/export.js";
import { type PlanFlags, runPlan } from "./commands/plan.js";
import { runSandbox, type SandboxFlags } from "./commands/sandbox.js";
import { runValidate, type ValidateFlags } from "./commands/validate.js";

const collect = (value: string, previous: readonly string[] = []): string[] => [...previous, value];

const VENDOR_HELP = "vendor id: sigma, periscope or adobe";
// roster.yml (docs/roster-yml.md): one users.csv and one policy for every vendor.
const VENDOR_OR_CONFIG_HELP = `${VENDOR_HELP}; required without roster.yml, narrows the run with one`;
const CONFIG_HELP = "roster.yml to use (default: ./roster.yml when it exists)";
const CSV_HELP = "path to users.csv (with roster.yml: replaces its `users:` for this run)";

function addPolicyOptions(command: Command): Command {
  return command
    .addOption(
      new Option("--absent-users <action>", "users in the vendor but not in the file").choices(ABSENT_USER_ACTIONS),
    )
    .addOption(
      new Option(
        "--group-scope <scope>",
        "listed: manage only groups named in the file; exact: the groups cell is exact",
      ).choices(GROUP_SCOPES),
    )
    .option("--create-groups", "create groups the file names that the vendor lacks")
    .option("--protect <email>", "never change this user (repeatable)", collect)
    .option(
      "--allow-removals <n@digest>",
      "acknowledge an unsafe plan: the count@digest it prints, naming exactly its destructive changes",
    )
    .option(
      "--removal-threshold <percent[,floor]>",
      "destructive changes allowed without acknowledgement: % of active managed users, optional floor (0 = none)",
    );
}

const EXIT_CODES_HELP = `
Exit codes: 0 done, 1 invalid users.csv or failed changes, 2 usage or configuration error, 3 unsafe plan.
Credentials come from the environment: SIGMA_CLIENT_ID, SIGMA_CLIENT_SECRET, SIGMA_BASE_URL;
PERISCOPE_SITE, PERISCOPE_API_KEY, PERISCOPE_BASE_URL, PERISCOPE_API, PERISCOPE_INVITED_BY;
ADOBE_ORG_ID, ADOBE_CLIENT_ID, ADOBE_CLIENT_SECRET, ADOBE_UMAPI_URL, ADOBE_IMS_URL.
Proxies: HTTPS_PROXY, HTTP_PROXY, NO_PROXY; a TLS-inspecting proxy's CA goes in NODE_EXTRA_CA_CERTS.
NO_COLOR turns colours off.`;

/**
 * `plan` and `apply`: users.csv or roster.yml, the command's own options (`own`), the verbosity
 * flags, the policy flags and the exit codes, in that order in `--help`.
 */
function runCommand(program: Command, name: string, description: string, own: (command: Command) => Command) {
  const command = program
    .command(name)
    .description(description)
    .argument("[csv]", CSV_HELP)
    .option("--vendor <id>", VENDOR_OR_CONFIG_HELP)
    .option("--config <path>", CONFIG_HELP);
  return addPolicyOptions(
    own(command)
      .option("--verbose", "debug logs, stacks and every problem on stderr")
      .option("-q, --quiet", "only the summary line and errors"),
  ).addHelpText("after", EXIT_CODES_HELP);
}

/**
 * The commander program. Each action stores its exit code through `setExitCode`; commander never
 * exits the process (`exitOverride`), so `main()` decides the code and tests can run it in-process.
 */
export function buildProgram(
  context: CommandContext,
  version: string,
  setExitCode: (code: ExitCodeValue) => void,
): Command {
  const program = new Command("roster")
    .description("Keep SaaS user directories (Sigma, Periscope, Adobe) in line with a reviewed users.csv")
    .version(version)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => context.io.stdout.write(text),
      writeErr: (text) => context.output.err(text),
    })
    .showHelpAfterError("(run with --help for usage)")
    .addHelpText("after", EXIT_CODES_HELP);

  program
    .command("validate")
    .description("check users.csv offline: columns, emails, duplicates and the vendor's allowed values")
    .argument("<csv>", "path to users.csv")
    .requiredOption("--vendor <id>", VENDOR_HELP)
    .option("--json", "print the result as JSON on stdout")
    .option("--verbose", "debug logs and every problem")
    .option("-q, --quiet", "only the summary line and errors")
    .action(async (csv: string, flags: ValidateFlags) => setExitCode(await runValidate(csv, flags, context)));

  runCommand(program, "plan", "show what apply would change; read-only", (command) =>
    command
      .option("--json", "print the plan as JSON on stdout (logs stay on stderr)")
      .option("--state <snapshot.json>", "plan against a saved Directory snapshot instead of the live vendor")
      .option("--server-check", "also ask the vendor's own dry run (Adobe testOnly, Periscope test_mode)"),
  ).action(async (csv: string | undefined, flags: PlanFlags) => setExitCode(await runPlan(csv, flags, context)));

  runCommand(program, "apply", "plan, confirm, then apply the changes and report each outcome", (command) =>
    command
      .option("--yes", "apply without asking (required when there is no terminal)")
      .option("--stop-on-error", "stop at the first failed change; the rest are reported as skipped")
      .option(
        "--checksum <sha256>",
        "apply only if the plan's checksum starts with this (the 12 characters `roster plan` prints, or more)",
      )
      .option("--json", "print the apply report as JSON on stdout (logs stay on stderr)")
      .option("--server-check", "also ask the vendor's own dry run before applying"),
  ).action(async (csv: string | undefined, flags: ApplyFlags) => setExitCode(await runApply(csv, flags, context)));

  program
    .command("export")
    .description("read the live vendor(s), read-only, and write a users.csv that plans to zero changes")
    .option("--vendor <id>", `${VENDOR_HELP}; required without roster.yml, narrows the export with one`)
    .option("--config <path>", CONFIG_HELP)
    .option("-o, --output <file>", "write to this file instead of stdout")
    .addOption(
      new Option("--format <format>", "csv: users.csv; snapshot: the JSON --state reads").choices(["csv", "snapshot"]),
    )
    .option("--verbose", "debug logs on stderr")
    .action(async (flags: ExportFlags) => setExitCode(await runExport(flags, context)));

  program
    .command("sandbox")
    .description("run a local simulator of the vendor, seeded with a demo organisation, until stopped")
    .requiredOption("--vendor <id>", `${VENDOR_HELP}, or all (the three together, for roster.yml)`)
    .option("--port <n>", "port on 127.0.0.1 (0 picks a free one)", "0")
    .option("--seed <file.json>", "seed the simulator from this JSON file instead of the demo organisation")
    .option("--site <name>", "periscope: print the settings of this site only (repeatable)", collect)
    .option("--verbose", "debug logs on stderr")
    .action(async (flags: SandboxFlags) => setExitCode(await runSandbox(flags, context)));

  return program;
}
