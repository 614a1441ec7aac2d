import {
  type ApplyForVendorOutput,
  type ApplyResult,
  applyForVendor,
  type DesiredState,
  describeRefusal,
  exitCodeFor,
  getVendorModule,
  hasErrors,
  type Policy,
  planForVendor,
  renderApplyJson,
  renderPlanJson,
  renderPlanText,
  type Vendor,
} from "@roster/core";
import type { CommandContext } from "../command-context.js";
import { confirm } from "../confirm.js";
import { ExitCode, type ExitCodeValue, worstExitCode } from "../exit-codes.js";
import { type PolicyFlags, policyFromFlags } from "../options.js";
import { printInvalidInput, printJson } from "../print.js";
import { withProgress } from "../progress.js";
import { createTargets, planExitCode, readDesired, targetLabel, unsafeMessage, vendorContext } from "../targets.js";

export interface ApplyFlags extends PolicyFlags {
  readonly vendor: string;
  readonly yes?: boolean;
  readonly stopOnError?: boolean;
  readonly json?: boolean;
  readonly checksum?: string;
  readonly serverCheck?: boolean;
}

interface TargetRun {
  readonly vendor: Vendor;
  readonly desired: DesiredState;
  readonly policy: Policy;
  readonly flags: ApplyFlags;
  readonly context: CommandContext;
}

interface TargetOutcome {
  readonly code: ExitCodeValue;
  /** One JSON document for `--json`: the apply report, or the refused plan. */
  readonly json?: string;
}

/**
 * `roster apply <csv> --vendor <id>`: plans, asks (unless `--yes`), applies, reports each outcome.
 * After a "yes" the plan shown is pinned by its checksum: if the directory moved while the question
 * was open, apply refuses instead of making changes nobody saw.
 */
export async function runApply(csv: string, flags: ApplyFlags, context: CommandContext): Promise<ExitCodeValue> {
  const { io, output } = context;
  if (flags.yes !== true && io.stdin.isTTY !== true) {
    output.err("Refusing to apply without confirmation: there is no terminal to ask on. Pass --yes to apply.");
    return ExitCode.usage;
  }
  const module = getVendorModule(flags.vendor);
  const policy = policyFromFlags(flags);
  const desired = await readDesired(csv, module);
  if (hasErrors(desired.diagnostics)) {
    return printInvalidInput(desired.file, desired.diagnostics, flags.json === true, output);
  }
  const vendors = await createTargets(module, undefined, "apply", context);
  const outcomes: TargetOutcome[] = [];
  try {
    for (const vendor of vendors) outcomes.push(await applyToTarget({ vendor, desired, policy, flags, context }));
  } finally {
    await Promise.all(vendors.map((vendor) => vendor.close()));
  }
  if (flags.json === true) {
    printJson(
      outcomes.flatMap((outcome) => (outcome.json === undefined ? [] : [outcome.json])),
      output,
    );
  }
  return worstExitCode(outcomes.map((outcome) => outcome.code));
}

async function applyToTarget(run: TargetRun): Promise<TargetOutcome> {
  const { context, flags } = run;
  const base = {
    desired: run.desired,
    vendor: run.vendor,
    policy: run.policy,
    serverCheck: flags.serverCheck === true,
  };
  let expectedChecksum = flags.checksum;
  if (flags.yes !== true) {
    const reviewed = await reviewPlan(run);
    if ("code" in reviewed) return reviewed;
    expectedChecksum = reviewed.checksum;
  }
  const applied = await withProgress(context.io.stderr, (progress) =>
    applyForVendor({
      ...base,
      context: vendorContext(context, progress),
      stopOnError: flags.stopOnError === true,
      ...(expectedChecksum === undefined ? {} : { expectedChecksum }),
    }),
  );
  return reportApplied(applied, expectedChecksum, run);
}

/** Shows the plan and asks. Returns the checksum to pin, or the outcome when there is nothing to apply. */
async function reviewPlan(run: TargetRun): Promise<{ readonly checksum: string } | TargetOutcome> {
  const { context, flags } = run;
  const { output } = context;
  const { plan } = await withProgress(context.io.stderr, (progress) =>
    planForVendor({
      desired: run.desired,
      vendor: run.vendor,
      policy: run.policy,
      serverCheck: flags.serverCheck === true,
      context: vendorContext(context, progress),
    }),
  );
  output.out(renderPlanText(plan));
  const code = planExitCode(plan);
  if (code === ExitCode.unsafe) output.err(unsafeMessage(plan));
  if (code !== ExitCode.ok) return { code, json: renderPlanJson(plan) };
  if (plan.changes.length === 0) return { code: ExitCode.ok };
  if (flags.checksum !== undefined && flags.checksum !== plan.checksum) {
    output.err(describeRefusal("checksum", plan, flags.checksum));
    return { code: ExitCode.failed, json: renderPlanJson(plan) };
  }
  const count = plan.changes.length;
  const yes = await confirm(
    context.io,
    `Apply ${count} ${count === 1 ? "change" : "changes"} to ${targetLabel(plan)}?`,
  );
  if (!yes) {
    output.err("Apply cancelled: nothing was changed.");
    return { code: ExitCode.failed };
  }
  return { checksum: plan.checksum };
}

function reportApplied(
  applied: ApplyForVendorOutput,
  expectedChecksum: string | undefined,
  run: TargetRun,
): TargetOutcome {
  const { output } = run.context;
  const json = run.flags.json === true;
  const code = exitCodeFor(applied) as ExitCodeValue;
  if (applied.refused !== undefined || applied.result === undefined) {
    if (!json) output.out(renderPlanText(applied.plan));
    output.err(
      applied.refused === "unsafe"
        ? unsafeMessage(applied.plan)
        : describeRefusal(applied.refused ?? "invalid", applied.plan, expectedChecksum),
    );
    return { code, json: JSON.stringify({ refused: applied.refused, plan: JSON.parse(renderPlanJson(applied.plan)) }) };
  }
  const result: ApplyResult = applied.result;
  if (!json) output.out(renderPlanText(applied.plan, result));
  // The rendered report already ends with the counts; stderr only gets the call to action.
  const failed = result.counts.failed;
  if (failed > 0) {
    output.err(
      `${targetLabel(applied.plan)}: ${failed} ${failed === 1 ? "change" : "changes"} failed; ` +
        "fix the cause and run apply again (applied changes are not repeated).",
    );
  }
  return { code, json: renderApplyJson(result) };
}
