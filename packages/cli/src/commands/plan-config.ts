import { hasErrors, type Plan, planConfigTarget, renderPlanJson, renderPlanText } from "@roster/core";
import type { CommandContext } from "../command-context.js";
import {
  configTargets,
  labelOf,
  NO_PROGRESS,
  prepareConfig,
  refusePolicyFlags,
  summaryLine,
  type TargetSummary,
} from "../config-mode.js";
import { ExitCode, type ExitCodeValue, exitCodeForError, worstExitCode } from "../exit-codes.js";
import { describeError } from "../output.js";
import { printInvalidInput, printJson } from "../print.js";
import { planExitCode, unsafeMessage, vendorContext } from "../targets.js";
import type { PlanFlags } from "./plan.js";

/**
 * `roster plan` with roster.yml: every vendor and site it names (or the one `--vendor` names) is
 * read at the same time, each gets its own plan, checksum and safety verdict, and one summary
 * closes the output. A vendor that cannot be reached is reported in the summary; the others are
 * still planned.
 */
export async function runConfigPlan(
  configPath: string,
  csv: string | undefined,
  flags: Omit<PlanFlags, "vendor"> & { readonly vendor?: string },
  context: CommandContext,
): Promise<ExitCodeValue> {
  const { output } = context;
  const json = flags.json === true;
  const allowRemovals = refusePolicyFlags(flags, configPath);
  const { run, users } = await prepareConfig(configPath, csv, flags.vendor);
  if (hasErrors(users.diagnostics)) return printInvalidInput(users.files.join(", "), users.diagnostics, json, output);
  const targets = await configTargets(run, flags.state, "plan", context, allowRemovals);
  let settled: PromiseSettledResult<{ plan: Plan }>[];
  try {
    settled = await Promise.allSettled(
      targets.map((target) =>
        planConfigTarget({
          users,
          target,
          context: vendorContext(context, NO_PROGRESS),
          serverCheck: flags.serverCheck === true,
        }),
      ),
    );
  } finally {
    await Promise.all(targets.map((target) => target.vendor.close()));
  }
  const summaries: TargetSummary[] = [];
  const plans: string[] = [];
  for (const [index, result] of settled.entries()) {
    const target = targets[index];
    if (target === undefined) continue;
    const label = labelOf(target);
    if (result.status === "rejected") {
      summaries.push({ label, code: exitCodeForError(result.reason), error: describeError(result.reason, output) });
      continue;
    }
    const { plan } = result.value;
    const code = planExitCode(plan);
    if (!json) output.out(renderPlanText(plan));
    if (code === ExitCode.unsafe) output.err(`${unsafeMessage(plan)} (with --vendor ${plan.vendor})`);
    plans.push(renderPlanJson(plan));
    summaries.push({ label, code, plan });
  }
  const summary = [
    `Summary (${run.config.file}, ${users.files.join(", ")}):`,
    ...summaries.map((s) => `  ${summaryLine(s)}`),
  ].join("\n");
  if (json) {
    printJson(plans, output);
    output.err(summary);
  } else output.out(summary);
  return worstExitCode(summaries.map((s) => s.code));
}
