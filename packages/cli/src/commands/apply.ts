import {
  type ApplyForVendorOutput,
  type ApplyRefusal,
  type ApplyResult,
  applyForVendor,
  checksumMatches,
  type DesiredState,
  describeRefusal,
  ExitCode,
  type ExitCodeValue,
  exitCodeFor,
  getVendorModule,
  type Plan,
  type Policy,
  planForVendor,
  renderApplyJson,
  targetLabel,
  unsafeMessage,
  type Vendor,
} from "@roster/core";
import type { CommandContext } from "../command-context.js";
import { findConfig, requireCsv, requireVendor } from "../config-mode.js";
import { confirm } from "../confirm.js";
import { worstExitCode } from "../exit-codes.js";
import { explainVendorError } from "../explain-vendor-error.js";
import { type PolicyFlags, parseChecksum, policyFromFlags } from "../options.js";
import { printInvalidInput, printJson, printPlan, refusedJson } from "../print.js";
import { createRunProgress, type Progress, withProgress } from "../progress.js";
import { assertReadable, createTargets, startReadingDesired, vendorContext } from "../targets.js";
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

interface ApplyRun {
  /** Rejects when users.csv is invalid (targets.ts), before anything is planned or asked. */
  readonly desired: Promise<DesiredState>;
  readonly policy: Policy;
  readonly flags: ApplyFlags;
  readonly context: CommandContext;
  readonly progress: Progress;
  readonly signal: AbortSignal;
  /** The target being planned or applied, for error messages. */
  onTarget(vendor: Vendor): void;
}

interface TargetOutcome {
  readonly code: ExitCodeValue;
  /** One JSON document for `--json`: the apply report, or the refused plan. */
  readonly json?: string;
}

/**
 * `roster apply <csv> --vendor <id>`: plans every target (Periscope site) first, shows every plan,
 * asks once (unless `--yes`), then applies and reports each outcome. One run applies all targets or
 * none: when any target's plan is invalid, unsafe or not the reviewed one, nothing is applied, so a
 * "yes" never leads to a partial apply. After the "yes" each plan shown is pinned by its checksum:
 * if a directory moved while the question was open, apply refuses instead of making changes nobody saw.
 */
export async function runApply(
  csvArgument: string | undefined,
  given: ApplyFlags,
  context: CommandContext,
): Promise<ExitCodeValue> {
  // roster.yml: every vendor it names (commands/apply-config.ts).
  const config = findConfig(given);
  if (config !== undefined) return runConfigApply(config, csvArgument, given, context);
  const csv = requireCsv(csvArgument);
  const vendorId = requireVendor(given.vendor);
  // Checked first: a mistyped checksum is a usage error, whatever the vendor holds.
  const flags = given.checksum === undefined ? given : { ...given, checksum: parseChecksum(given.checksum) };
  const { io, output } = context;
  if (flags.yes !== true && io.stdin.isTTY !== true) {
    output.err("Refusing to apply without confirmation: there is no terminal to ask on. Pass --yes to apply.");
    return ExitCode.usage;
  }
  const module = getVendorModule(vendorId);
  const policy = policyFromFlags(flags);
  await assertReadable(csv);
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
  const progress = createRunProgress(io.stderr, output);
  // Ctrl+C cancels gracefully: the bar stops at once, vendors finish the change in flight and report
  // the rest as skipped, so the report stays true and a rerun converges. A second Ctrl+C quits.
  const cancel = new AbortController();
  const unsubscribe = io.onStop((signal) => {
    const doing = progress.halt();
    output.err(
      `${signal}: stopping${doing === undefined ? "" : ` (${doing})`}: the change in flight finishes, ` +
        "the rest are reported as skipped. Ctrl+C again quits now.",
    );
    cancel.abort();
  });
  let current: Vendor | undefined;
  const run: ApplyRun = {
    desired: read.valid,
    policy,
    flags,
    context,
    progress,
    signal: cancel.signal,
    onTarget: (vendor) => {
      current = vendor;
    },
  };
  let outcomes: TargetOutcome[];
  try {
    // One target with --yes: plan and apply in one read (applyForVendor refuses an invalid, unsafe
    // or unreviewed plan itself). Otherwise every target is planned and shown before anything is asked.
    const [only] = vendors;
    outcomes =
      vendors.length === 1 && only !== undefined && flags.yes === true
        ? [await applyTarget(only, undefined, run)]
        : await reviewThenApply(vendors, run);
  } catch (error) {
    // Closing the vendors (below) discards a read that started before the file turned out invalid.
    const invalid = await read.invalid();
    if (invalid !== undefined) return printInvalidInput(invalid.file, invalid.diagnostics, flags.json === true, output);
    if (!cancel.signal.aborted) throw explainVendorError(error, module.id, current?.target, io);
    output.err("Cancelled before applying: nothing was changed.");
    return ExitCode.failed;
  } finally {
    unsubscribe();
    progress.halt();
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

const changes = (count: number): string => `${count} ${count === 1 ? "change" : "changes"}`;

async function reviewThenApply(vendors: readonly Vendor[], run: ApplyRun): Promise<TargetOutcome[]> {
  const { context, flags } = run;
  const { output } = context;
  const plans: { readonly vendor: Vendor; readonly plan: Plan }[] = [];
  for (const vendor of vendors) {
    run.onTarget(vendor);
    const { plan } = await withProgress(run.progress, (progress) =>
      planForVendor({
        desired: run.desired,
        vendor,
        policy: run.policy,
        serverCheck: flags.serverCheck === true,
        context: vendorContext(context, progress, run.signal),
      }),
    );
    plans.push({ vendor, plan });
  }
  // With --json, stdout is kept for the one JSON document; the person answering reads stderr.
  for (const { plan } of plans) printPlan(plan, output, { to: flags.json === true ? "err" : "out", preview: true });

  const refusals = plans.map(({ plan }) => refusalOf(plan, flags.checksum));
  if (refusals.some((refusal) => refusal !== undefined)) {
    const outcomes = plans.map(({ plan }, index): TargetOutcome => {
      const refusal = refusals[index];
      if (refusal === undefined) return { code: ExitCode.failed, json: refusedJson("another-target", plan) };
      if (refusal === "unsafe") output.err(unsafeMessage(plan, "cli"));
      else output.err(describeRefusal(refusal, plan, flags.checksum));
      return {
        code: refusal === "checksum" ? ExitCode.failed : exitCodeFor({ plan }),
        json: refusedJson(refusal, plan),
      };
    });
    if (plans.length > 1) {
      const blocked = plans.filter((_, index) => refusals[index] !== undefined).map(({ plan }) => targetLabel(plan));
      output.err(
        `Nothing was applied to any target: ${blocked.join(", ")} must be fixed first (one run applies all targets or none).`,
      );
    }
    return outcomes;
  }

  const pending = plans.filter(({ plan }) => plan.changes.length > 0);
  if (pending.length === 0) return plans.map(({ plan }) => nothingToApply(plan));
  if (flags.yes !== true) {
    const what = pending.map(({ plan }) => `${changes(plan.changes.length)} to ${targetLabel(plan)}`).join(" and ");
    const yes = await confirm(context.io, `Apply ${what}?`);
    if (!yes || run.signal.aborted) {
      output.err("Apply cancelled: nothing was changed.");
      return plans.map(({ plan }) => ({ code: ExitCode.failed, json: refusedJson("declined", plan) }));
    }
  }
  const outcomes: TargetOutcome[] = [];
  for (const { vendor, plan } of plans) {
    if (run.signal.aborted) {
      // Ctrl+C between targets: the ones not reached are reported, not silently dropped.
      outcomes.push({ code: ExitCode.failed, json: refusedJson("cancelled", plan) });
      continue;
    }
    // The plan shown is the plan applied: each target is re-read and must still plan to it.
    outcomes.push(plan.changes.length === 0 ? nothingToApply(plan) : await applyTarget(vendor, plan.checksum, run));
  }
  return outcomes;
}

/** Why a reviewed plan may not be applied, if it may not. */
function refusalOf(plan: Plan, checksum: string | undefined): ApplyRefusal | undefined {
  const code = exitCodeFor({ plan });
  if (code === ExitCode.unsafe) return "unsafe";
  if (code !== ExitCode.ok) return "invalid";
  if (checksum !== undefined && plan.changes.length > 0 && !checksumMatches(checksum, plan.checksum)) return "checksum";
  return undefined;
}

function nothingToApply(plan: Plan): TargetOutcome {
  const nothing: ApplyResult = { plan, results: [], counts: { applied: 0, failed: 0, skipped: 0 }, durationMs: 0 };
  return { code: ExitCode.ok, json: renderApplyJson(nothing) };
}

async function applyTarget(vendor: Vendor, pinned: string | undefined, run: ApplyRun): Promise<TargetOutcome> {
  const { context, flags } = run;
  run.onTarget(vendor);
  const expectedChecksum = pinned ?? flags.checksum;
  const applied = await withProgress(run.progress, (progress) =>
    applyForVendor({
      desired: run.desired,
      vendor,
      policy: run.policy,
      serverCheck: flags.serverCheck === true,
      context: vendorContext(context, progress, run.signal),
      stopOnError: flags.stopOnError === true,
      ...(expectedChecksum === undefined ? {} : { expectedChecksum }),
    }),
  );
  return reportApplied(applied, expectedChecksum, run);
}

function reportApplied(
  applied: ApplyForVendorOutput,
  expectedChecksum: string | undefined,
  run: ApplyRun,
): TargetOutcome {
  const { output } = run.context;
  const json = run.flags.json === true;
  const code = exitCodeFor(applied);
  if (applied.refused !== undefined || applied.result === undefined) {
    if (!json) printPlan(applied.plan, output, { to: "out" });
    output.err(
      applied.refused === "unsafe"
        ? unsafeMessage(applied.plan, "cli")
        : describeRefusal(applied.refused ?? "invalid", applied.plan, expectedChecksum),
    );
    return { code, json: refusedJson(applied.refused ?? "invalid", applied.plan) };
  }
  const result: ApplyResult = applied.result;
  if (!json) printPlan(applied.plan, output, { to: "out", result });
  // The rendered report already ends with the counts; stderr only gets the call to action.
  const failed = result.counts.failed;
  if (failed > 0) {
    output.err(
      `${targetLabel(applied.plan)}: ${changes(failed)} failed; ` +
        "fix the cause and run apply again (applied changes are not repeated).",
    );
  }
  const unknown = result.counts.unknown ?? 0;
  if (unknown > 0) {
    output.err(
      `${targetLabel(applied.plan)}: ${unknown} ${unknown === 1 ? "change has" : "changes have"} an unknown outcome ` +
        "(the vendor's answer was lost or unreadable); run plan to see what is in place, then apply again.",
    );
  }
  return { code, json: renderApplyJson(result) };
}
