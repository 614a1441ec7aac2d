import { ExitCode, type ExitCodeValue, exitCodeFor, renderPlanJson, renderPlanText } from "@roster/core";
import type { CommandContext } from "../command-context.js";
import {
  configUnsafeMessage,
  planEachTarget,
  startConfigRun,
  summaryLine,
  type TargetSummary,
} from "../config-mode.js";
import { worstExitCode } from "../exit-codes.js";
import { printJson } from "../print.js";
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
  const started = await startConfigRun(configPath, csv, flags, "plan", context);
  if (typeof started === "number") return started;
  const { run, users, targets } = started;
  const summaries: TargetSummary[] = [];
  const plans: string[] = [];
  try {
    await planEachTarget(targets, users, flags.serverCheck === true, context, summaries, (_target, label, plan) => {
      const code = exitCodeFor({ plan });
      if (!json) output.out(renderPlanText(plan));
      if (code === ExitCode.unsafe) output.err(configUnsafeMessage(plan));
      plans.push(renderPlanJson(plan));
      summaries.push({ label, code, plan });
    });
  } finally {
    await Promise.all(targets.map((target) => target.vendor.close()));
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
