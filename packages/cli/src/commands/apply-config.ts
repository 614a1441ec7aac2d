import {
  type ApplyForVendorOutput,
  applyConfigTarget,
  ConfigError,
  type ConfigTarget,
  describeRefusal,
  ExitCode,
  type ExitCodeValue,
  exitCodeFor,
  type MultiVendorUsers,
  renderApplyJson,
  renderPlanText,
} from "@roster/core";
import type { CommandContext } from "../command-context.js";
import {
  configUnsafeMessage,
  failedSummary,
  labelOf,
  NO_PROGRESS,
  planEachTarget,
  startConfigRun,
  summaryLine,
  type TargetSummary,
} from "../config-mode.js";
import { confirm } from "../confirm.js";
import { worstExitCode } from "../exit-codes.js";
import { printJson, refusedJson } from "../print.js";
import { vendorContext } from "../targets.js";
import type { ApplyFlags } from "./apply.js";

type ConfigApplyFlags = Omit<ApplyFlags, "vendor"> & { readonly vendor?: string };

/**
 * `roster apply` with roster.yml: every vendor and site, each with its own plan and safety verdict.
 * Without `--yes`, all are planned at once and shown, one question covers them all, and each is
 * then applied pinned to the checksum shown, so a directory that moved meanwhile is refused. A
 * vendor whose plan is unsafe or that cannot be reached is not applied; the others are.
 */
export async function runConfigApply(
  configPath: string,
  csv: string | undefined,
  flags: ConfigApplyFlags,
  context: CommandContext,
): Promise<ExitCodeValue> {
  const { io, output } = context;
  const json = flags.json === true;
  if (flags.yes !== true && io.stdin.isTTY !== true) {
    output.err("Refusing to apply without confirmation: there is no terminal to ask on. Pass --yes to apply.");
    return ExitCode.usage;
  }
  const started = await startConfigRun(configPath, csv, flags, "apply", context);
  if (typeof started === "number") return started;
  const { run, users, targets } = started;
  if (flags.checksum !== undefined && targets.length !== 1) {
    await Promise.all(targets.map((t) => t.vendor.close()));
    throw new ConfigError(
      "--checksum",
      "--checksum pins one plan: add --vendor <id> (a vendor with one site) to say which.",
    );
  }
  const summaries: TargetSummary[] = [];
  const documents: string[] = [];
  try {
    let pinned: Map<ConfigTarget, string | undefined>;
    if (flags.yes === true) {
      pinned = new Map(targets.map((t) => [t, flags.checksum]));
    } else {
      const reviewed = await review(targets, users, flags, context, summaries, documents);
      if (reviewed === undefined) return worstExitCode([ExitCode.failed, ...summaries.map((s) => s.code)]);
      pinned = reviewed;
    }
    const applying = [...pinned.keys()];
    const settled = await Promise.allSettled(
      applying.map((target) => {
        const expectedChecksum = pinned.get(target);
        return applyConfigTarget({
          users,
          target,
          context: vendorContext(context, NO_PROGRESS),
          stopOnError: flags.stopOnError === true,
          serverCheck: flags.serverCheck === true,
          ...(expectedChecksum === undefined ? {} : { expectedChecksum }),
        });
      }),
    );
    for (const [index, result] of settled.entries()) {
      const target = applying[index];
      if (target === undefined) continue;
      summaries.push(reportApplied(labelOf(target), result, pinned.get(target), flags, context, documents));
    }
  } finally {
    await Promise.all(targets.map((target) => target.vendor.close()));
  }
  if (json) printJson(documents, output);
  const summary = [`Summary (${run.config.file}):`, ...summaries.map((s) => `  ${summaryLine(s)}`)].join("\n");
  if (json) output.err(summary);
  else output.out(summary);
  return worstExitCode(summaries.map((s) => s.code));
}

/** Plans every target, shows the plans, asks once. Returns the targets to apply with their checksums. */
async function review(
  targets: readonly ConfigTarget[],
  users: MultiVendorUsers,
  flags: ConfigApplyFlags,
  context: CommandContext,
  summaries: TargetSummary[],
  documents: string[],
): Promise<Map<ConfigTarget, string> | undefined> {
  const { output } = context;
  const show = (text: string): void => (flags.json === true ? output.err(text) : output.out(text));
  const ready = new Map<ConfigTarget, string>();
  let count = 0;
  await planEachTarget(targets, users, flags.serverCheck === true, context, summaries, (target, label, plan) => {
    show(renderPlanText(plan));
    const code = exitCodeFor({ plan });
    if (code !== ExitCode.ok) {
      if (code === ExitCode.unsafe) output.err(configUnsafeMessage(plan));
      documents.push(refusedJson(code === ExitCode.unsafe ? "unsafe" : "invalid", plan));
      summaries.push({ label, code, plan });
      return;
    }
    if (plan.changes.length === 0) {
      summaries.push({ label, code, plan });
      return;
    }
    if (flags.checksum !== undefined && flags.checksum !== plan.checksum) {
      output.err(describeRefusal("checksum", plan, flags.checksum));
      summaries.push({ label, code: ExitCode.failed, plan });
      return;
    }
    ready.set(target, plan.checksum);
    count += plan.changes.length;
  });
  if (ready.size === 0) return new Map();
  const where = [...ready.keys()].map(labelOf).join(", ");
  const yes = await confirm(context.io, `Apply ${count} ${count === 1 ? "change" : "changes"} to ${where}?`);
  if (!yes) {
    output.err("Apply cancelled: nothing was changed.");
    return undefined;
  }
  return ready;
}

function reportApplied(
  label: string,
  result: PromiseSettledResult<ApplyForVendorOutput>,
  expectedChecksum: string | undefined,
  flags: ConfigApplyFlags,
  context: CommandContext,
  documents: string[],
): TargetSummary {
  const { output } = context;
  if (result.status === "rejected") return failedSummary(label, result.reason, output);
  const applied = result.value;
  const code = exitCodeFor(applied);
  if (applied.result === undefined) {
    if (flags.json !== true) output.out(renderPlanText(applied.plan));
    output.err(
      applied.refused === "unsafe"
        ? configUnsafeMessage(applied.plan)
        : describeRefusal(applied.refused ?? "invalid", applied.plan, expectedChecksum),
    );
    documents.push(refusedJson(applied.refused ?? "invalid", applied.plan));
    return { label, code, plan: applied.plan };
  }
  if (flags.json !== true) output.out(renderPlanText(applied.plan, applied.result));
  documents.push(renderApplyJson(applied.result));
  return { label, code, plan: applied.plan, applied: applied.result.counts };
}
