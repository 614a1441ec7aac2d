import {
  ExitCode,
  type ExitCodeValue,
  exitCodeFor,
  getVendorModule,
  type Plan,
  planForVendor,
  renderPlanJson,
  unsafeMessage,
  type Vendor,
} from "@roster/core";
import type { CommandContext } from "../command-context.js";
import { findConfig, requireCsv, requireVendor } from "../config-mode.js";
import { worstExitCode } from "../exit-codes.js";
import { explainVendorError } from "../explain-vendor-error.js";
import { type PolicyFlags, policyFromFlags } from "../options.js";
import { printInvalidInput, printJson, printPlan } from "../print.js";
import { createRunProgress, withProgress } from "../progress.js";
import { assertReadable, createTargets, startReadingDesired, vendorContext } from "../targets.js";
import { runConfigPlan } from "./plan-config.js";

export interface PlanFlags extends PolicyFlags {
  /** Required without roster.yml; with one, narrows the run to that vendor. */
  readonly vendor?: string;
  readonly config?: string;
  readonly json?: boolean;
  readonly state?: string;
  readonly serverCheck?: boolean;
}

/**
 * `roster plan <csv> --vendor <id>`: what apply would change, read-only. The vendor is built in
 * `plan` mode, so its HTTP layer refuses every mutating request (README.md#safety).
 */
export async function runPlan(
  csvArgument: string | undefined,
  flags: PlanFlags,
  context: CommandContext,
): Promise<ExitCodeValue> {
  // roster.yml: every vendor it names (commands/plan-config.ts).
  const config = findConfig(flags);
  if (config !== undefined) return runConfigPlan(config, csvArgument, flags, context);
  const csv = requireCsv(csvArgument);
  const { output } = context;
  const module = getVendorModule(requireVendor(flags.vendor));
  const policy = policyFromFlags(flags);
  await assertReadable(csv);
  // The vendor is read while users.csv is parsed; an invalid file still wins over any vendor error.
  const read = startReadingDesired(csv, module);
  let vendors: Vendor[];
  try {
    vendors = await createTargets(module, flags.state, "plan", context);
  } catch (error) {
    const invalid = await read.invalid();
    if (invalid === undefined) throw error;
    return printInvalidInput(invalid.file, invalid.diagnostics, flags.json === true, output);
  }
  const progress = createRunProgress(context.io.stderr, output);
  const plans: Plan[] = [];
  const codes: ExitCodeValue[] = [];
  let current: Vendor | undefined;
  try {
    for (const vendor of vendors) {
      current = vendor;
      const { plan } = await withProgress(progress, (shown) =>
        planForVendor({
          desired: read.valid,
          vendor,
          policy,
          context: vendorContext(context, shown),
          serverCheck: flags.serverCheck === true,
        }),
      );
      plans.push(plan);
      if (flags.json !== true) printPlan(plan, output, { to: "out" });
      const code = exitCodeFor({ plan });
      if (code === ExitCode.unsafe) output.err(unsafeMessage(plan, "cli"));
      codes.push(code);
    }
  } catch (error) {
    // Closing the vendors (below) discards a read that started before the file turned out invalid.
    const invalid = await read.invalid();
    if (invalid === undefined) throw explainVendorError(error, module.id, current?.target, context.io);
    return printInvalidInput(invalid.file, invalid.diagnostics, flags.json === true, output);
  } finally {
    progress.halt();
    await Promise.all(vendors.map((vendor) => vendor.close()));
  }
  if (flags.json === true) printJson(plans.map(renderPlanJson), output);
  return worstExitCode(codes);
}
