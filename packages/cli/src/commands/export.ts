import { writeFile } from "node:fs/promises";
import {
  ConfigError,
  createConfigTargets,
  type Directory,
  directoryToSnapshot,
  ExitCode,
  type ExitCodeValue,
  type ExportTarget,
  exportMultiVendorCsv,
  exportUsersCsv,
  getVendorModule,
  prepareConfigRun,
  type Vendor,
} from "@roster/core";
import type { CommandContext } from "../command-context.js";
import { findConfig, NO_PROGRESS, requireVendor } from "../config-mode.js";
import { vendorContext } from "../targets.js";

export interface ExportFlags {
  readonly vendor?: string;
  readonly config?: string;
  readonly output?: string;
  readonly format?: string;
}

/**
 * `roster export`: reads the live vendor(s), read-only (vendors are built in plan mode, so the
 * HTTP layer refuses any write), and writes a file that plans to zero changes against them:
 * - without roster.yml, `--vendor V`: users.csv in the single-vendor format;
 * - with roster.yml: every vendor and site merged by email in its format (company groups where
 *   the mapping gives them unambiguously); `--vendor` narrows it to one vendor's people;
 * - `--format snapshot`: the directory as the JSON `--state` reads (docs/directory-snapshot.schema.json),
 *   for one vendor with one site.
 * Written to `-o FILE`, or stdout. Counts, timing and anything not written exactly go to stderr.
 */
export async function runExport(flags: ExportFlags, context: CommandContext): Promise<ExitCodeValue> {
  const { io, output } = context;
  const format = flags.format ?? "csv";
  if (format !== "csv" && format !== "snapshot") {
    throw new ConfigError("--format", `--format must be csv or snapshot; got "${format}".`);
  }
  const started = performance.now();
  const configPath = findConfig(flags);
  let targets: { key: string; vendor: Vendor }[];
  let merge: ((read: ExportTarget[]) => { text: string; users: number; warnings: readonly string[] }) | undefined;
  if (configPath !== undefined) {
    const run = await prepareConfigRun({
      path: configPath,
      ...(flags.vendor === undefined ? {} : { only: flags.vendor }),
    });
    const built = await createConfigTargets(run, io.env, { mode: "plan", logger: output.logger });
    targets = built.map((t) => ({
      key:
        t.vendor.target !== undefined && (t.config.sites ?? []).length > 0
          ? `${t.vendor.id}.${t.vendor.target}`
          : t.vendor.id,
      vendor: t.vendor,
    }));
    merge = (read) => exportMultiVendorCsv(run.config, read);
  } else {
    const module = getVendorModule(requireVendor(flags.vendor));
    targets = module
      .create(io.env, { mode: "plan", logger: output.logger })
      .map((vendor) => ({ key: module.id, vendor }));
  }
  try {
    if (targets.length !== 1 && (format === "snapshot" || merge === undefined)) {
      throw new ConfigError(
        format === "snapshot" ? "--format" : "PERISCOPE_SITE",
        format === "snapshot"
          ? "--format snapshot holds one directory: narrow to one vendor with one site (--vendor, PERISCOPE_SITE)."
          : "PERISCOPE_SITE names several sites: export one site at a time, or list the sites in roster.yml to merge them into one file.",
      );
    }
    const directories: Directory[] = await Promise.all(
      targets.map((t) => t.vendor.read(vendorContext(context, NO_PROGRESS))),
    );
    let text: string;
    let users: number;
    let warnings: readonly string[] = [];
    const [first] = targets;
    const [directory] = directories;
    if (format === "snapshot" && first !== undefined && directory !== undefined) {
      text = directoryToSnapshot(directory);
      users = directory.users.length;
    } else if (merge !== undefined) {
      const read: ExportTarget[] = targets.map((t, i) => ({
        key: t.key,
        id: t.vendor.id,
        directory: directories[i] as Directory,
        capabilities: t.vendor.capabilities,
      }));
      ({ text, users, warnings } = merge(read));
    } else if (first !== undefined && directory !== undefined) {
      ({ text, users, warnings } = exportUsersCsv(directory, first.vendor.capabilities));
    } else {
      return ExitCode.failed;
    }
    if (flags.output === undefined) io.stdout.write(text);
    else await writeFile(flags.output, text, "utf8");
    for (const warning of warnings) output.logger.warn(warning);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    output.err(
      `Exported ${users} ${users === 1 ? "user" : "users"} from ${targets.map((t) => t.key).join(", ")}` +
        `${flags.output === undefined ? "" : ` to ${flags.output}`} in ${seconds} s (read-only).`,
    );
    return ExitCode.ok;
  } finally {
    await Promise.all(targets.map((t) => t.vendor.close()));
  }
}
