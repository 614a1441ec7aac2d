import * as core from "@actions/core";
import type { DesiredState, Diagnostic, RunMode } from "@roster/core";
import { formatLocation, sortDiagnostics } from "@roster/core";
import { annotateDiagnostics } from "./annotations.js";
import { commentMarker, findOwnComment, metaComment, upsertComment } from "./comment.js";
import type { RunFacts } from "./context.js";
import type { GitHubApi } from "./github.js";
import type { ActionInputs } from "./inputs.js";
import { setOutputs } from "./outputs.js";
import { warnGitHubFailure } from "./report.js";
import { writeSummary } from "./summary.js";

/**
 * The report of a run that never reached the vendor: a pull request from a fork (GitHub gives it
 * no secrets), a pull request without credentials, or an invalid users.csv. It must say plainly
 * that the vendor was not read, so nobody mistakes "valid" for "nothing would change".
 */
export interface OfflineReportInput {
  readonly vendor: string;
  readonly desired: DesiredState;
  /** Why the vendor was not read; undefined when the file's own problems stopped the run. */
  readonly reason: string | undefined;
  /** Cap on the listed problems (the rest are counted). */
  readonly maxRows?: number;
}

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");

function problemRows(diagnostics: readonly Diagnostic[], maxRows: number): string[] {
  const sorted = sortDiagnostics(diagnostics);
  const rows = ["| where | severity | problem |", "| --- | --- | --- |"];
  for (const d of sorted.slice(0, maxRows)) {
    rows.push(`| \`${cell(formatLocation(d))}\` | ${d.severity} | ${cell(d.message)} (\`${d.code}\`) |`);
  }
  if (sorted.length > maxRows) rows.push("", `…and ${sorted.length - maxRows} more.`);
  return rows;
}

export function renderOfflineReport(input: OfflineReportInput): string {
  const { desired, vendor } = input;
  const errors = desired.diagnostics.filter((d) => d.severity === "error").length;
  const lines = ["> [!NOTE]", "> **DRY RUN**: nothing was changed.", "", `### Roster: ${vendor} · ${desired.file}`, ""];
  if (input.reason !== undefined) {
    lines.push(
      `**${vendor} was not read**: ${input.reason}. ${desired.file} was validated offline only (format, columns, emails, duplicates and ${vendor}'s own value rules); the plan of changes appears when the workflow runs with credentials.`,
      "",
    );
  } else {
    lines.push(`**${vendor} was not read**: ${desired.file} has problems to fix first.`, "");
  }
  lines.push(
    errors === 0
      ? `✅ ${desired.file} is valid: ${desired.users.length} user${desired.users.length === 1 ? "" : "s"}.`
      : `❌ ${desired.file} has ${errors} error${errors === 1 ? "" : "s"}.`,
  );
  if (desired.diagnostics.length > 0) lines.push("", ...problemRows(desired.diagnostics, input.maxRows ?? 500));
  return lines.join("\n");
}

export interface OfflineRun {
  readonly inputs: ActionInputs;
  readonly facts: RunFacts;
  readonly desired: DesiredState;
  readonly github: GitHubApi;
  readonly mode: RunMode;
  readonly reason: string | undefined;
  /** The comment targets: each vendor target when known, else one untargeted comment. */
  readonly targets: readonly (string | undefined)[];
}

/** Annotates, summarises, comments (when the token can) and fails only for an invalid file. */
export async function validateOffline(run: OfflineRun): Promise<void> {
  const { inputs, desired, github } = run;
  annotateDiagnostics(desired.diagnostics);
  const markdown = renderOfflineReport({ vendor: inputs.vendor, desired, reason: run.reason });
  await writeSummary([markdown]);
  let commentUrl = "";
  const pr = run.facts.pullRequest;
  if (pr !== undefined && inputs.comment) {
    const ownLogin = await github.getOwnLogin();
    for (const target of run.targets) {
      const marker = commentMarker({ vendor: inputs.vendor, csv: inputs.csv, target });
      const body = `${markdown}\n\n${marker}\n${metaComment({ checksum: "", sha: pr.headSha })}`;
      try {
        commentUrl = (await upsertComment(github, pr.number, marker, body, ownLogin)).url;
      } catch (error) {
        warnGitHubFailure(`comment on #${pr.number}`, error, "pull-requests: write");
        break;
      }
    }
  }
  setOutputs({
    mode: run.mode,
    hasChanges: false,
    creates: 0,
    updates: 0,
    removals: 0,
    failed: 0,
    planChecksum: "",
    commentUrl,
  });
  const errors = desired.diagnostics.filter((d) => d.severity === "error").length;
  if (errors > 0) {
    core.setFailed(
      `${inputs.csv} has ${errors} problem${errors === 1 ? "" : "s"}: see the annotations and the job summary. Nothing was ${run.mode === "apply" ? "applied" : "planned"}.`,
    );
  } else if (run.reason !== undefined) {
    core.notice(`${inputs.csv} is valid. ${inputs.vendor} was not read: ${run.reason}.`);
  }
}

/**
 * A vendor with targets (Periscope sites) comments per target; an earlier comment without a
 * target (a run that could not reach the vendor) would otherwise stay behind, stale.
 */
export async function retireUntargetedComment(
  github: GitHubApi,
  pullNumber: number,
  inputs: ActionInputs,
  ownLogin: string | undefined,
): Promise<void> {
  const marker = commentMarker({ vendor: inputs.vendor, csv: inputs.csv });
  try {
    const existing = findOwnComment(await github.listComments(pullNumber), marker, ownLogin);
    const body = `_Superseded: the plan for each ${inputs.vendor} target is in its own comment below._\n\n${marker}`;
    if (existing !== undefined && existing.body !== body) await github.updateComment(existing.id, body);
  } catch (error) {
    warnGitHubFailure(`update the earlier comment on #${pullNumber}`, error, "pull-requests: write");
  }
}
