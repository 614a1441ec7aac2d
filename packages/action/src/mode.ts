import type { RunMode } from "@roster/core";
import type { ModeInput } from "./inputs.js";

export interface EventFacts {
  readonly eventName: string;
  /** `refs/heads/main` on a push. */
  readonly ref: string;
  /** `payload.repository.default_branch`; undefined when the payload lacks it. */
  readonly defaultBranch: string | undefined;
  /** `approve-checksum` was given: a manual run approving a refused plan by its full checksum. */
  readonly approval?: boolean;
}

export interface ResolvedMode {
  readonly mode: RunMode;
  /** Why, for the log and the summary. */
  readonly reason: string;
  /** Set when the input asked for more than the event allows. */
  readonly warning?: string;
}

/**
 * The mode fails closed (docs/plan-in-pr.md#mode-fails-closed): only a push may apply, and `auto` applies only on
 * a push to the default branch. Applying from an unmerged pull request is the worst failure a
 * dry-run tool can have (safe-settings#339), so `mode: apply` on any other event still plans.
 * The one other event that applies is the approval of a refused plan: a `workflow_dispatch` run
 * on the default branch with `approve-checksum`, which applies only a plan with that checksum.
 */
export function resolveMode(input: ModeInput, event: EventFacts): ResolvedMode {
  const isPush = event.eventName === "push";
  const onDefault = event.defaultBranch !== undefined && event.ref === `refs/heads/${event.defaultBranch}`;
  if (input === "plan") return { mode: "plan", reason: "the `mode` input is `plan`" };
  if (event.approval === true) {
    if (event.eventName === "workflow_dispatch" && onDefault) {
      return { mode: "apply", reason: "a manual run on the default branch approving a plan by its checksum" };
    }
    return {
      mode: "plan",
      reason: "`approve-checksum` applies only in a manual run on the default branch",
      warning: `approve-checksum is ignored on a ${event.eventName} event${onDefault ? "" : " off the default branch"}: a plan is approved by a workflow_dispatch run on the default branch. This run is a dry run.`,
    };
  }
  if (input === "apply") {
    if (isPush) return { mode: "apply", reason: "the `mode` input is `apply`" };
    return {
      mode: "plan",
      reason: `a \`${event.eventName}\` event never applies`,
      warning: `mode: apply is ignored on a ${event.eventName} event: Roster applies only on a push. This run is a dry run.`,
    };
  }
  if (isPush && onDefault) return { mode: "apply", reason: `a push to the default branch (${event.defaultBranch})` };
  if (isPush) {
    const branch = event.ref.replace(/^refs\/heads\//, "");
    return {
      mode: "plan",
      reason:
        event.defaultBranch === undefined
          ? "a push whose event payload does not name the default branch"
          : `a push to ${branch}, not the default branch (${event.defaultBranch})`,
    };
  }
  return { mode: "plan", reason: `a \`${event.eventName}\` event` };
}
