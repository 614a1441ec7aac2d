import { existsSync } from "node:fs";
import {
  ConfigError,
  type ConfigRun,
  type ConfigTarget,
  createConfigTargets,
  createMemoryVendor,
  DEFAULT_CONFIG_FILE,
  ExitCode,
  type ExitCodeValue,
  getVendorModule,
  type HintSetting,
  hasErrors,
  loadDirectorySnapshot,
  type MultiVendorUsers,
  type Plan,
  type Policy,
  parseAllowRemovals,
  planConfigTarget,
  prepareConfigRun,
  type RemovalAcknowledgement,
  type RunMode,
  readConfigUsers,
  settingName,
  targetLabel,
  unsafeMessage,
} from "@roster/core";
import type { CommandContext } from "./command-context.js";
import { exitCodeForError } from "./exit-codes.js";
import type { PolicyFlags } from "./options.js";
import { describeError, type Output } from "./output.js";
import { printInvalidInput } from "./print.js";
import type { Progress } from "./progress.js";
import { vendorContext } from "./targets.js";

/**
 * Which roster.yml a command uses: `--config PATH`, else `./roster.yml` when it exists, else none
 * (the single-vendor mode of before, `--vendor` required). With a config, a users.csv argument
 * replaces roster.yml's `users:` for this run, to try a change locally.
 */
export function findConfig(flags: { readonly config?: string }): string | undefined {
  if (flags.config !== undefined) return flags.config;
  return existsSync(DEFAULT_CONFIG_FILE) ? DEFAULT_CONFIG_FILE : undefined;
}

/** `--vendor` is required without a config; the message says how to manage several at once. */
export function requireVendor(vendor: string | undefined): string {
  if (vendor !== undefined) return vendor;
  throw new ConfigError(
    "--vendor",
    "--vendor is required without roster.yml (sigma, periscope or adobe); with a roster.yml in this directory or --config PATH, Roster plans every vendor it names.",
    "CONFIG_MISSING",
  );
}

/** The users.csv argument is required without roster.yml (it names the users files otherwise). */
export function requireCsv(csv: string | undefined): string {
  if (csv !== undefined) return csv;
  throw new ConfigError(
    "users.csv",
    "missing the users.csv argument: `roster plan users.csv --vendor <id>`, or add a roster.yml (or --config PATH) that names the users files.",
    "CONFIG_MISSING",
  );
}

/** The policy flags roster.yml replaces, by the setting each sets: also its key in roster.yml. */
const POLICY_FLAGS: readonly [keyof PolicyFlags, HintSetting][] = [
  ["absentUsers", "absent-users"],
  ["groupScope", "group-scope"],
  ["createGroups", "create-groups"],
  ["protect", "protect"],
  ["removalThreshold", "removal-threshold"],
];

/**
 * With a config, the policy is roster.yml's, reviewed with the file: a policy flag would silently
 * make this run differ from what was reviewed, so it is refused with where to set it instead.
 * `--allow-removals` stays: it acknowledges one plan, and needs `--vendor` to say whose.
 */
function refusePolicyFlags(
  flags: PolicyFlags & { readonly vendor?: string },
  configFile: string,
): readonly RemovalAcknowledgement[] | undefined {
  for (const [key, yamlKey] of POLICY_FLAGS) {
    if (flags[key] !== undefined) {
      const flag = settingName(yamlKey, "cli");
      throw new ConfigError(
        flag,
        `${flag} cannot be used with ${configFile}: the policy lives there, reviewed with the file. Set \`${yamlKey}\` under \`vendors.<vendor>\` in ${configFile} instead.`,
      );
    }
  }
  if (flags.allowRemovals === undefined) return undefined;
  if (flags.vendor === undefined) {
    throw new ConfigError(
      "--allow-removals",
      `--allow-removals acknowledges one vendor's plan: add --vendor <id> to say which (each vendor and site of ${configFile} has its own acknowledgement).`,
    );
  }
  return parseAllowRemovals(flags.allowRemovals, "--allow-removals");
}

/** A roster.yml run of `plan` or `apply`, ready: its config, the users files read, the targets built. */
export interface StartedConfig {
  readonly run: ConfigRun;
  readonly users: MultiVendorUsers;
  readonly targets: ConfigTarget[];
}

/**
 * How `plan` and `apply` start with roster.yml: policy flags refused, the users files read (or
 * only `csv`), and, when they are valid, the targets built; invalid files are reported (exit 1)
 * before any vendor is made.
 */
export async function startConfigRun(
  path: string,
  csv: string | undefined,
  flags: PolicyFlags & { readonly vendor?: string; readonly state?: string; readonly json?: boolean },
  mode: RunMode,
  context: CommandContext,
): Promise<StartedConfig | ExitCodeValue> {
  const allowRemovals = refusePolicyFlags(flags, path);
  const run = await prepareConfigRun({
    path,
    ...(flags.vendor === undefined ? {} : { only: flags.vendor }),
    ...(csv === undefined ? {} : { usersOverride: [csv] }),
  });
  const users = await readConfigUsers(run);
  if (hasErrors(users.diagnostics)) {
    return printInvalidInput(users.files.join(", "), users.diagnostics, flags.json === true, context.output);
  }
  const targets = await configTargets(run, flags.state, mode, context, allowRemovals);
  return { run, users, targets };
}

/**
 * The targets of a config run: live vendors from the environment plus roster.yml, or, with
 * `--state`, one in-memory vendor holding the snapshot (only when the run has one vendor).
 */
async function configTargets(
  run: ConfigRun,
  state: string | undefined,
  mode: RunMode,
  context: CommandContext,
  allowRemovals: readonly RemovalAcknowledgement[] | undefined,
): Promise<ConfigTarget[]> {
  // Hints name CLI flags; an acknowledgement applies to the vendor `--vendor` narrowed the run to.
  const adjust = (policy: Policy): Policy => ({
    ...policy,
    surface: "cli",
    ...(allowRemovals === undefined ? {} : { allowRemovals }),
  });
  if (state === undefined) {
    return createConfigTargets(run, context.io.env, { mode, logger: context.output.logger }, adjust);
  }
  const [only, ...others] = run.vendors;
  if (only === undefined || others.length > 0) {
    throw new ConfigError(
      "--state",
      `--state holds one vendor's directory: add --vendor <id> to say which of ${run.config.file}'s vendors it is.`,
    );
  }
  const module = getVendorModule(only.id);
  const directory = await loadDirectorySnapshot(state);
  const vendor = createMemoryVendor(directory, { id: module.id, capabilities: module.capabilities });
  return [{ config: only, vendor, policy: adjust(only.policy) }];
}

/** One line per target at the end of a config run: what each vendor and site will see. */
export interface TargetSummary {
  readonly label: string;
  readonly code: ExitCodeValue;
  readonly plan?: Plan;
  readonly applied?: { readonly applied: number; readonly failed: number; readonly skipped: number };
  readonly error?: string;
}

export function summaryLine(summary: TargetSummary): string {
  const { plan } = summary;
  if (summary.error !== undefined) return `${summary.label}: error: ${summary.error}`;
  if (plan === undefined) return `${summary.label}: not planned`;
  if (
    summary.code === ExitCode.failed &&
    summary.applied === undefined &&
    plan.diagnostics.some((d) => d.severity === "error")
  ) {
    return `${summary.label}: invalid, nothing planned`;
  }
  const changes = `${plan.counts.total} ${plan.counts.total === 1 ? "change" : "changes"} (${plan.counts.destructive} destructive)`;
  const verdict = summary.code === ExitCode.unsafe ? ", UNSAFE" : "";
  const applied =
    summary.applied === undefined
      ? ""
      : `; applied ${summary.applied.applied}, failed ${summary.applied.failed}, skipped ${summary.applied.skipped}`;
  return `${summary.label}: ${changes}${verdict}${applied}; checksum ${plan.checksum.slice(0, 12)}`;
}

export function labelOf(target: ConfigTarget): string {
  return targetLabel({ vendor: target.vendor.id, target: target.vendor.target });
}

/** The summary line of a target that could not be planned or applied. */
export function failedSummary(label: string, error: unknown, output: Output): TargetSummary {
  return { label, code: exitCodeForError(error), error: describeError(error, output) };
}

/** An unsafe plan of a config run: the acknowledgement applies to the vendor `--vendor` names. */
export function configUnsafeMessage(plan: Plan): string {
  return `${unsafeMessage(plan, "cli")} (with --vendor ${plan.vendor})`;
}

/**
 * Plans every target at once (no vendor waits on another), then hands each plan to `onPlan` in
 * roster.yml's order; a target that could not be planned gets its summary line with the error.
 */
export async function planEachTarget(
  targets: readonly ConfigTarget[],
  users: MultiVendorUsers,
  serverCheck: boolean,
  context: CommandContext,
  summaries: TargetSummary[],
  onPlan: (target: ConfigTarget, label: string, plan: Plan) => void,
): Promise<void> {
  const settled = await Promise.allSettled(
    targets.map((target) =>
      planConfigTarget({ users, target, context: vendorContext(context, NO_PROGRESS), serverCheck }),
    ),
  );
  for (const [index, result] of settled.entries()) {
    const target = targets[index];
    if (target === undefined) continue;
    const label = labelOf(target);
    if (result.status === "rejected") summaries.push(failedSummary(label, result.reason, context.output));
    else onPlan(target, label, result.value.plan);
  }
}

/** No progress display: several vendors are read at once, and their bars would overwrite each other. */
export const NO_PROGRESS: Progress = { clear: () => {}, halt: () => undefined };
