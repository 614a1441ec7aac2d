import { relative, resolve, sep } from "node:path";
import type { RosterConfig, VendorConfig } from "../config/load-config.js";
import { loadRosterConfig, settingsWithConfig } from "../config/load-config.js";
import type { UsersFile } from "../config/users-files.js";
import { expandUsersFiles } from "../config/users-files.js";
import { desiredFor as desiredOfTarget, type MultiVendorUsers, readMultiVendorUsers } from "../csv/multi-vendor.js";
import { localiseApplyResult, localisePlan } from "../csv/multi-vendor-lines.js";
import { ConfigError } from "../errors.js";
import type { DesiredState } from "../model/desired.js";
import type { Directory } from "../model/directory.js";
import type { Policy } from "../model/policy.js";
import type { Plan } from "../plan/types.js";
import { getVendorModule } from "../vendors/index.js";
import type { Vendor, VendorContext, VendorFactoryOptions, VendorModule, VendorSettings } from "../vendors/vendor.js";
import { type ApplyForVendorInput, type ApplyForVendorOutput, applyForVendor, planForVendor } from "./run-plan.js";
import { vendorCsvOptions } from "./validate-for-vendor.js";

/** A roster.yml run: the config, the vendors it manages (or the one asked for) and the users files. */
export interface ConfigRun {
  readonly config: RosterConfig;
  readonly vendors: readonly VendorConfig[];
  readonly modules: readonly VendorModule[];
  readonly files: readonly UsersFile[];
}

export interface PrepareConfigRunInput {
  /** Path to roster.yml. */
  readonly path: string;
  /** How messages name roster.yml (default: the path). */
  readonly displayName?: string;
  /**
   * The directory users files are named relative to in messages (default: the working directory),
   * e.g. the repository root in the Action, so `people/a.csv:12` is a path reviewers recognise.
   */
  readonly displayRoot?: string;
  /** Narrow to one vendor (`--vendor`); it must be under `vendors:` in roster.yml. */
  readonly only?: string;
  /** Read these users files instead of roster.yml's `users:` (a local try-out of a change). */
  readonly usersOverride?: readonly string[];
}

/** Loads roster.yml and finds its users files. Throws RosterConfigError / ConfigError. */
export async function prepareConfigRun(input: PrepareConfigRunInput): Promise<ConfigRun> {
  const displayName = input.displayName ?? input.path;
  const loaded = await loadRosterConfig(input.path, displayName);
  const config: RosterConfig =
    input.usersOverride === undefined
      ? loaded
      : { ...loaded, users: input.usersOverride.map((path) => resolve(path)), usersLine: 0 };
  let vendors = config.vendors;
  if (input.only !== undefined) {
    getVendorModule(input.only); // an unknown id gets the list of vendors Roster supports
    vendors = config.vendors.filter((v) => v.id === input.only);
    if (vendors.length === 0) {
      throw new ConfigError(
        "vendor",
        `--vendor ${input.only}: ${displayName} does not manage ${input.only}; its vendors are ${config.vendors.map((v) => v.id).join(", ")}.`,
      );
    }
  }
  const root = resolve(input.displayRoot ?? ".");
  const prefix = relative(root, config.dir).split(sep).join("/");
  const files = await expandUsersFiles(config, prefix);
  return { config, vendors, modules: vendors.map((v) => getVendorModule(v.id)), files };
}

/** Every users file read as one and resolved for each vendor of the run. */
export function readConfigUsers(run: ConfigRun): Promise<MultiVendorUsers> {
  return readMultiVendorUsers(run.files, { config: run.config, modules: run.modules, csvOptions: vendorCsvOptions });
}

/** One vendor target of a config run (a Periscope site is a target of its own). */
export interface ConfigTarget {
  readonly config: VendorConfig;
  readonly vendor: Vendor;
  readonly policy: Policy;
}

/**
 * The live vendors of a run, built from the environment plus roster.yml's settings (credentials
 * never come from roster.yml). Throws ConfigError naming the first missing setting; vendors built
 * before it are closed.
 */
export async function createConfigTargets(
  run: ConfigRun,
  env: VendorSettings,
  options: VendorFactoryOptions,
  /** The policy each target gets from roster.yml, adjusted (an acknowledgement, the surface of hints). */
  adjust: (policy: Policy, target: { id: string; site: string | undefined }) => Policy = (policy) => policy,
): Promise<ConfigTarget[]> {
  const targets: ConfigTarget[] = [];
  try {
    for (const vendorConfig of run.vendors) {
      const module = getVendorModule(vendorConfig.id);
      const settings = settingsWithConfig(env, vendorConfig, run.config.file);
      for (const vendor of module.create(settings, options)) {
        const policy = adjust(vendorConfig.policy, { id: vendor.id, site: vendor.target });
        targets.push({ config: vendorConfig, vendor, policy });
      }
    }
  } catch (error) {
    await Promise.all(targets.map((t) => t.vendor.close()));
    throw error;
  }
  return targets;
}

export interface ConfigTargetInput {
  readonly users: MultiVendorUsers;
  readonly target: ConfigTarget;
  readonly context: VendorContext;
  readonly serverCheck?: boolean;
}

function desiredFor(users: MultiVendorUsers, target: ConfigTarget): DesiredState {
  const desired = desiredOfTarget(users, target.config.id, target.vendor.target);
  if (desired === undefined) throw new ConfigError("vendor", `${target.config.id} was not read from the users files.`);
  return desired;
}

/** planForVendor for one target of a config run; the plan names each row's own file and line. */
export async function planConfigTarget(input: ConfigTargetInput): Promise<{ directory: Directory; plan: Plan }> {
  const { directory, plan } = await planForVendor({
    desired: desiredFor(input.users, input.target),
    vendor: input.target.vendor,
    policy: input.target.policy,
    context: input.context,
    ...(input.serverCheck === undefined ? {} : { serverCheck: input.serverCheck }),
  });
  return { directory, plan: localisePlan(plan, input.users.files) };
}

/**
 * applyForVendor for one target of a config run: with the reviewed checksum (or the accepted
 * ones) when there is one, and the caller's check right before the first write.
 */
export async function applyConfigTarget(
  input: ConfigTargetInput & Pick<ApplyForVendorInput, "stopOnError" | "expectedChecksum" | "beforeWrite">,
): Promise<ApplyForVendorOutput> {
  const out = await applyForVendor({
    desired: desiredFor(input.users, input.target),
    vendor: input.target.vendor,
    policy: input.target.policy,
    context: input.context,
    stopOnError: input.stopOnError,
    ...(input.serverCheck === undefined ? {} : { serverCheck: input.serverCheck }),
    ...(input.expectedChecksum === undefined ? {} : { expectedChecksum: input.expectedChecksum }),
    ...(input.beforeWrite === undefined ? {} : { beforeWrite: input.beforeWrite }),
  });
  return {
    ...out,
    plan: localisePlan(out.plan, input.users.files),
    result: out.result === undefined ? undefined : localiseApplyResult(out.result, input.users.files),
  };
}
