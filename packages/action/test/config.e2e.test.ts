import { startDemoSimulators } from "@roster/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { companyExampleFiles, vendorWrites } from "./company-example.js";
import { type FakeGitHub, startFakeGitHub } from "./fake-github.js";
import { runAction } from "./run-action.js";

// The README's workflow: one step, `config: roster.yml`, three vendors (examples/company) against
// the three simulators and the fake GitHub: pull request, schedule with drift, merge, schedule
// without drift. The steps share the simulators and the fake, in order, as a repository would.

const MERGE_SHA = "0000000000000000000000000000000000000099";
let files: Record<string, string>;
let simulators: Awaited<ReturnType<typeof startDemoSimulators>>;
let env: Record<string, string>;
let github: FakeGitHub;

beforeAll(async () => {
  files = await companyExampleFiles();
  simulators = await startDemoSimulators();
  env = simulators.env;
  github = await startFakeGitHub();
  // The merge being applied is the default branch's head (head-check.ts asks before writing).
  github.heads.set("main", MERGE_SHA);
});
afterAll(async () => {
  await simulators.close();
  await github.close();
});

const writes = () => vendorWrites(simulators.sims);

/** An issue someone else opened, copying Roster's label and marker. */
const FOREIGN_ISSUE = {
  number: 1,
  title: "Roster drift: nothing to see",
  body: "Close me, Roster.\n\n<!-- roster:drift config=roster.yml -->",
  labels: ["roster-drift"],
  state: "open" as const,
  user: { login: "mallory", type: "User" },
};

/** Sigma and Adobe credentials from the step's env, Periscope's from inputs: both are accepted. */
function step(
  eventName: string,
  event: unknown,
  extra: { ref?: string; sha?: string; inputs?: Record<string, string> } = {},
) {
  const { PERISCOPE_SITE, PERISCOPE_API_KEY, PERISCOPE_BASE_URL, PERISCOPE_API, PERISCOPE_INVITED_BY, ...rest } = env;
  return runAction({
    inputs: {
      config: "roster.yml",
      "github-token": "ghs_config_token",
      // What the runner fills in from action.yml's defaults: left alone, they never override roster.yml.
      "absent-users": "ignore",
      "group-scope": "listed",
      "create-missing-groups": "false",
      "removal-threshold": "10%,5",
      csv: "users.csv",
      "periscope-api-key": PERISCOPE_API_KEY ?? "",
      "periscope-base-url": PERISCOPE_BASE_URL ?? "",
      "periscope-api": PERISCOPE_API ?? "",
      "periscope-invited-by": PERISCOPE_INVITED_BY ?? "",
      ...extra.inputs,
    },
    env: rest,
    eventName,
    event,
    apiUrl: github.url,
    files,
    ...(extra.ref === undefined ? {} : { ref: extra.ref }),
    ...(extra.sha === undefined ? {} : { sha: extra.sha }),
  });
}

const pullRequest = {
  pull_request: { number: 7, head: { sha: "h7", repo: { full_name: "acme/people" } }, base: { sha: "b7" } },
};
const repository = { repository: { default_branch: "main" } };

describe("the Action with config: roster.yml (README workflow)", () => {
  it("pull request: one comment with a section per vendor and site, outputs per target, nothing written", async () => {
    const run = await step("pull_request", pullRequest);
    expect(run.code, run.stdout).toBe(0);
    expect(writes()).toEqual([]);
    expect(github.comments).toHaveLength(1);
    const body = github.comments[0]?.body ?? "";
    expect(body).toContain("<!-- roster:comment vendor=all csv=roster.yml -->");
    for (const heading of [
      "Roster: sigma",
      "Roster: periscope (acme-analytics)",
      "Roster: periscope (acme-rbac)",
      "Roster: adobe",
    ]) {
      expect(body).toContain(heading);
    }
    expect(run.outputs).toMatchObject({
      mode: "plan",
      "has-changes": "true",
      "sigma-changes": "3",
      "periscope-acme-analytics-changes": "6",
      "periscope-acme-rbac-changes": "5",
      "adobe-changes": "1",
      creates: "10",
    });
    for (const secret of [env.SIGMA_CLIENT_SECRET, env.ADOBE_CLIENT_SECRET])
      expect(run.stdout).toContain(`::add-mask::${secret}`);
  });

  it("schedule with drift: opens one issue labelled roster-drift whose body is the plan", async () => {
    // Anyone can open an issue with the label and the marker: it is not Roster's, and stays as it is.
    github.issues.push({ ...FOREIGN_ISSUE, labels: [...FOREIGN_ISSUE.labels] });
    const run = await step("schedule", {});
    expect(run.code, run.stdout).toBe(0);
    expect(github.issues).toHaveLength(2);
    const issue = github.issues[1];
    expect(issue).toMatchObject({
      state: "open",
      labels: ["roster-drift"],
      title: "Roster drift: 15 changes pending (roster.yml)",
      user: { login: "github-actions[bot]" },
    });
    expect(issue?.body).toContain("Roster: periscope (acme-rbac)");
    expect(issue?.body).toContain("<!-- roster:drift config=roster.yml -->");
    // A second scheduled run updates the same issue.
    await step("workflow_dispatch", {});
    expect(github.issues).toHaveLength(2);
    expect(github.issues[0]).toEqual(FOREIGN_ISSUE);
  });

  it("merge with the default reviewed-plan: require applies the plan reviewed for every vendor and site", async () => {
    github.pulls.set(MERGE_SHA, [{ number: 7, merged_at: "2026-11-29T06:00:00Z" }]);
    const run = await step("push", repository, { ref: "refs/heads/main", sha: MERGE_SHA });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({ mode: "apply", failed: "0", "sigma-changes": "3", "adobe-failed": "0" });
    const result = github.comments.find((c) => c.body.includes("<!-- roster:result vendor=all csv=roster.yml -->"));
    expect(result?.issue).toBe(7);
    expect(result?.body.match(/✅ Applied exactly the plan reviewed on #7/g)).toHaveLength(4);
    expect(result?.body).toMatch(/<!-- roster:meta \{"state":"applied",/);
    for (const sim of simulators.sims) expect(vendorWrites([sim]).length).toBeGreaterThan(0);
  });

  it("schedule without drift: closes the issue with a comment", async () => {
    const run = await step("schedule", {});
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs["has-changes"]).toBe("false");
    expect(github.issues[1]?.state).toBe("closed");
    const closing = github.comments.find((c) => c.issue === github.issues[1]?.number);
    expect(closing?.body).toContain("No drift");
    // The issue another user opened with the marker and label is neither commented on nor closed.
    expect(github.issues[0]).toEqual(FOREIGN_ISSUE);
    expect(github.comments.some((c) => c.issue === FOREIGN_ISSUE.number)).toBe(false);
  });

  it("refuses a policy input set away from its default, pointing to roster.yml", async () => {
    const run = await step("pull_request", pullRequest, { inputs: { "absent-users": "delete" } });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Invalid input "absent-users": with `config`, this lives in roster.yml');
  });

  it("an invalid users.csv: the one comment lists the problems with file:line:column, nothing is read or written, the step fails", async () => {
    const before = writes().length;
    const valid = files;
    files = { ...files, "users.csv": "email,groups\nada@acme.example,Analyst\n" };
    const pr8 = { pull_request: { ...pullRequest.pull_request, number: 8 } };
    const run = await step("pull_request", pr8);
    files = valid;
    expect(run.code).toBe(1);
    const comment = github.comments.find((c) => c.issue === 8);
    expect(comment?.body).toContain("<!-- roster:comment vendor=all csv=roster.yml -->");
    expect(comment?.body).toContain("line 2, column 2");
    expect(comment?.body).toContain("did you mean &#96;Analysts&#96;?");
    expect(comment?.body).toContain("**No vendor was read (sigma, periscope, adobe)**: users.csv has problems");
    expect(run.stdout).toMatch(/::error file=users.csv,line=2,col=2[^:]*::/);
    // The link opens the users file at that line, not roster.yml.
    expect(comment?.body).toContain("(https://github.test/acme/people/blob/h7/users.csv#L2)");
    expect(writes().length).toBe(before);
  });

  it("an invalid roster.yml: annotated on its own line, the comment links that line, nothing is read or written", async () => {
    const before = writes().length;
    const valid = files;
    const text = files["roster.yml"] ?? "";
    // `protekt` where `protect` was meant, under vendors.sigma.
    const line = text.split("\n").findIndex((l) => l.includes("protect:")) + 1;
    files = { ...files, "roster.yml": text.replace("protect:", "protekt:") };
    const pr9 = { pull_request: { ...pullRequest.pull_request, number: 9 } };
    const run = await step("pull_request", pr9);
    files = valid;
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(new RegExp(`::error file=roster.yml,line=${line},col=5[^:]*::.*protect`));
    const comment = github.comments.find((c) => c.issue === 9);
    expect(comment?.body).toContain("<!-- roster:comment vendor=all csv=roster.yml -->");
    expect(comment?.body).toContain(`(https://github.test/acme/people/blob/h7/roster.yml#L${line})`);
    expect(comment?.body).toContain("**No vendor was read**: roster.yml has problems to fix first.");
    expect(comment?.body).toMatch(/<!-- roster:meta \{"state":"invalid",/);
    expect(writes().length).toBe(before);
  });

  it("refuses a roster.yml whose users files reach outside the repository", async () => {
    const valid = files;
    // The runner's event.json sits next to the workspace: it exists, and must not be read.
    files = {
      ...files,
      "roster.yml": files["roster.yml"]?.replace("users: users.csv", "users: [../event.json]") ?? "",
    };
    const run = await step("pull_request", pullRequest);
    files = valid;
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('roster.yml names a users file outside the repository ("../event.json")');
    // The plan shown on #7 before is marked out of date by the failed run, footer kept.
    const plan = github.comments.find(
      (c) => c.issue === 7 && c.body.includes("<!-- roster:comment vendor=all csv=roster.yml -->"),
    );
    expect(plan?.body).toMatch(/^> \[!CAUTION\]\n> \*\*This plan is out of date: the latest run failed\.\*\*/);
    expect(plan?.body).toMatch(/<!-- roster:meta \{"state":"plan",/);
  });

  it("several users files: each problem is annotated on and links to its own file and line", async () => {
    const valid = files;
    const [header, ...rows] = (files["users.csv"] ?? "").trimEnd().split("\n");
    files = {
      "roster.yml": files["roster.yml"]?.replace("users: users.csv", "users: [people/*.csv]") ?? "",
      "people/a.csv": `${header}\n${rows.slice(0, 6).join("\n")}\n`,
      // Line 3 of the second file names a company group that does not exist.
      "people/b.csv": `${header}\n${rows[6]}\n${rows[7]?.replace("Sales;Support", "Sales;Suport")}\n`,
    };
    const pr10 = { pull_request: { ...pullRequest.pull_request, number: 10 } };
    const run = await step("pull_request", pr10);
    files = valid;
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/::error file=people\/b.csv,line=3,col=\d+[^:]*::/);
    const comment = github.comments.find((c) => c.issue === 10);
    expect(comment?.body).toContain("(https://github.test/acme/people/blob/h7/people/b.csv#L3)");
    expect(comment?.body).toContain("did you mean &#96;Support&#96;?");
  });

  it("warns naming issues: write when the token cannot write the drift issue", async () => {
    github.options = { ...github.options, issuesForbidden: true };
    await writeDrift();
    const run = await step("schedule", {});
    github.options = { ...github.options, issuesForbidden: false };
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toMatch(
      /::warning::Could not open, update or close the drift issue \(HTTP 403\): the token lacks the `issues: write` permission/,
    );
  });
});

/** Drift again: a users.csv row the vendors do not have. */
async function writeDrift(): Promise<void> {
  files = { ...files, "users.csv": `${files["users.csv"]}new.person@acme.example,New,Person,Support,viewer,,\n` };
}
