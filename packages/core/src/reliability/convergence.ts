import { setTimeout as delay } from "node:timers/promises";
import { type ApplyForVendorOutput, applyForVendor, planForVendor } from "../engine/run-plan.js";
import type { DesiredState } from "../model/desired.js";
import type { Policy } from "../model/policy.js";
import type { AppliedChange, Change, Plan } from "../plan/types.js";
import type { Logger, Vendor, VendorContext } from "../vendors/vendor.js";

/** A logger that keeps every line, so tests can search them (secrets, retries). */
export function recordingLogger(): Logger & { readonly lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (message) => lines.push(message),
    warn: (message) => lines.push(message),
    debug: (message) => lines.push(message),
  };
}

/** The subject a change is about: its user, or its group for create-group. */
export function changeSubject(change: Change): string {
  return change.kind === "create-group" ? `group:${change.group}` : `user:${change.email}`;
}

function groupsOf(change: Change): readonly string[] {
  return change.kind === "add-to-groups" || change.kind === "remove-from-groups" ? change.groups : [];
}

/** True when `later` still asks for (part of) what `earlier` did. */
function overlaps(earlier: Change, later: Change): boolean {
  if (earlier.kind !== later.kind || changeSubject(earlier) !== changeSubject(later)) return false;
  if (earlier.kind === "add-to-groups" || earlier.kind === "remove-from-groups") {
    const wanted = new Set(groupsOf(later));
    return groupsOf(earlier).some((group) => wanted.has(group));
  }
  if (earlier.kind === "set-attribute" && later.kind === "set-attribute") return earlier.attribute === later.attribute;
  if (earlier.kind === "update-user" && later.kind === "update-user") {
    const fields = new Set(later.fields.map((field) => field.field));
    return earlier.fields.some((field) => fields.has(field.field));
  }
  return true;
}

/**
 * Checks reported outcomes against the truth: a plan made afterwards from the vendor's real state.
 * An applied change must not be needed again; a failed or skipped one must be (its subject still
 * has a change), and a failure must say why. Returns the problems found, empty when honest.
 */
export function outcomeProblems(results: readonly AppliedChange[], next: Plan): string[] {
  const problems: string[] = [];
  for (const { change, outcome } of results) {
    const subject = changeSubject(change);
    if (outcome.status === "applied") {
      const still = next.changes.find((later) => overlaps(change, later));
      if (still)
        problems.push(`${change.kind} ${subject} reported applied but still planned: ${JSON.stringify(still)}`);
    } else if (outcome.status === "unknown") {
      // Unknown says plainly that the vendor may or may not have acted: any truth is consistent,
      // but it must say why.
      if (outcome.message.trim() === "") problems.push(`${change.kind} ${subject} unknown without a reason`);
    } else if (outcome.status === "failed") {
      if (outcome.message.trim() === "") problems.push(`${change.kind} ${subject} failed without a reason`);
      // A failed create must really be absent, unless the failure is a follow-up (attributes of
      // a member that was created) or the outcome says plainly that the vendor may have acted.
      const followUp = /created, but|may have/i.test(outcome.message);
      const needed = next.changes.some((later) =>
        change.kind === "create-user" && !followUp
          ? later.kind === "create-user" && changeSubject(later) === subject
          : changeSubject(later) === subject,
      );
      // "may have acted": the answer was lost and the outcome says the truth is unknown.
      if (!needed && !/may have/i.test(outcome.message))
        problems.push(`${change.kind} ${subject} reported failed (${outcome.message}) but it is in place`);
    } else if (!next.changes.some((later) => changeSubject(later) === subject)) {
      problems.push(`${change.kind} ${subject} reported skipped (${outcome.reason}) but it is in place`);
    }
  }
  return problems;
}

/** Every change has exactly one result, in plan order, and the counts add up. */
export function reportProblems(output: ApplyForVendorOutput): string[] {
  const { plan, result } = output;
  if (result === undefined) return [`apply refused: ${output.refused ?? "?"}`];
  const problems: string[] = [];
  if (result.results.length !== plan.changes.length) {
    problems.push(`${plan.changes.length} changes but ${result.results.length} results`);
  }
  result.results.forEach((entry, index) => {
    if (entry.change !== plan.changes[index]) problems.push(`result ${index} is not change ${index}`);
  });
  const { applied, failed, skipped, unknown = 0 } = result.counts;
  if (applied + failed + skipped + unknown !== plan.changes.length)
    problems.push(`counts ${applied}+${failed}+${skipped}+${unknown} ≠ total`);
  return problems;
}

export interface RunRecord {
  readonly run: number;
  /** Undefined when the run ended before apply returned (a read that failed for good). */
  readonly output?: ApplyForVendorOutput;
  readonly error?: unknown;
  /** Outcome/truth mismatches found after this run. */
  readonly problems: readonly string[];
}

export interface ConvergeInput {
  readonly desired: DesiredState;
  readonly policy: Policy;
  /** A fresh vendor per run (a rerun is a new process). */
  readonly makeVendor: (logger: Logger) => Vendor;
  /** Turns the faults on or off; the truth is read with faults off. */
  readonly setFaults: (on: boolean) => void;
  /** Real time for answers the client gave up on to land (the slow fault's latency). */
  readonly settleMs: number;
  readonly maxRuns: number;
  readonly logger: Logger;
  /**
   * Also check that every plan a faulty run made is the plan a clean read gives (the corrupt-answer
   * suites): a plan may never come from an answer Roster should not have trusted.
   */
  readonly plansMatchCleanReads?: boolean;
}

/**
 * Applies under faults, then (faults off) plans again to check every reported outcome, and
 * repeats until a plan is empty or `maxRuns` is spent. Returns the record of each run and the
 * final plan, which should be empty.
 */
export async function applyUntilConverged(input: ConvergeInput): Promise<{ runs: RunRecord[]; finalPlan: Plan }> {
  const runs: RunRecord[] = [];
  const context: VendorContext = { logger: input.logger };
  const truth = async (): Promise<Plan> => {
    input.setFaults(false);
    const vendor = input.makeVendor(input.logger);
    try {
      return (await planForVendor({ desired: input.desired, vendor, policy: input.policy, context })).plan;
    } finally {
      await vendor.close();
    }
  };
  let clean = input.plansMatchCleanReads === true ? await truth() : undefined;
  for (let run = 1; run <= input.maxRuns; run++) {
    input.setFaults(true);
    const vendor = input.makeVendor(input.logger);
    let output: ApplyForVendorOutput | undefined;
    let error: unknown;
    try {
      output = await applyForVendor({ ...input, vendor, context, stopOnError: false });
    } catch (caught) {
      error = caught;
    } finally {
      await vendor.close();
    }
    await delay(input.settleMs);
    const next = await truth();
    const problems =
      output === undefined ? [] : [...reportProblems(output), ...outcomeProblems(output.result?.results ?? [], next)];
    if (output !== undefined && clean !== undefined && output.plan.checksum !== clean.checksum) {
      problems.push(`run ${run} planned ${output.plan.changes.length} changes, a clean read ${clean.changes.length}`);
    }
    if (clean !== undefined) clean = next;
    runs.push({ run, ...(output !== undefined && { output }), ...(error !== undefined && { error }), problems });
    if (next.changes.length === 0) return { runs, finalPlan: next };
  }
  return { runs, finalPlan: await truth() };
}

/** Numbers for the record (README, reports): printed only with RELIABILITY_STATS=1, tests stay quiet. */
export function printStats(label: string, stats: Readonly<Record<string, unknown>>): void {
  if (process.env.RELIABILITY_STATS !== "1") return;
  process.stdout.write(`${label}: ${JSON.stringify(stats)}\n`);
}

/** Summary of a converge loop: outcome counts per run and the warnings the HTTP layer logged. */
export function runStats(runs: readonly RunRecord[], logLines: readonly string[]): Record<string, unknown> {
  return {
    runs: runs.length,
    changes: runs[0]?.output?.plan.changes.length,
    outcomes: runs.map((run) => run.output?.result?.counts ?? `threw: ${String(run.error).slice(0, 80)}`),
    retries: logLines.filter((line) => line.includes("retrying")).length,
    timeouts: logLines.filter((line) => line.includes("timed out")).length,
  };
}
