import type { Diagnostic } from "../diagnostics.js";
import type { ChangeOrigin } from "../plan/classify.js";
import type { ApplyResult, Change, ChangeKind, ChangeOutcome, Plan } from "../plan/types.js";
import { CHANGE_KIND_ORDER, isDestructive } from "../plan/types.js";
import { planBanner } from "./banner.js";
import { fitSections, leftOut, renderFitted, type Section } from "./budget.js";
import { changeDetail, changeSubject, describeOutcome, KIND_TITLES } from "./describe-change.js";
import { escapeMarkdown, escapeUrl, MESSAGE_MAX_CHARS } from "./escape.js";
import { outcomeCountsByKind, outcomesFor } from "./outcomes.js";

export interface RenderPlanMarkdownInput {
  readonly plan: Plan;
  readonly result?: ApplyResult;
  /** Per change (same index as plan.changes): introduced by this pull request, or already pending. */
  readonly origins?: readonly ChangeOrigin[];
  /** A link to a line of users.csv (e.g. the blob URL at the PR head with `#L12`). */
  readonly csvUrl?: (line: number, file?: string) => string | undefined;
  /** Where the complete report is when this one is shortened, e.g. "the job summary". */
  readonly fullReportHint?: string;
  /** Makes the hint a link (the Action's uploaded full-plan artifact). */
  readonly fullReportUrl?: string;
  readonly heading?: string;
  /** Default 60,000: under GitHub's 65,536-character comment limit with room for a marker. */
  readonly maxChars?: number;
  /** Set when apply was refused, so the banner says why nothing was applied. */
  readonly refused?: "invalid" | "unsafe" | "checksum" | "superseded";
}

const ORIGIN_LABEL: Readonly<Record<ChangeOrigin, string>> = {
  introduced: "🆕 introduced by this PR",
  pending: "⏳ already pending",
};

const OUTCOME_ICON: Readonly<Record<ChangeOutcome["status"], string>> = {
  applied: "✅",
  failed: "❌",
  skipped: "⏭️",
  unknown: "❔",
};

const SEVERITY_ICON: Readonly<Record<Diagnostic["severity"], string>> = { error: "❌", warning: "⚠️", notice: "ℹ️" };

/**
 * `[line 3, column 2](url)`, or the file's name for a problem of the whole file. With several users
 * files read as one (roster.yml `users:` list), `own` names the row's file when it is not `file`.
 */
export function lineLink(
  file: string,
  csvUrl: ((line: number, file?: string) => string | undefined) | undefined,
  line: number | null,
  column?: number,
  own?: string,
): string {
  if (line === null) return "—";
  const other = own !== undefined && own !== file ? own : undefined;
  const prefix = other === undefined ? "" : `${escapeMarkdown(other)} `;
  const where =
    line === 0
      ? escapeMarkdown(other ?? file)
      : column === undefined
        ? `${prefix}line ${line}`
        : `${prefix}line ${line}, column ${column}`;
  const url = line === 0 ? undefined : csvUrl?.(line, other);
  return url === undefined ? where : `[${where}](${escapeUrl(url)})`;
}

function countsTable(input: RenderPlanMarkdownInput, outcomes: readonly (ChangeOutcome | undefined)[]): string[] {
  const { plan, result } = input;
  const byKind = outcomeCountsByKind(plan, outcomes);
  const header =
    result === undefined
      ? ["| Change | Planned |", "| --- | ---: |"]
      : ["| Change | Planned | Applied | Failed | Skipped |", "| --- | ---: | ---: | ---: | ---: |"];
  const rows: string[] = [];
  for (const kind of CHANGE_KIND_ORDER) {
    const planned = plan.counts[kind];
    if (planned === 0) continue;
    const done = byKind.get(kind) ?? { applied: 0, failed: 0, skipped: 0 };
    const flag = plan.changes.some((c) => c.kind === kind && isDestructive(c)) ? " ⚠️" : "";
    rows.push(
      result === undefined
        ? `| ${KIND_TITLES[kind]}${flag} | ${planned} |`
        : `| ${KIND_TITLES[kind]}${flag} | ${planned} | ${done.applied} | ${done.failed} | ${done.skipped} |`,
    );
  }
  const row = (cells: (string | number)[]) => `| ${cells.join(" | ")} |`;
  const blank = result === undefined ? [] : ["", "", ""];
  const totals =
    result === undefined
      ? []
      : [result.counts.applied, result.counts.failed, result.counts.skipped].map((n) => `**${n}**`);
  return [
    ...header,
    ...rows,
    row(["**Total**", `**${plan.counts.total}**`, ...totals]),
    row([`Destructive (limit ${plan.safety.limit})`, plan.safety.destructive, ...blank]),
    row(["Users unchanged", plan.counts.unchanged, ...blank]),
    row([`Users not in ${escapeMarkdown(plan.file)}, left alone`, plan.counts.unmanaged, ...blank]),
  ];
}

function changeRow(
  input: RenderPlanMarkdownInput,
  change: Change,
  index: number,
  outcomes: readonly (ChangeOutcome | undefined)[],
  withKind: boolean,
): string {
  const cells = [lineLink(input.plan.file, input.csvUrl, change.line, undefined, change.file)];
  if (withKind) cells.push(KIND_TITLES[change.kind]);
  cells.push(escapeMarkdown(changeSubject(change)), escapeMarkdown(changeDetail(change)));
  if (input.origins !== undefined) cells.push(ORIGIN_LABEL[input.origins[index] ?? "introduced"]);
  if (input.result !== undefined) {
    const outcome = outcomes[index];
    cells.push(
      outcome === undefined ? "—" : `${OUTCOME_ICON[outcome.status]} ${escapeMarkdown(describeOutcome(outcome))}`,
    );
  }
  return `| ${cells.join(" | ")} |`;
}

function tableHead(input: RenderPlanMarkdownInput, withKind: boolean): string[] {
  const columns = ["Line", ...(withKind ? ["Change"] : []), "User or group", "Details"];
  if (input.origins !== undefined) columns.push("Origin");
  if (input.result !== undefined) columns.push("Result");
  return [`| ${columns.join(" | ")} |`, `| ${columns.map(() => "---").join(" | ")} |`];
}

/** One problem as a list item: severity, linked location, the message (cut and escaped), its code. */
export function diagnosticLine(
  d: Diagnostic,
  csvUrl?: (line: number, file?: string) => string | undefined,
  planFile?: string,
): string {
  return `- ${SEVERITY_ICON[d.severity]} **${d.severity}** · ${lineLink(planFile ?? d.file, csvUrl, d.line, d.column, d.file)} · ${escapeMarkdown(d.message, MESSAGE_MAX_CHARS)} \`${d.code}\``;
}

/**
 * The plan (or apply report) as GitHub-flavoured markdown for a PR comment or the job summary:
 * banner, counts, problems, destructive changes flagged and open, the rest per kind in
 * collapsed sections. Always within `maxChars`: when the plan is too large, banner and counts
 * stay, destructive changes come first, and a note says exactly how many lines were left out and
 * where the full report is (docs/plan-in-pr.md#never-fail-silently).
 */
export function renderPlanMarkdown(input: RenderPlanMarkdownInput): string {
  const { plan } = input;
  const maxChars = input.maxChars ?? 60_000;
  const outcomes = outcomesFor(plan, input.result);
  const header = [planBanner(plan, input.result, input.refused), ""];
  if (input.heading !== undefined) header.push(`### ${escapeMarkdown(input.heading)}`, "");
  header.push(...countsTable(input, outcomes), "");

  const indexed = plan.changes.map((change, index) => ({ change, index }));
  const destructive = indexed.filter(({ change }) => isDestructive(change));
  const destructiveSection: Section = {
    unit: "changes",
    head: [`#### ⚠️ Destructive changes (${destructive.length})`, "", ...tableHead(input, true)],
    items: destructive.map(({ change, index }) => changeRow(input, change, index, outcomes, true)),
    ids: destructive.map(({ index }) => index),
    tail: [""],
  };
  const failed = indexed.filter(({ index }) => outcomes[index]?.status === "failed");
  const failedSection: Section = {
    unit: "changes",
    head: [`#### ❌ Failed changes (${failed.length})`, "", ...tableHead(input, true)],
    items: failed.map(({ change, index }) => changeRow(input, change, index, outcomes, true)),
    ids: failed.map(({ index }) => index),
    tail: [""],
  };
  const problemsSection: Section = {
    unit: "problems",
    head: [`#### Problems (${plan.diagnostics.length})`, ""],
    items: plan.diagnostics.map((d) => diagnosticLine(d, input.csvUrl, plan.file)),
    ids: plan.diagnostics.map((_, index) => index),
    tail: [""],
  };
  const kindSections = CHANGE_KIND_ORDER.map((kind: ChangeKind): Section => {
    const rows = indexed.filter(({ change }) => change.kind === kind && !isDestructive(change));
    return {
      unit: "changes",
      head: [`<details><summary>${KIND_TITLES[kind]} (${rows.length})</summary>`, "", ...tableHead(input, false)],
      items: rows.map(({ change, index }) => changeRow(input, change, index, outcomes, false)),
      ids: rows.map(({ index }) => index),
      tail: ["", "</details>", ""],
    };
  });

  const footerReserve = 400 + (input.fullReportHint?.length ?? 0);
  const headerText = `${header.join("\n")}\n`;
  const budget = maxChars - headerText.length - footerReserve;
  // Priority when cutting: destructive changes, failures, problems, then the rest in kind order.
  // Failed changes also appear in their kind's section; one is left out only if neither shows it.
  const fitted = fitSections([destructiveSection, failedSection, problemsSection, ...kindSections], budget);
  const [fittedDestructive, fittedFailed, fittedProblems, ...fittedKinds] = fitted;
  const first = [fittedFailed, fittedProblems, fittedDestructive].filter((f) => f !== undefined);
  const body = renderFitted([...first, ...fittedKinds]);

  const cut = leftOut(fitted);
  const footer: string[] = [];
  if (cut.total > 0) {
    const parts = [
      cut.changes > 0 ? `${cut.changes.toLocaleString("en-US")} changes` : "",
      cut.problems > 0 ? `${cut.problems.toLocaleString("en-US")} problems` : "",
    ].filter((p) => p !== "");
    const hint = input.fullReportHint === undefined ? "" : escapeMarkdown(input.fullReportHint);
    const linked = input.fullReportUrl === undefined ? hint : `[${hint}](${escapeUrl(input.fullReportUrl)})`;
    const where = hint === "" ? "" : ` The full plan is in ${linked}.`;
    footer.push(
      `> ✂️ **This report was shortened to fit:** ${cut.total.toLocaleString("en-US")} lines were left out (${parts.join(", ")}). The counts above are complete.${where}`,
      "",
    );
  }
  footer.push(`<sub>Plan checksum \`${plan.checksum}\`</sub>`);
  const text = `${headerText}${[...body, ...footer].join("\n")}\n`;
  if (text.length <= maxChars) return text;
  // Only reachable with a budget too small for banner and counts: cut hard, still saying so.
  const note = "\n\n> ✂️ **Report cut to fit the size limit.**\n";
  return `${text.slice(0, Math.max(0, maxChars - note.length))}${note}`;
}
