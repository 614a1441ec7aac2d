import { startDemoSimulators } from "@roster/core/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { companyExampleFiles, vendorWrites } from "./company-example.js";
import { type FakeGitHub, startFakeGitHub } from "./fake-github.js";
import { type ActionRun, runAction } from "./run-action.js";

/**
 * The reviewed-plan check of a roster.yml run (README "Threat model", docs/roster-yml.md#the-action):
 * at merge each vendor and site applies only the plan Roster showed for it on the merged pull
 * request, read from the footer of Roster's own config comment, or one approved by its full
 * checksum. Each test runs the BUILT bundle against the three demo simulators and the fake GitHub.
 */
const MERGE_SHA = "4444444444444444444444444444444444444444";
const MERGED_AT = "2026-11-29T06:00:00Z";
const TARGETS = ["sigma", "periscope-acme-analytics", "periscope-acme-rbac", "adobe"] as const;

let files: Record<string, string>;
let simulators: Awaited<ReturnType<typeof startDemoSimulators>>;
let github: FakeGitHub;

beforeEach(async () => {
  files = await companyExampleFiles();
  simulators = await startDemoSimulators();
  github = await startFakeGitHub();
  github.heads.set("main", MERGE_SHA);
});
afterEach(async () => {
  await simulators.close();
  await github.close();
});

const writes = () => vendorWrites(simulators.sims);

function step(eventName: string, event: unknown, extra: { sha?: string; inputs?: Record<string, string> } = {}) {
  return runAction({
    inputs: { config: "roster.yml", "github-token": "ghs_review_token", ...extra.inputs },
    env: simulators.env,
    eventName,
    event,
    apiUrl: github.url,
    files,
    ...(eventName === "pull_request" ? {} : { ref: "refs/heads/main", sha: extra.sha ?? MERGE_SHA }),
  });
}

const repository = { repository: { full_name: "acme/people", default_branch: "main" } };
const pullRequestRun = () =>
  step("pull_request", {
    pull_request: {
      number: 7,
      head: { sha: "a7".repeat(20), repo: { full_name: "acme/people" } },
      base: { sha: "b7" },
    },
  });

/** The push of the merge commit; #7 was merged unless `pulls` says otherwise. */
function mergeRun(pulls: number[] = [7]): Promise<ActionRun> {
  github.pulls.set(
    MERGE_SHA,
    pulls.map((number) => ({ number, merged_at: MERGED_AT })),
  );
  return step("push", { ref: "refs/heads/main", ...repository });
}

function approvalRun(checksums: string): Promise<ActionRun> {
  return step(
    "workflow_dispatch",
    { ref: "refs/heads/main", ...repository, inputs: { "approve-checksum": checksums } },
    { inputs: { "approve-checksum": checksums } },
  );
}

const planComment = () => github.comments.find((c) => c.body.includes("<!-- roster:comment vendor=all csv=roster.yml"));
const resultComment = () =>
  github.comments.find((c) => c.body.includes("<!-- roster:result vendor=all csv=roster.yml"));
const checksumsOf = (run: ActionRun) => TARGETS.map((t) => run.outputs[`${t}-plan-checksum`] ?? "");

describe("a roster.yml merge under the default reviewed-plan: require", () => {
  it("a vendor changed between review and merge: that target writes nothing and awaits its checksum; the others apply", async () => {
    expect((await pullRequestRun()).code).toBe(0);
    // Someone renames Ada in Sigma's UI after the review: Sigma's plan now differs, no other does.
    const ada = simulators.sigma.store.findMemberByEmail("ada.lovelace@acme.example");
    if (ada === undefined) throw new Error("the demo org has no Ada");
    ada.firstName = "Augusta";

    const merge = await mergeRun();
    expect(merge.code).toBe(1);
    expect(vendorWrites([simulators.sigma])).toEqual([]);
    expect(vendorWrites([simulators.periscope]).length).toBeGreaterThan(0);
    expect(vendorWrites([simulators.adobe]).length).toBeGreaterThan(0);
    const sigma = merge.outputs["sigma-plan-checksum"] ?? "";
    expect(sigma).toMatch(/^[0-9a-f]{64}$/);
    // The step fails naming the setting and the full checksum that approves Sigma's plan.
    expect(merge.stdout).toMatch(new RegExp(`::error::.*nothing was applied to sigma:.*approve-checksum: ${sigma}\``));
    const result = resultComment()?.body ?? "";
    expect(result).toContain("1 plan is awaiting approval");
    expect(result).toContain(`approve-checksum: ${sigma}`);
    expect(result).toContain(`> - sigma: \`${sigma}\``);
    expect(result).toContain("⛔ **Nothing was applied**: the plan made now");
    expect(result.match(/✅ Applied exactly the plan reviewed on #7/g)).toHaveLength(3);
    expect(result).toMatch(/<!-- roster:meta \{"state":"awaiting-approval",/);

    // The notice is not a review: the merge run again refuses again.
    const again = await mergeRun();
    expect(again.code).toBe(1);
    expect(vendorWrites([simulators.sigma])).toEqual([]);

    // Only the explicit approval of Sigma's full checksum applies it.
    const approved = await approvalRun(sigma);
    expect(approved.code, approved.stdout).toBe(0);
    expect(approved.outputs).toMatchObject({ mode: "apply", failed: "0" });
    expect(vendorWrites([simulators.sigma]).length).toBeGreaterThan(0);
    expect(simulators.sigma.store.findMemberByEmail("ada.lovelace@acme.example")?.firstName).toBe("Ada");
    expect(resultComment()?.body).toContain("✅ Applied the plan approved by its full checksum");
    expect(resultComment()?.body).not.toContain("awaiting approval");
  });

  it("a comment by another identity carrying Roster's exact footer is not trusted", async () => {
    expect((await pullRequestRun()).code).toBe(0);
    const copied = planComment();
    if (copied === undefined) throw new Error("no plan comment");
    // Same body, same footer, same checksums: only the author differs.
    copied.user = { login: "helper-bot[bot]", type: "Bot" };
    const merge = await mergeRun();
    expect(merge.code).toBe(1);
    expect(writes()).toEqual([]);
    const result = resultComment();
    expect(result?.user.login).toBe("github-actions[bot]");
    expect(result?.body.match(/Roster's own plan comment was not found on #7/g)).toHaveLength(4);
    expect(result?.body).toContain("4 plans are awaiting approval");
    expect(result?.body).toContain(`approve-checksum: ${checksumsOf(merge).join(", ")}`);
  });

  it("a plan comment edited after the merge (a rerun of the pull request's workflow) is not trusted", async () => {
    expect((await pullRequestRun()).code).toBe(0);
    github.clock = "2026-11-29T07:00:00Z";
    files = { ...files, "users.csv": `${files["users.csv"]}new.person@acme.example,New,Person,Support,viewer,,\n` };
    expect((await pullRequestRun()).code).toBe(0);
    expect(planComment()?.body).toContain("new.person@acme.example");
    const merge = await mergeRun();
    expect(merge.code).toBe(1);
    expect(writes()).toEqual([]);
    expect(resultComment()?.body).toContain("was changed after the merge");
  });

  it("with reviewed-plan: report, a changed vendor applies and the report says its plan differs", async () => {
    expect((await pullRequestRun()).code).toBe(0);
    const ada = simulators.sigma.store.findMemberByEmail("ada.lovelace@acme.example");
    if (ada === undefined) throw new Error("the demo org has no Ada");
    ada.firstName = "Augusta";
    github.pulls.set(MERGE_SHA, [{ number: 7, merged_at: MERGED_AT }]);
    const merge = await step(
      "push",
      { ref: "refs/heads/main", ...repository },
      { inputs: { "reviewed-plan": "report" } },
    );
    expect(merge.code, merge.stdout).toBe(0);
    for (const sim of simulators.sims) expect(vendorWrites([sim]).length).toBeGreaterThan(0);
    const result = resultComment()?.body ?? "";
    expect(result).toContain("⚠️ Applied without a matching review (`reviewed-plan: report`)");
    expect(result.match(/✅ Applied exactly the plan reviewed on #7/g)).toHaveLength(3);
    expect(merge.stdout).toMatch(/::warning::sigma: applied without a matching review/);
  });

  it("a direct push applies nothing and names the checksums to approve", async () => {
    const push = await mergeRun([]);
    expect(push.code).toBe(1);
    expect(writes()).toEqual([]);
    expect(github.comments).toEqual([]);
    expect(push.summary).toContain("a direct push");
    expect(push.summary).toContain(`approve-checksum: ${checksumsOf(push).join(", ")}`);
  });
});

describe("a roster.yml pull request's comment", () => {
  it("marks each change as introduced by the pull request or already pending on the base branch", async () => {
    // The base branch holds the example as it is; the pull request adds one person (Sigma only).
    github.files.set("b7:roster.yml", files["roster.yml"] ?? "");
    github.files.set("b7:users.csv", files["users.csv"] ?? "");
    files = { ...files, "users.csv": `${files["users.csv"]}new.person@acme.example,New,Person,Support,viewer,,\n` };
    const run = await pullRequestRun();
    expect(run.code, run.stdout).toBe(0);
    const rows = (planComment()?.body ?? "").split("\n").filter((line) => line.startsWith("| "));
    const introduced = rows.filter((line) => line.includes("🆕 introduced by this PR"));
    const pending = rows.filter((line) => line.includes("⏳ already pending"));
    expect(introduced.length).toBeGreaterThan(0);
    for (const line of introduced) expect(line).toContain("new.person@acme.example");
    // Every other change of the three vendors was pending before the pull request.
    expect(pending.length).toBeGreaterThanOrEqual(14);
    for (const line of pending) expect(line).not.toContain("new.person@acme.example");
  });
});
