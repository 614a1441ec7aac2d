import {
  type ApplyForVendorOutput,
  type ApplyRefusal,
  type ApplyResult,
  applyForVendor,
  type DesiredState,
  describeRefusal,
  exitCodeFor,
  getVendorModule,
  type Plan,
  type Policy,
  planForVendor,
  renderApplyJson,
  renderPlanJson,
  renderPlanText,
  type Vendor,
} from "@roster/core";
import type { CommandContext } from "../command-context.js";
import { findConfig, requireCsv, requireVendor } from "../config-mode.js";
import { confirm } from "../confirm.js";
import { ExitCode, type ExitCodeValue, worstExitCode } from "../exit-codes.js";
import { type PolicyFlags, policyFromFlags } from "../options.js";
import { printInvalidInput, printJson } from "../print.js";
import { withProgress } from "../progress.js";
import {
  createTargets,
  planExitCode,
  startReadingDesired,
  targetLabel,
  unsafeMessage,
  vendorContext,
} from "../targets.js";
import { runConfigApply } from "./apply-config.js";

export interface ApplyFlags extends PolicyFlags {
  /** Required without roster.yml; with one, narrows the run to that vendor. */
  readonly vendor?: string;
  readonly config?: string;
  readonly yes?: boolean;
  readonly stopOnError?: boolean;
  readonly json?: boolean;
  readonly checksum?: string;
  readonly serverCheck?: boolean;
}

interface TargetRun {
  readonly vendor: Vendor;
  /** Rejects when users.csv is invalid (targets.ts), before anything is planned or asked. */
  readonly desired: Promise<DesiredState>;
  readonly policy: Policy;
  readonly flags: ApplyFlags;
  readonly context: CommandContext;
  readonly signal: AbortSignal;
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
export async function runApply(
  csvArgument: string | undefined,
  flags: ApplyFlags,
  context: CommandContext,
): Promise<ExitCodeValue> {
  // roster.yml: every vendor it names (commands/apply-config.ts).
  const config = findConfig(flags);
  if (config !== undefined) return runConfigApply(config, csvArgument, flags, context);
  const csv = requireCsv(csvArgument);
  const vendorId = requireVendor(flags.vendor);
  const { io, output } = context;
  if (flags.yes !== true && io.stdin.isTTY !== true) {
    output.err("Refusing to apply without confirmation: there is no terminal to ask on. Pass --yes to apply.");
    return ExitCode.usage;
  }
  const module = getVendorModule(vendorId);
  const policy = policyFromFlags(flags);
  // The vendor is read while users.csv is parsed; an invalid file still wins over any vendor error.
  const read = startReadingDesired(csv, module);
  let vendors: Vendor[];
  try {
    vendors = await createTargets(module, undefined, "apply", context);
  } catch (error) {
    const invalid = await read.invalid();
    if (invalid === undefined) throw error;
    return printInvalidInput(invalid.file, invalid.diagnostics, flags.json === true, output);
  }
  const desired = read.valid;
  const outcomes: TargetOutcome[] = [];
  // Ctrl+C cancels gracefully: vendors finish the change in flight and report the rest as
  // skipped, so the report stays true and a rerun converges. A second Ctrl+C quits at once.
  const cancel = new AbortController();
  const unsubscribe = io.onStop((signal) => {
    output.err(`${signal}: cancelling; the change in flight finishes, the rest are skipped. Ctrl+C again quits now.`);
    cancel.abort();
  });
  try {
    for (const vendor of vendors) {
      if (cancel.signal.aborted) break;
      outcomes.push(await applyToTarget({ vendor, desired, policy, flags, context, signal: cancel.signal }));
    }
  } catch (error) {
    // Closing the vendors (below) discards a read that started before the file turned out invalid.
    const invalid = await read.invalid();
    if (invalid !== undefined) return printInvalidInput(invalid.file, invalid.diagnostics, flags.json === true, output);
    if (!cancel.signal.aborted) throw error;
    output.err("Cancelled before applying: nothing was changed.");
    return ExitCode.failed;
  } finally {
    unsubscribe();
    await Promise.all(vendors.map((vendor) => vendor.close()));
  }
  if (flags.json === true) {
    printJson(
      outcomes.flatMap((outcome) => (outcome.json === undefined ? [] : [outcome.json])),
      output,
    );
  }
  // A cancelled apply did not do what was asked, even when every change it reached succeeded.
  const cancelled = cancel.signal.aborted ? [ExitCode.failed] : [];
  return worstExitCode([...outcomes.map((outcome) => outcome.code), ...cancelled]);
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
      context: vendorContext(context, progress, run.signal),
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
      context: vendorContext(context, progress, run.signal),
    }),
  );
  // With --json, stdout is kept for the one JSON document; the person answering reads stderr.
  if (flags.json === true) output.err(renderPlanText(plan));
  else output.out(renderPlanText(plan));
  const code = planExitCode(plan);
  if (code === ExitCode.unsafe) output.err(unsafeMessage(plan));
  if (code !== ExitCode.ok) return { code, json: refusedJson(code === ExitCode.unsafe ? "unsafe" : "invalid", plan) };
  if (plan.changes.length === 0) {
    const nothing: ApplyResult = { plan, results: [], counts: { applied: 0, failed: 0, skipped: 0 }, durationMs: 0 };
    return { code: ExitCode.ok, json: renderApplyJson(nothing) };
  }
  if (flags.checksum !== undefined && flags.checksum !== plan.checksum) {
    output.err(describeRefusal("checksum", plan, flags.checksum));
    return { code: ExitCode.failed, json: refusedJson("checksum", plan) };
  }
  const count = plan.changes.length;
  const yes = await confirm(
    context.io,
    `Apply ${count} ${count === 1 ? "change" : "changes"} to ${targetLabel(plan)}?`,
  );
  if (!yes || run.signal.aborted) {
    output.err("Apply cancelled: nothing was changed.");
    return { code: ExitCode.failed };
  }
  return { checksum: plan.checksum };
}

/** `--json` for a target that was not applied: why, and the plan that was refused. */
function refusedJson(refused: ApplyRefusal, plan: Plan): string {
  return JSON.stringify({ refused, plan: JSON.parse(renderPlanJson(plan)) as unknown }, null, 2);
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
    return { code, json: refusedJson(applied.refused ?? "invalid", applied.plan) };
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
