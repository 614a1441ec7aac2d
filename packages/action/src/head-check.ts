import * as core from "@actions/core";
import { type Plan, targetLabel } from "@roster/core";
import type { RunFacts } from "./context.js";
import type { GitHubApi } from "./github.js";

/**
 * Two merges seconds apart start two applies; without a check the older file's values could land
 * last and win. So an apply, once it has read the vendor and made its plan, first asks GitHub
 * whether its commit (GITHUB_SHA) is still the head of the default branch. If a newer commit has
 * landed, it skips with a notice: the newer commit's run applies the newer file. The README's
 * `concurrency:` advice stays the first defence (it queues the runs); this check covers the window
 * where both runs read before either writes, and runs without that setting.
 *
 * When GitHub cannot answer, nothing is applied and the run fails, naming the permission: a plan
 * that may be stale is never written on a guess. The default branch comes from the event payload;
 * `resolveMode` applies only on a push to it, so it is known whenever this runs.
 */
export function supersededCheck(github: GitHubApi, facts: RunFacts): (plan: Plan) => Promise<string | undefined> {
  return async (plan) => {
    const branch = facts.defaultBranch;
    if (branch === undefined) return undefined;
    let head: string;
    try {
      head = await github.getBranchHeadSha(branch);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(
        `Nothing was applied: could not confirm that ${facts.sha.slice(0, 7)} is still the head of ${branch} ` +
          `(${reason}). The workflow needs \`contents: read\`; re-run the job.`,
      );
    }
    if (head.toLowerCase() === facts.sha.toLowerCase()) return undefined;
    const notice =
      `Skipped applying to ${targetLabel(plan)}: ${branch} has moved on from ${facts.sha.slice(0, 7)} to ${head.slice(0, 7)}, ` +
      `and the run for that newer commit applies its users.csv.`;
    core.notice(notice);
    return notice;
  };
}
