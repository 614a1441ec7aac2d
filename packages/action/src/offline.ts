import * as core from "@actions/core";
import type { DesiredState, RunMode } from "@roster/core";
import { renderOutdatedBanner, renderValidationMarkdown } from "@roster/core";
import { annotateDiagnostics } from "./annotations.js";
import { commentFooter, commentMarker, findOwnComment, OUTDATED_BANNER_START, parseFooter } from "./comment.js";
import type { RunFacts } from "./context.js";
import type { GitHubApi } from "./github.js";
import type { ActionInputs } from "./inputs.js";
import { setOutputs } from "./outputs.js";
import { COMMENT_MAX_CHARS, ownIdentity, postComment, warnGitHubFailure } from "./report.js";
import { writeSummary } from "./summary.js";

/**
 * The run that never reached the vendor: a pull request from a fork (GitHub gives it no secrets),
 * a pull request without credentials, or an invalid users.csv. The report itself is rendered by
 * @roster/core (`renderValidationMarkdown`), like every other report: the Action adds only the
 * footer. Its state (`invalid` or `offline`) says it shows no plan, so a merge after it finds no
 * reviewed plan.
 */
export interface OfflineRun {
  readonly inputs: ActionInputs;
  readonly facts: RunFacts;
  readonly desired: DesiredState;
  readonly github: GitHubApi;
  readonly mode: RunMode;
  readonly reason: string | undefined;
  /** The comment targets: each vendor target when known, else one untargeted comment. */
  readonly targets: readonly (string | undefined)[];
  /** A roster.yml run: the vendors it manages, named in the report instead of `inputs.vendor`. */
  readonly vendors?: readonly string[];
}

/** Annotates, summarises, comments (when the token can) and fails only for an invalid file. */
export async function validateOffline(run: OfflineRun): Promise<void> {
  const { inputs, desired, github, facts } = run;
  annotateDiagnostics(desired.diagnostics);
  const errors = desired.diagnostics.filter((d) => d.severity === "error").length;
  // A problem links to its own file: with a roster.yml, that is roster.yml or one of its users
  // files (the renderer passes the file a problem names when it is not the report's own).
  const csvUrl = (line: number, file?: string) =>
    `${facts.serverUrl}/${facts.repository}/blob/${facts.pullRequest?.headSha ?? facts.sha}/${file ?? desired.file}#L${line}`;
  const report = (maxChars: number, fullReportHint?: string) =>
    renderValidationMarkdown({
      vendor: run.vendors ?? inputs.vendor,
      file: desired.file,
      users: desired.users.length,
      diagnostics: desired.diagnostics,
      reason: run.reason,
      csvUrl,
      maxChars,
      ...(fullReportHint === undefined ? {} : { fullReportHint }),
    });
  await writeSummary([report(900_000)]);

  let commentUrl = "";
  const pr = facts.pullRequest;
  // A closed pull request keeps the comment it was reviewed with.
  const ownLogin = pr !== undefined && !pr.closed && inputs.comment ? await ownIdentity(github) : undefined;
  if (pr !== undefined && ownLogin !== undefined) {
    for (const target of run.targets) {
      const marker = commentMarker({ vendor: inputs.vendor, csv: inputs.csv, target });
      const footer = commentFooter(marker, {
        state: errors > 0 ? "invalid" : "offline",
        checksum: "",
        sha: pr.headSha,
      });
      const markdown = report(COMMENT_MAX_CHARS - footer.length - 600, "the job summary of this workflow run");
      // A plan shown earlier in this comment is replaced by this report; say so, with the run.
      const body = (existing: { body: string } | undefined) => {
        const replacesPlan =
          existing !== undefined &&
          (parseFooter(existing.body)?.meta.state === "plan" || existing.body.startsWith(OUTDATED_BANNER_START));
        const banner = replacesPlan ? `${renderOutdatedBanner(facts.runUrl, true)}\n\n` : "";
        return `${banner}${markdown}\n\n${footer}`;
      };
      const url = await postComment(github, pr.number, marker, body, ownLogin);
      if (url === undefined) break;
      commentUrl = url;
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
  if (errors > 0) {
    core.setFailed(
      `${inputs.csv} has ${errors} problem${errors === 1 ? "" : "s"}: see the annotations and the job summary. Nothing was ${run.mode === "apply" ? "applied" : "planned"}.`,
    );
  } else if (run.reason !== undefined) {
    const notRead =
      run.vendors === undefined ? `${inputs.vendor} was not read` : `No vendor was read (${run.vendors.join(", ")})`;
    core.notice(`${inputs.csv} is valid. ${notRead}: ${run.reason}.`);
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
  ownLogin: string,
  sha: string,
): Promise<void> {
  const marker = commentMarker({ vendor: inputs.vendor, csv: inputs.csv });
  try {
    const existing = findOwnComment(await github.listComments(pullNumber), marker, ownLogin);
    const body = `_Superseded: the plan for each ${inputs.vendor} target is in its own comment below._\n\n${commentFooter(marker, { state: "superseded", checksum: "", sha })}`;
    if (existing !== undefined && existing.body !== body) await github.updateComment(existing.id, body);
  } catch (error) {
    warnGitHubFailure(`update the earlier comment on #${pullNumber}`, error, "pull-requests: write");
  }
}
