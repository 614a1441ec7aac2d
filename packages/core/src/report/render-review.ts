import { escapeMarkdown, escapeUrl } from "./escape.js";

/**
 * What a merge (or an approval run) says about the plan it applied compared with the plan Roster
 * last showed reviewers, and the notices around it. Rendered here, like every report text, so the
 * Action composes no Markdown of its own.
 */

/** What the pull request holds: Roster's own last plan, no plan, or comments that could not be read. */
export type ReviewedPlan =
  | { readonly status: "found"; readonly checksum: string; readonly sha: string }
  | {
      readonly status: "none";
      readonly why: "no-pull-request" | "no-plan" | "not-in-plan" | "invalid-file" | "edited-after-merge";
    }
  | { readonly status: "unreadable" };

export interface ReviewBindingInput {
  /** The merged pull request, when the commit came from one. */
  readonly pull: number | undefined;
  /** Checksum of the plan made now. */
  readonly checksum: string;
  readonly reviewed: ReviewedPlan;
  /** The plan was approved by its full checksum (`approve-checksum`). */
  readonly approved: boolean;
  /** `require`: refused when it differs; `report`: applied and reported. */
  readonly policy: "require" | "report";
  /** Nothing was applied because of the review check. */
  readonly refused: boolean;
  /** The plan was applied (false also when it was refused as invalid or unsafe). */
  readonly applied: boolean;
  /** Nothing would be written (no changes), so a difference blocks nothing. */
  readonly empty: boolean;
}

const short = (checksum: string) => `\`${escapeMarkdown(checksum.slice(0, 12))}\``;

function where(pull: number | undefined): string {
  return pull === undefined ? "this commit (a direct push, no pull request)" : `#${pull}`;
}

/** Why the plan made now is not the reviewed one, in a sentence; undefined when it is. */
export function reviewMismatch(input: Pick<ReviewBindingInput, "pull" | "checksum" | "reviewed">): string | undefined {
  const { reviewed } = input;
  const on = where(input.pull);
  switch (reviewed.status) {
    case "found":
      return reviewed.checksum === input.checksum
        ? undefined
        : `the plan made now (${short(input.checksum)}) differs from the plan Roster last showed on ${on} (${short(reviewed.checksum)}): users.csv or the vendor changed after that plan was made`;
    case "unreadable":
      return `Roster could not read the pull request's comments on ${on}, so it cannot tell which plan was reviewed`;
    case "none":
      switch (reviewed.why) {
        case "no-pull-request":
          return "this commit came from no pull request (a direct push), so no plan was reviewed";
        case "not-in-plan":
          return `Roster's plan comment on ${on} showed no plan for this target (it was not configured then, or could not be planned), so none was reviewed`;
        case "invalid-file":
          return `the last Roster run on ${on} showed no plan, only an invalid-file report, so no plan was reviewed`;
        case "no-plan":
          return `Roster's own plan comment was not found on ${on}, so no plan was reviewed`;
        case "edited-after-merge":
          return `Roster's plan comment on ${on} was changed after the merge (a later run of the pull request's workflow), so it is not the plan reviewed before merging`;
      }
  }
}

/** The sentence under the banner of a merge report. */
export function renderReviewBinding(input: ReviewBindingInput): string {
  const mismatch = reviewMismatch(input);
  if (input.approved) {
    return `✅ Applied the plan approved by its full checksum (${short(input.checksum)}) with \`approve-checksum\`.`;
  }
  if (mismatch === undefined) {
    const { reviewed } = input;
    const at =
      reviewed.status === "found" && reviewed.sha !== "" ? ` at \`${escapeMarkdown(reviewed.sha.slice(0, 7))}\`` : "";
    return input.applied
      ? `✅ Applied exactly the plan reviewed on ${where(input.pull)}${at} (checksum ${short(input.checksum)}).`
      : `ℹ️ This is the plan reviewed on ${where(input.pull)}${at} (checksum ${short(input.checksum)}); it was not applied, as the banner says.`;
  }
  if (input.refused) return `⛔ **Nothing was applied**: ${mismatch}.`;
  if (input.empty) return `ℹ️ Nothing to apply; note that ${mismatch}.`;
  if (!input.applied) return `ℹ️ Nothing was applied, as the banner says; note also that ${mismatch}.`;
  return `⚠️ Applied without a matching review (\`reviewed-plan: report\`): ${mismatch}.`;
}

/** A refused plan of one target of a run with several (a roster.yml run): its label and full checksum. */
export interface AwaitingTarget {
  /** `sigma`, `periscope (acme-rbac)`. */
  readonly target: string;
  readonly checksum: string;
}

/**
 * How to approve a refused plan: a manual run with its full checksum. The targets refused in a
 * roster.yml run get one notice (at the top of the run's one comment) naming each target and its
 * checksum, and the one `approve-checksum` value (every checksum, comma-separated) that approves
 * them all.
 */
export function renderApprovalHowTo(refused: string | readonly AwaitingTarget[]): string {
  if (typeof refused === "string") {
    return [
      "> [!IMPORTANT]",
      "> **This plan is awaiting approval.** It is a notice, not a reviewed plan: merging again or rerunning this",
      "> workflow does not apply it. To apply exactly this plan, review it above, then run the workflow",
      "> manually on the default branch (Actions → Run workflow) with the input",
      `> \`approve-checksum: ${escapeMarkdown(refused)}\``,
      "> (the full checksum; a plan that has changed again is refused again).",
    ].join("\n");
  }
  const one = refused.length === 1;
  return [
    "> [!IMPORTANT]",
    `> **${one ? "1 plan is" : `${refused.length} plans are`} awaiting approval, not applied.** ${one ? "It is a notice, not a reviewed plan" : "They are notices, not reviewed plans"}:`,
    `> merging again or rerunning this workflow does not apply ${one ? "it" : "them"}. To apply exactly ${one ? "this plan" : "these plans"},`,
    `> review ${one ? "it" : "them"} below, then run the workflow manually on the default branch (Actions → Run workflow)`,
    "> with the input",
    `> \`approve-checksum: ${refused.map((r) => escapeMarkdown(r.checksum)).join(", ")}\``,
    "> (full checksums, one per plan; a plan that has changed again is refused again):",
    ">",
    ...refused.map((r) => `> - ${escapeMarkdown(r.target)}: \`${escapeMarkdown(r.checksum)}\``),
  ].join("\n");
}

/**
 * The banner put on top of the last plan when a later run on the same pull request failed, so an
 * old plan never looks current. `replaced`: the plan was replaced by the failed run's own report
 * (an invalid file), so there is no plan below at all.
 */
export function renderOutdatedBanner(runUrl: string | undefined, replaced = false): string {
  const run = runUrl === undefined ? "the latest workflow run" : `[the latest workflow run](${escapeUrl(runUrl)})`;
  const rest = replaced
    ? "> The plan shown here before is withdrawn: there is no plan to review or apply until a run succeeds."
    : "> The plan below is from an earlier commit or an earlier state of the vendor; it is not what would be applied now.";
  return ["> [!CAUTION]", `> **This plan is out of date: the latest run failed.** See ${run} for why.`, rest].join(
    "\n",
  );
}

/** The job summary of a run that failed before it could report: the error, cut and escaped. */
export function renderFailureMarkdown(message: string): string {
  return `### ❌ Roster failed\n\n${escapeMarkdown(message)}`;
}
