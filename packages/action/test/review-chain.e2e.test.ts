import { type RunningSigmaSimulator, type SigmaSeed, startSigmaSimulator } from "@roster/core/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type FakeComment, type FakeGitHub, startFakeGitHub } from "./fake-github.js";
import { type ActionRun, type ActionRunOptions, runAction } from "./run-action.js";

/**
 * The review chain, attacked from the outside (README "Threat model"). Each test runs the BUILT bundle against
 * the fake GitHub API and the Sigma simulator, reproduces one attack or failure, and asserts the
 * safe outcome: what a reviewer sees is inert, only Roster's own footer is trusted, and only the
 * reviewed (or explicitly approved) plan is applied.
 */
const CLIENT_ID = "review-client-id";
const CLIENT_SECRET = "review-SECRET-value-never-printed-9d2c";
const GITHUB_TOKEN = "ghs_reviewTokenValueNeverPrinted0123456";

const HEAD_SHA = "1111111111111111111111111111111111111111";
const BASE_SHA = "2222222222222222222222222222222222222222";
const MERGE_SHA = "3333333333333333333333333333333333333333";
const RUN_URL = "https://github.test/acme/people/actions/runs/42";
/** When #7 was merged; the fake GitHub stamps its comments earlier unless a test moves its clock. */
const MERGED_AT = "2026-11-29T06:00:00Z";

/** Hostile cells: a code-span breakout with a team mention, image and link, and raw HTML. */
const HOSTILE = "a` @acme/admins <img src=x> [Approve](https://evil.example) `b";
const HTML = "</details></table><h1>x";

const seed: SigmaSeed = {
  organizationId: "org-review",
  client: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, memberEmail: "api@acme.test" },
  accountTypes: ["admin", "creator", "explorer", "viewer"],
  teams: ["Sales", "Finance"],
  members: [
    { email: "api@acme.test", firstName: "Api", lastName: "Client", memberType: "admin" },
    { email: "ana@acme.test", firstName: "Ana", lastName: "Ruiz", memberType: "creator", teams: ["Sales"] },
    ...["dee", "eli", "fay", "gus", "hal", "ida"].map((name) => ({
      email: `${name}@acme.test`,
      firstName: name,
      lastName: "Stone",
      memberType: "viewer",
    })),
  ],
};

const HEADER = "email,first_name,last_name,role,groups";
const BASE_CSV = [
  HEADER,
  "ana@acme.test,Ana,Ruiz,creator,Sales",
  ...["dee", "eli", "fay", "gus", "hal", "ida"].map((n) => `${n}@acme.test,${n},Stone,viewer,`),
].join("\n");
/** What reviewers approve: Cy joins Finance. */
const PR_CSV = `${BASE_CSV}\ncy@acme.test,Cy,Park,explorer,Finance\n`;
/** What lands instead (a commit after the review, or the vendor moved): Dan too. */
const DRIFTED_CSV = `${PR_CSV}dan@acme.test,Dan,Ek,viewer,\n`;

const prEvent = (fork = false) => ({
  number: 7,
  pull_request: {
    number: 7,
    state: "open",
    head: { sha: HEAD_SHA, repo: { full_name: fork ? "mallory/people" : "acme/people" } },
    base: { sha: BASE_SHA, ref: "main" },
  },
  repository: { full_name: "acme/people", default_branch: "main" },
});
const repository = { full_name: "acme/people", default_branch: "main" };

let sim: RunningSigmaSimulator;
let github: FakeGitHub;

beforeEach(async () => {
  sim = await startSigmaSimulator({ seed });
  github = await startFakeGitHub();
  // The merge being applied is the default branch's head (targets.ts checks it before writing).
  github.heads.set("main", MERGE_SHA);
  github.files.set(`${BASE_SHA}:users.csv`, BASE_CSV);
});
afterEach(async () => {
  await sim.close();
  await github.close();
});

const credentials = () => ({
  "sigma-client-id": CLIENT_ID,
  "sigma-client-secret": CLIENT_SECRET,
  "sigma-base-url": sim.url,
});

type RunOverrides = Partial<ActionRunOptions> & { csv?: string; inputs?: Record<string, string> };

function pullRequestRun(overrides: RunOverrides = {}): Promise<ActionRun> {
  return runAction({
    eventName: "pull_request",
    event: prEvent(),
    ref: "refs/pull/7/merge",
    sha: MERGE_SHA,
    apiUrl: github.url,
    files: { "users.csv": overrides.csv ?? PR_CSV },
    ...overrides,
    inputs: { vendor: "sigma", "github-token": GITHUB_TOKEN, ...credentials(), ...overrides.inputs },
  });
}

/** The push of the merge commit to main; the merged pull request is #7 unless `pulls` says otherwise. */
function mergeRun(overrides: RunOverrides & { pulls?: number[]; mergedAt?: string | null } = {}): Promise<ActionRun> {
  const mergedAt = overrides.mergedAt === undefined ? MERGED_AT : overrides.mergedAt;
  github.pulls.set(
    MERGE_SHA,
    (overrides.pulls ?? [7]).map((number) => ({ number, merged_at: mergedAt })),
  );
  return pullRequestRun({
    eventName: "push",
    event: { ref: "refs/heads/main", repository },
    ref: "refs/heads/main",
    ...overrides,
  });
}

/** The manual run that approves a refused plan. */
function approvalRun(checksum: string, overrides: RunOverrides = {}): Promise<ActionRun> {
  return mergeRun({
    eventName: "workflow_dispatch",
    event: { ref: "refs/heads/main", repository, inputs: { "approve-checksum": checksum } },
    ...overrides,
    inputs: { "approve-checksum": checksum, ...overrides.inputs },
  });
}

/** The checksum the merge will compute for `csv`: a dry run of the same commit. */
async function checksumOf(csv: string): Promise<string> {
  const run = await pullRequestRun({
    eventName: "push",
    event: { ref: "refs/heads/main", repository },
    ref: "refs/heads/main",
    csv,
    inputs: { mode: "plan", comment: "false" },
  });
  const checksum = run.outputs["plan-checksum"] ?? "";
  expect(checksum).toMatch(/^[0-9a-f]{64}$/);
  return checksum;
}

const vendorWrites = () => sim.requests.filter((r) => r.method !== "GET" && r.route !== "auth.token");
const memberEmails = () => sim.snapshot().members.map((m) => m.email);
const planComment = () => github.comments.find((c) => c.body.includes("<!-- roster:comment vendor=sigma"));
const resultComment = () => github.comments.find((c) => c.body.includes("<!-- roster:result vendor=sigma"));
const footerOf = (body: string) => body.trimEnd().split("\n").slice(-2).join("\n");
const stdoutOf = (run: ActionRun) => run.stdout.replace(/^::add-mask::.*$/gm, "");

/** Renders as plain characters: no mention ping, image, link, HTML element, or row break-out. */
function expectInert(text: string): void {
  expect(text).not.toMatch(/(?<![A-Za-z0-9])@acme\/admins/);
  expect(text).not.toMatch(/<img/i);
  expect(text).not.toMatch(/<h1/i);
  expect(text).not.toContain("</table>");
  expect(text).not.toContain("</details></table>");
  expect(text).not.toMatch(/\]\(https?:\/\/evil/);
  expect(text).not.toContain("https://evil");
  expect(text).not.toContain(") `b");
  // Roster's own collapsed sections stay balanced, so nothing after the cell is swallowed.
  expect((text.match(/<details>/g) ?? []).length).toBe((text.match(/<\/details>/g) ?? []).length);
}

describe("hostile users.csv cells (item 1) and long cells (item 9)", () => {
  const invalidCsv = [
    HEADER,
    `${HOSTILE},A,B,viewer,`,
    `${HTML},A,B,viewer,`,
    `${"x".repeat(200_000)},A,B,viewer,`,
    "not-an-email,A,B,viewer,",
  ].join("\n");

  it("render inert in a fork's offline report, its summary and annotations, with every row listed", async () => {
    github.options = { ownLogin: "roster-app[bot]" };
    const run = await pullRequestRun({
      event: prEvent(true),
      csv: invalidCsv,
      inputs: { vendor: "sigma", "github-token": GITHUB_TOKEN },
    });
    expect(run.code).toBe(1);
    expect(sim.requests).toEqual([]);
    const body = planComment()?.body ?? "";
    for (const text of [body, run.summary]) {
      expectInert(text);
      for (const line of [2, 3, 4, 5]) expect(text).toContain(`users.csv#L${line})`);
      expect(text).toContain("characters cut");
      expect(text).not.toContain("x".repeat(1_000));
    }
    expect(body.length).toBeLessThan(10_000);
    const annotations = run.stdout.split("\n").filter((line) => line.startsWith("::error file=users.csv"));
    expect(annotations).toHaveLength(4);
    for (const line of annotations) expect(line.length).toBeLessThan(700);
    expect(run.stdout).not.toContain("x".repeat(1_000));
    expect(footerOf(body)).toMatch(/"state":"invalid","checksum":""/);
  });

  it("render inert in the invalid-file report of a pull request with credentials", async () => {
    const run = await pullRequestRun({ csv: invalidCsv });
    expect(run.code).toBe(1);
    expect(vendorWrites()).toEqual([]);
    expectInert(planComment()?.body ?? "");
    expectInert(run.summary);
  });

  it("render inert in a plan comment, and a long name is cut without hiding other rows", async () => {
    const csv = [
      PR_CSV.trimEnd(),
      `zed@acme.test,${HOSTILE},${HTML},viewer,`,
      `kim@acme.test,${"k".repeat(50_000)},Long,viewer,`,
      "lee@acme.test,Lee,Last,viewer,",
    ].join("\n");
    const run = await pullRequestRun({ csv });
    expect(run.code, stdoutOf(run)).toBe(0);
    const body = planComment()?.body ?? "";
    for (const text of [body, run.summary]) {
      expectInert(text);
      for (const email of ["cy@acme.test", "zed@acme.test", "kim@acme.test", "lee@acme.test"]) {
        expect(text).toContain(email);
      }
      expect(text).toContain("characters cut");
      expect(text).not.toContain("k".repeat(1_000));
    }
  });
});

describe("forged review metadata (items 2 and 3)", () => {
  it("a footer planted in a users.csv cell is never read: the merge finds no reviewed plan", async () => {
    const checksum = await checksumOf(PR_CSV);
    const footer = `<!-- roster:comment vendor=sigma csv=users.csv --> <!-- roster:meta {"state":"plan","checksum":"${checksum}","sha":"${HEAD_SHA}"} -->`;
    await pullRequestRun({ csv: `${HEADER}\n"${footer.replace(/"/g, '""')}",A,B,viewer,\n` });
    const shown = planComment()?.body ?? "";
    // The only metadata is Roster's own footer; the cell's copy is escaped text.
    expect(shown.match(/<!-- roster:meta/g)).toHaveLength(1);
    expect(footerOf(shown)).toContain('"state":"invalid"');

    const run = await mergeRun();
    expect(run.code).toBe(1);
    expect(vendorWrites()).toEqual([]);
    expect(memberEmails()).not.toContain("cy@acme.test");
    const result = resultComment()?.body ?? "";
    expect(result).not.toContain("Applied exactly");
    expect(result).toContain("showed no plan, only an invalid-file report");
    expect(result).toContain(`approve-checksum: ${checksum}`);
  });

  it("another bot's comment with Roster's exact footer is neither trusted at merge nor edited", async () => {
    const checksum = await checksumOf(PR_CSV);
    const forged: FakeComment = {
      id: 1,
      issue: 7,
      body: `✅ reviewed\n\n<!-- roster:comment vendor=sigma csv=users.csv -->\n<!-- roster:meta {"state":"plan","checksum":"${checksum}","sha":"${HEAD_SHA}"} -->`,
      user: { login: "helper-bot[bot]", type: "Bot" },
    };
    github.comments.push({ ...forged });
    // The workflow token: GraphQL `viewer` refused, so the identity is github-actions[bot], exactly.
    github.options = { graphqlStatus: 403 };

    const merge = await mergeRun();
    expect(merge.code).toBe(1);
    expect(vendorWrites()).toEqual([]);
    expect(resultComment()?.body).toContain("plan comment was not found on #7");
    expect(resultComment()?.user.login).toBe("github-actions[bot]");

    await pullRequestRun();
    expect(github.comments.find((c) => c.id === 1)).toEqual(forged);
    const own = github.comments.filter((c) => c.user.login === "github-actions[bot]");
    expect(own.map((c) => footerOf(c.body))).toEqual(
      expect.arrayContaining([expect.stringContaining("<!-- roster:comment vendor=sigma csv=users.csv -->")]),
    );
    expect(github.requests.some((r) => r.method === "PATCH" && r.path.endsWith("/comments/1"))).toBe(false);
  });

  it("an app token ignores the workflow bot's comments: only its exact login is its own", async () => {
    const checksum = await checksumOf(PR_CSV);
    github.comments.push({
      id: 1,
      issue: 7,
      body: `<!-- roster:comment vendor=sigma csv=users.csv -->\n<!-- roster:meta {"state":"plan","checksum":"${checksum}","sha":"${HEAD_SHA}"} -->`,
      user: { login: "github-actions[bot]", type: "Bot" },
    });
    github.options = { ownLogin: "roster-app[bot]" };
    const merge = await mergeRun();
    expect(merge.code).toBe(1);
    expect(vendorWrites()).toEqual([]);
  });

  it("comments that cannot be read are said to be unreadable, never 'no plan', and block a require merge", async () => {
    await pullRequestRun();
    github.options = { listCommentsStatus: 403 };
    const run = await mergeRun();
    expect(run.code).toBe(1);
    expect(vendorWrites()).toEqual([]);
    expect(run.summary).toContain("could not read the pull request's comments");
    expect(run.summary).not.toMatch(/no (reviewed )?(Roster )?plan was found/i);
    expect(stdoutOf(run)).toMatch(/::warning::Could not read the pull request's comments on #7/);
  });
});

describe("a different plan at merge (item 4)", () => {
  it("with `require`: applies nothing, posts the new plan awaiting approval, and fails naming the full checksum", async () => {
    await pullRequestRun();
    const reviewed = planComment()?.body ?? "";

    const run = await mergeRun({ csv: DRIFTED_CSV });
    expect(run.code).toBe(1);
    expect(vendorWrites()).toEqual([]);
    const checksum = run.outputs["plan-checksum"] ?? "";
    expect(checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(stdoutOf(run)).toContain(`approve-checksum: ${checksum}`);
    const notice = resultComment()?.body ?? "";
    expect(notice).toContain("awaiting approval");
    expect(notice).toContain("dan@acme.test");
    expect(notice).toContain(`approve-checksum: ${checksum}`);
    expect(footerOf(notice)).toContain(`"state":"awaiting-approval","checksum":"${checksum}"`);
    expect(planComment()?.body).toBe(reviewed);
    expect(run.summary).toContain(`approve-checksum: ${checksum}`);

    // The notice is not a review: rerunning the merge refuses again.
    const rerun = await mergeRun({ csv: DRIFTED_CSV });
    expect(rerun.code).toBe(1);
    expect(vendorWrites()).toEqual([]);
  });

  it("only a manual run with the full checksum applies it; a prefix or another checksum applies nothing", async () => {
    await pullRequestRun();
    const refused = await mergeRun({ csv: DRIFTED_CSV });
    const checksum = refused.outputs["plan-checksum"] ?? "";

    const prefix = await approvalRun(checksum.slice(0, 12), { csv: DRIFTED_CSV });
    expect(prefix.code).toBe(1);
    expect(stdoutOf(prefix)).toContain('Invalid input "approve-checksum"');
    const other = await approvalRun("f".repeat(64), { csv: DRIFTED_CSV });
    expect(other.code).toBe(1);
    expect(vendorWrites()).toEqual([]);

    const approved = await approvalRun(checksum, { csv: DRIFTED_CSV });
    expect(approved.code, stdoutOf(approved)).toBe(0);
    expect(approved.outputs).toMatchObject({ mode: "apply", "plan-checksum": checksum, failed: "0" });
    expect(memberEmails()).toEqual(expect.arrayContaining(["cy@acme.test", "dan@acme.test"]));
    const result = resultComment()?.body ?? "";
    expect(result).toContain("Applied the plan approved by its full checksum");
    expect(footerOf(result)).toContain('"state":"applied"');
  });

  it("an approval off the default branch does not apply", async () => {
    await pullRequestRun();
    const refused = await mergeRun({ csv: DRIFTED_CSV });
    const checksum = refused.outputs["plan-checksum"] ?? "";
    const offBranch = await approvalRun(checksum, {
      csv: DRIFTED_CSV,
      ref: "refs/heads/feature",
      event: { ref: "refs/heads/feature", repository },
    });
    expect(offBranch.outputs.mode).toBe("plan");
    expect(vendorWrites()).toEqual([]);
  });

  it("with `report`: applies and reports that the plan differs from the reviewed one", async () => {
    await pullRequestRun();
    const run = await mergeRun({ csv: DRIFTED_CSV, inputs: { "reviewed-plan": "report" } });
    expect(run.code, stdoutOf(run)).toBe(0);
    expect(memberEmails()).toContain("dan@acme.test");
    expect(resultComment()?.body).toContain("Applied without a matching review");
    expect(stdoutOf(run)).toMatch(/::warning::sigma: applied without a matching review/);
  });

  it("the reviewed plan itself applies and says so", async () => {
    await pullRequestRun();
    const run = await mergeRun();
    expect(run.code, stdoutOf(run)).toBe(0);
    expect(memberEmails()).toContain("cy@acme.test");
    expect(resultComment()?.body).toMatch(/Applied exactly the plan reviewed on #7 at `1111111`/);
  });

  it("a pull request whose last run showed only an invalid-file report has no reviewed plan", async () => {
    await pullRequestRun();
    await pullRequestRun({ csv: `${PR_CSV}not-an-email,A,B,viewer,\n` });
    const shown = planComment()?.body ?? "";
    expect(shown).toMatch(/^> \[!CAUTION\]\n> \*\*This plan is out of date: the latest run failed\.\*\*/);
    expect(shown).toContain(RUN_URL);

    const run = await mergeRun();
    expect(run.code).toBe(1);
    expect(vendorWrites()).toEqual([]);
    expect(resultComment()?.body).toContain("only an invalid-file report");
  });

  it("an unsafe plan at merge is never reported as applied, even when it is the reviewed one", async () => {
    const csv = [HEADER, "ana@acme.test,Ana,Ruiz,creator,Sales"].join("\n");
    const inputs = { "absent-users": "deactivate" };
    await pullRequestRun({ csv, inputs });
    const run = await mergeRun({ csv, inputs });
    expect(run.code).toBe(1);
    expect(vendorWrites()).toEqual([]);
    const result = resultComment()?.body ?? "";
    expect(result).toContain("Unsafe plan");
    expect(result).not.toMatch(/✅ Applied/);
    expect(footerOf(result)).toContain('"state":"refused"');
  });

  it("a plan comment changed after the merge (a rerun of the pull request's workflow) is not the reviewed plan", async () => {
    await pullRequestRun();
    github.clock = "2026-11-29T07:00:00Z";
    // The pull request's run again after the merge, its payload still saying "open": a new plan.
    await pullRequestRun({ csv: DRIFTED_CSV });
    expect(planComment()?.body).toContain("dan@acme.test");

    const run = await mergeRun({ csv: DRIFTED_CSV });
    expect(run.code).toBe(1);
    expect(vendorWrites()).toEqual([]);
    expect(resultComment()?.body).toContain("was changed after the merge");
  });

  it("an open pull request that contains a directly pushed commit reviewed nothing that was merged", async () => {
    await pullRequestRun();
    const run = await mergeRun({ mergedAt: null });
    expect(run.code).toBe(1);
    expect(vendorWrites()).toEqual([]);
    expect(run.summary).toContain("a direct push");
  });

  it("a direct push follows the same input: refused with `require`, with the approval named", async () => {
    const run = await mergeRun({ pulls: [] });
    expect(run.code).toBe(1);
    expect(vendorWrites()).toEqual([]);
    expect(github.comments).toEqual([]);
    expect(run.summary).toContain("a direct push");
    expect(run.summary).toContain(`approve-checksum: ${run.outputs["plan-checksum"]}`);
  });
});

describe("a failed rerun (item 8)", () => {
  it("marks the last plan out of date with a link to the run, once, until a run succeeds", async () => {
    await pullRequestRun();
    const plan = planComment()?.body ?? "";

    const wrong = { ...credentials(), "sigma-client-secret": "wrong-secret-value-123456" };
    const failed = await pullRequestRun({ csv: DRIFTED_CSV, inputs: wrong });
    expect(failed.code).toBe(1);
    const marked = planComment()?.body ?? "";
    expect(marked).toMatch(/^> \[!CAUTION\]\n> \*\*This plan is out of date: the latest run failed\.\*\*/);
    expect(marked).toContain(`(${RUN_URL})`);
    expect(marked.endsWith(plan)).toBe(true);
    expect(footerOf(marked)).toBe(footerOf(plan));

    await pullRequestRun({ csv: DRIFTED_CSV, inputs: wrong });
    expect((planComment()?.body.match(/out of date/g) ?? []).length).toBe(1);

    const fixed = await pullRequestRun({ csv: DRIFTED_CSV });
    expect(fixed.code).toBe(0);
    expect(planComment()?.body).not.toContain("out of date");
    expect(planComment()?.body).toContain("dan@acme.test");
    expect(github.comments.filter((c) => c.body.includes("roster:comment"))).toHaveLength(1);
  });

  it("marks the plan out of date when the vendor is down", async () => {
    await pullRequestRun();
    sim.addFault({ route: "*", status: 503, body: { message: "Service Unavailable" } });
    const failed = await pullRequestRun({ csv: DRIFTED_CSV });
    expect(failed.code).toBe(1);
    expect(failed.summary).toContain("Roster failed");
    const marked = planComment()?.body ?? "";
    expect(marked).toMatch(/^> \[!CAUTION\]\n> \*\*This plan is out of date: the latest run failed\.\*\*/);
    expect(marked).toContain(`(${RUN_URL})`);
    expect(marked).not.toContain("dan@acme.test");
  }, 60_000);

  it("leaves a closed pull request's plan comment as it was reviewed", async () => {
    await pullRequestRun();
    const reviewed = planComment()?.body ?? "";
    const closed = prEvent();
    const run = await pullRequestRun({
      csv: DRIFTED_CSV,
      event: { ...closed, pull_request: { ...closed.pull_request, state: "closed" } },
    });
    expect(run.code).toBe(0);
    expect(planComment()?.body).toBe(reviewed);
    expect(github.comments).toHaveLength(1);
  });

  it("posts a new comment when its own can no longer be edited", async () => {
    await pullRequestRun();
    const first = planComment()?.id ?? 0;
    github.options = { uneditable: [first] };
    const run = await pullRequestRun({ csv: DRIFTED_CSV });
    expect(run.code).toBe(0);
    const own = github.comments.filter((c) => c.body.includes("roster:comment"));
    expect(own).toHaveLength(2);
    expect(own[1]?.body).toContain("dan@acme.test");
    expect(run.outputs["comment-url"]).toContain(`issuecomment-${own[1]?.id}`);
  });
});
