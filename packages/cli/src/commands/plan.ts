import { getVendorModule, hasErrors, type Plan, planForVendor, renderPlanJson, renderPlanText } from "@roster/core";
import type { CommandContext } from "../command-context.js";
import { ExitCode, type ExitCodeValue, worstExitCode } from "../exit-codes.js";
import { type PolicyFlags, policyFromFlags } from "../options.js";
import { printInvalidInput, printJson } from "../print.js";
import { withProgress } from "../progress.js";
import { createTargets, planExitCode, readDesired, unsafeMessage, vendorContext } from "../targets.js";

export interface PlanFlags extends PolicyFlags {
  readonly vendor: string;
  readonly json?: boolean;
  readonly state?: string;
  readonly serverCheck?: boolean;
}

/**
 * `roster plan <csv> --vendor <id>`: what apply would change, read-only. The vendor is built in
 * `plan` mode, so its HTTP layer refuses every mutating request (design.md, Safety).
 */
export async function runPlan(csv: string, flags: PlanFlags, context: CommandContext): Promise<ExitCodeValue> {
  const { output } = context;
  const module = getVendorModule(flags.vendor);
  const policy = policyFromFlags(flags);
  const desired = await readDesired(csv, module);
  if (hasErrors(desired.diagnostics))
    return printInvalidInput(desired.file, desired.diagnostics, flags.json === true, output);

  const vendors = await createTargets(module, flags.state, "plan", context);
  const plans: Plan[] = [];
  const codes: ExitCodeValue[] = [];
  try {
    for (const vendor of vendors) {
      const { plan } = await withProgress(context.io.stderr, (progress) =>
        planForVendor({
          desired,
          vendor,
          policy,
          context: vendorContext(context, progress),
          serverCheck: flags.serverCheck === true,
        }),
      );
      plans.push(plan);
      if (flags.json !== true) output.out(renderPlanText(plan));
      const code = planExitCode(plan);
      if (code === ExitCode.unsafe) output.err(unsafeMessage(plan));
      codes.push(code);
    }
  } finally {
    await Promise.all(vendors.map((vendor) => vendor.close()));
  }
  if (flags.json === true) printJson(plans.map(renderPlanJson), output);
  return worstExitCode(codes);
}
