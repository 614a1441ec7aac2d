import { statSync } from "node:fs";
import { type RunningSigmaSimulator, type SigmaSeed, startSigmaSimulator } from "@roster/core/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "./fake-github.js";
import { type ActionRun, type ActionRunOptions, DIST_ENTRY, runAction } from "./run-action.js";

/**
 * End-to-end: the BUILT bundle (dist/index.js, built by the global setup) runs as GitHub runs it,
 * against a recording fake GitHub API and the Sigma simulator, both on 127.0.0.1.
 */
const CLIENT_ID = "e2e-client-id";
const CLIENT_SECRET = "e2e-SECRET-value-never-printed-7f3a";
const GITHUB_TOKEN = "ghs_e2eTokenValueNeverPrinted0123456789";
const SECRETS = [CLIENT_SECRET, GITHUB_TOKEN];

const HEAD_SHA = "1111111111111111111111111111111111111111";
const BASE_SHA = "2222222222222222222222222222222222222222";
const MERGE_SHA = "3333333333333333333333333333333333333333";

const seed: SigmaSeed = {
  organizationId: "org-e2e",
  client: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, memberEmail: "api@acme.test" },
  accountTypes: ["admin", "creator", "explorer", "viewer"],
  teams: ["Sales", "Finance"],
  members: [
    { email: "api@acme.test", firstName: "Api", lastName: "Client", memberType: "admin" },
    { email: "ana@acme.test", firstName: "Ana", lastName: "Ruiz", memberType: "creator", teams: ["Sales"] },
    { email: "bo@acme.test", firstName: "Bo", lastName: "Chen", memberType: "viewer" },
    ...["dee", "eli", "fay", "gus", "hal", "ida"].map((name) => ({
      email: `${name}@acme.test`,
      firstName: name,
      lastName: "Stone",
      memberType: "viewer",
    })),
  ],
};

const HEADER = "email,first_name,last_name,role,groups";
const existingRows = ["dee", "eli", "fay", "gus", "hal", "ida"].map((n) => `${n}@acme.test,${n},Stone,viewer,`);
/** Base branch: Bo's upgrade is already pending (merged earlier, not yet applied). */
const BASE_CSV = [
  HEADER,
  "ana@acme.test,Ana,Ruiz,creator,Sales",
  "bo@acme.test,Bo,Chen,creator,",
  ...existingRows,
].join("\n");
/** The pull request adds Cy to Finance. */
const PR_CSV = `${BASE_CSV}\ncy@acme.test,Cy,Park,explorer,Finance\n`;

const prEvent = (fork = false) => ({
  number: 7,
  pull_request: {
    number: 7,
    head: { sha: HEAD_SHA, repo: { full_name: fork ? "mallory/people" : "acme/people" } },
    base: { sha: BASE_SHA, ref: "main" },
  },
  repository: { full_name: "acme/people", default_branch: "main" },
});
const pushEvent = {
  ref: "refs/heads/main",
  after: MERGE_SHA,
  repository: { full_name: "acme/people", default_branch: "main" },
};

let sim: RunningSigmaSimulator;
let github: FakeGitHub;

beforeEach(async () => {
  sim = await startSigmaSimulator({ seed });
  github = await startFakeGitHub();
  github.files.set(`${BASE_SHA}:users.csv`, BASE_CSV);
  // The merge being applied is the default branch's head unless a test moves it on.
  github.heads.set("main", MERGE_SHA);
});
afterEach(async () => {
  await sim.close();
  await github.close();
});

function credentials(): Record<string, string> {
  return { "sigma-client-id": CLIENT_ID, "sigma-client-secret": CLIENT_SECRET, "sigma-base-url": sim.url };
}

function options(
  overrides: Partial<ActionRunOptions> & { csv?: string; inputs?: Record<string, string> },
): ActionRunOptions {
  return {
    eventName: "pull_request",
    event: prEvent(),
    ref: "refs/pull/7/merge",
    sha: MERGE_SHA,
    apiUrl: github.url,
    files: { "users.csv": overrides.csv ?? PR_CSV },
    ...overrides,
    inputs: { vendor: "sigma", "github-token": GITHUB_TOKEN, ...credentials(), ...overrides.inputs },
  };
}

/** `::add-mask::` lines are consumed by the runner and never shown; everything else must be clean. */
function expectNoSecrets(run: ActionRun): void {
  const visibleStdout = run.stdout
    .split("\n")
    .filter((line) => !line.startsWith("::add-mask::"))
    .join("\n");
  const comments = github.comments.map((c) => c.body).join("\n");
  for (const secret of SECRETS) {
    expect(visibleStdout).not.toContain(secret);
    expect(run.stderr).not.toContain(secret);
    expect(run.summary).not.toContain(secret);
    expect(comments).not.toContain(secret);
    expect(JSON.stringify(run.outputs)).not.toContain(secret);
  }
}

const vendorWrites = () => sim.requests.filter((r) => r.method !== "GET" && r.route !== "auth.token");
/** Writes to GitHub: GraphQL is only asked who the token is. */
const githubWrites = () => github.requests.filter((r) => r.method !== "GET" && r.path !== "/graphql");
const errorLines = (run: ActionRun) =>
  [...run.stdout.matchAll(/^::error file=users\.csv,line=(\d+)/gm)].map((m) => Number(m[1]));

describe("the bundle", () => {
  it("is built and loads (a run without inputs fails cleanly naming the input)", async () => {
    expect(statSync(DIST_ENTRY).size).toBeGreaterThan(0);
    const run = await runAction({ ...options({}), inputs: {} });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('::error::Invalid input "vendor"');
  });

  it("masks every secret before it logs anything", async () => {
    const run = await runAction(options({}));
    const lines = run.stdout.split("\n").filter((line) => line !== "");
    const masks = lines.findIndex((line) => !line.startsWith("::add-mask::"));
    expect(lines.slice(0, masks)).toEqual(
      expect.arrayContaining([`::add-mask::${CLIENT_SECRET}`, `::add-mask::${GITHUB_TOKEN}`]),
    );
    expectNoSecrets(run);
  });

  it("runs with Node's heap, or the one the step's NODE_OPTIONS chooses, and names it in its last debug line", async () => {
    const lastLine = (run: ActionRun) => (run.stdout.trimEnd().split("\n").at(-1) ?? "").replace(/\d+ MiB/g, "N MiB");
    const plain = await runAction(options({}));
    expect(plain.code, plain.stdout).toBe(0);
    expect(lastLine(plain)).toBe("::debug::V8 heap: Node's defaults (limit N MiB), peak RSS N MiB");
    const chosen = await runAction({
      ...options({}),
      env: { NODE_OPTIONS: "--max-semi-space-size=2 --max-old-space-size=1024" },
    });
    expect(chosen.code, chosen.stdout).toBe(0);
    expect(lastLine(chosen)).toBe(
      "::debug::V8 heap: --max-semi-space-size=2 --max-old-space-size=1024 (limit N MiB), peak RSS N MiB",
    );
  });
});

describe("on a pull request", () => {
  it("plans without writing to the vendor and posts one sticky comment", async () => {
    const run = await runAction(options({}));
    expect(run.code, run.stdout).toBe(0);
    expect(vendorWrites()).toEqual([]);
    expect(sim.requests.length).toBeGreaterThan(0);
    expect(github.comments).toHaveLength(1);
    const body = github.comments[0]?.body ?? "";
    expect(body).toContain("<!-- roster:comment vendor=sigma csv=users.csv -->");
    expect(body).toMatch(/^[\s\S]{0,200}DRY RUN/);
    expect(body).toContain(`"checksum":"${run.outputs["plan-checksum"]}"`);
    expect(body).toContain("cy@acme.test");
    // Bo's upgrade is on the base branch too (pending); Cy comes from this pull request.
    expect(body).toMatch(/bo@acme\.test[^\n]*already pending/);
    expect(body).toMatch(/cy@acme\.test[^\n]*introduced by this PR/);
    expect(run.outputs).toMatchObject({ mode: "plan", "has-changes": "true", creates: "1", failed: "0" });
    expect(run.outputs["comment-url"]).toContain("issuecomment-");
    expect(run.summary).toContain("cy@acme.test");
    expect(github.requests.some((r) => r.path.endsWith("/contents/users.csv") && r.query.get("ref") === BASE_SHA)).toBe(
      true,
    );
    expectNoSecrets(run);
  });

  it("reads only what the pull request's file needs, and does not classify against a base file that needs more", async () => {
    // The pull request drops the role and groups columns: account types and teams are not read,
    // so the base plan (which manages them) cannot be made in full and nothing is labelled.
    const namesOnly = ["email,first_name,last_name", "bo@acme.test,Bo,Chen-Li", ""].join("\n");
    const run = await runAction(options({ csv: namesOnly }));
    expect(run.code, run.stdout).toBe(0);
    expect([...new Set(sim.requests.map((r) => r.route))].sort()).toEqual(["auth.token", "members.list", "whoami"]);
    const body = github.comments[0]?.body ?? "";
    expect(body).toContain("bo@acme.test");
    expect(body).not.toMatch(/already pending|introduced by this PR/);
  });

  it("updates its comment in place, and makes no call when nothing changed", async () => {
    await runAction(options({}));
    const created = githubWrites().length;
    const again = await runAction(options({}));
    expect(again.code).toBe(0);
    expect(githubWrites()).toHaveLength(created);

    const changed = await runAction(options({ csv: `${PR_CSV}dan@acme.test,Dan,Ek,viewer,\n` }));
    expect(changed.code).toBe(0);
    expect(github.comments).toHaveLength(1);
    expect(githubWrites().map((r) => r.method)).toEqual(["POST", "PATCH"]);
    expect(github.comments[0]?.body).toContain("dan@acme.test");
  });

  it("validates a fork's file offline, without credentials, and succeeds", async () => {
    github.options = { commentsForbidden: true };
    const run = await runAction({
      ...options({ event: prEvent(true) }),
      inputs: { vendor: "sigma", "github-token": GITHUB_TOKEN },
    });
    expect(run.code, run.stdout).toBe(0);
    expect(sim.requests).toEqual([]);
    expect(run.summary).toContain("sigma was not read");
    expect(run.stdout).toMatch(/::warning::.*pull-requests: write/);
    expect(run.outputs).toMatchObject({ mode: "plan", "has-changes": "false" });
    expectNoSecrets(run);
  });

  it("annotates the first 10 errors and counts the rest in one notice", async () => {
    const bad = Array.from({ length: 12 }, (_, i) => `bad-${i},B,${i},viewer,`);
    const run = await runAction(options({ csv: [HEADER, ...bad].join("\n") }));
    expect(run.code).toBe(1);
    expect(errorLines(run)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(run.stdout).toMatch(/^::notice::2 more problems not annotated/m);
    expect(run.summary).toContain("bad-11");
  });

  it("validates offline when the credentials are not available to a pull request run", async () => {
    const run = await runAction({ ...options({}), inputs: { vendor: "sigma", "github-token": GITHUB_TOKEN } });
    expect(run.code, run.stdout).toBe(0);
    expect(sim.requests).toEqual([]);
    expect(run.summary).toContain("sigma was not read");
    expect(github.comments[0]?.body).toContain("sigma was not read");
  });

  it("annotates every invalid line and fails without reading the vendor", async () => {
    const csv = [
      HEADER,
      "ana@acme.test,Ana,Ruiz,creator,Sales",
      "not-an-email,X,Y,viewer,",
      "ana@acme.test,Ana,R,viewer,",
    ].join("\n");
    const run = await runAction(options({ csv }));
    expect(run.code).toBe(1);
    expect(errorLines(run)).toEqual(expect.arrayContaining([3, 4]));
    expect(vendorWrites()).toEqual([]);
    expect(run.summary).toContain("not-an-email");
    expectNoSecrets(run);
  });
});

describe("on a push to the default branch", () => {
  it("applies, converges the vendor to users.csv, and reports on the merged pull request", async () => {
    await runAction(options({}));
    github.pulls.set(MERGE_SHA, [{ number: 7, merged_at: "2026-11-22T06:00:00Z" }]);
    const run = await runAction(options({ eventName: "push", event: pushEvent, ref: "refs/heads/main" }));
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({ mode: "apply", failed: "0" });

    const state = sim.snapshot();
    const cy = state.members.find((m) => m.email === "cy@acme.test");
    expect(cy?.memberType).toBe("explorer");
    const finance = state.teams.find((t) => t.name === "Finance");
    expect(finance?.members).toContain(cy?.memberId);
    expect(state.members.find((m) => m.email === "bo@acme.test")?.memberType).toBe("creator");

    const result = github.comments.find((c) => c.body.includes("<!-- roster:result vendor=sigma csv=users.csv -->"));
    expect(result?.issue).toBe(7);
    expect(result?.body).toContain("Applied exactly the plan reviewed on #7");
    expect(github.comments).toHaveLength(2);
    expectNoSecrets(run);

    const rerun = await runAction(options({ eventName: "push", event: pushEvent, ref: "refs/heads/main" }));
    expect(rerun.outputs["has-changes"]).toBe("false");
  });

  it("attempts every change, reports the failed one, and fails the step", async () => {
    await runAction(options({}));
    sim.addFault({
      route: "members.update",
      status: 400,
      body: { code: "bad_request", message: "memberType cannot be changed" },
    });
    github.pulls.set(MERGE_SHA, [{ number: 7, merged_at: "2026-11-22T06:00:00Z" }]);
    const run = await runAction(options({ eventName: "push", event: pushEvent, ref: "refs/heads/main" }));
    expect(run.code).toBe(1);
    expect(run.outputs.failed).toBe("1");
    expect(run.stdout).toMatch(/::error::1 change failed to apply/);
    expect(sim.snapshot().members.some((m) => m.email === "cy@acme.test")).toBe(true);
    expect(github.comments.find((c) => c.body.includes("roster:result"))?.body).toContain(
      "memberType cannot be changed",
    );
    expect(run.summary).toContain("memberType cannot be changed");
  });

  it("skips with a notice when a newer commit is already the head of the default branch (issue 12 item 10)", async () => {
    const newer = "4444444444444444444444444444444444444444";
    github.heads.set("main", newer);
    const run = await runAction(
      options({ eventName: "push", event: pushEvent, ref: "refs/heads/main", inputs: { "reviewed-plan": "report" } }),
    );
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toContain("::notice::Skipped applying to sigma: main has moved on from 3333333 to 4444444");
    // It read the vendor and planned first, then asked GitHub, then wrote nothing.
    expect(sim.requests.some((r) => r.route === "members.list")).toBe(true);
    expect(github.requests.some((r) => decodeURIComponent(r.path) === "/repos/acme/people/git/ref/heads/main")).toBe(
      true,
    );
    expect(vendorWrites()).toEqual([]);
    expect(run.summary).toContain("Not applied — superseded");
  });

  it("writes nothing and fails when GitHub cannot say which commit is the head", async () => {
    github.heads.clear();
    const run = await runAction(
      options({ eventName: "push", event: pushEvent, ref: "refs/heads/main", inputs: { "reviewed-plan": "report" } }),
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /::error::Nothing was applied: could not confirm that 3333333 is still the head of main/,
    );
    expect(vendorWrites()).toEqual([]);
  });

  it("writes the job summary only on a direct push (with `reviewed-plan: report`)", async () => {
    const run = await runAction(
      options({ eventName: "push", event: pushEvent, ref: "refs/heads/main", inputs: { "reviewed-plan": "report" } }),
    );
    expect(run.code, run.stdout).toBe(0);
    expect(github.comments).toEqual([]);
    expect(run.summary).toContain("cy@acme.test");
  });
});

describe("when the vendor refuses the credentials", () => {
  it("fails the step with the vendor's message in the log and the summary, and leaks nothing", async () => {
    const wrong = "wrong-SECRET-value-3c9d1e";
    const run = await runAction({
      ...options({ eventName: "push", event: pushEvent, ref: "refs/heads/main" }),
      inputs: { vendor: "sigma", "github-token": GITHUB_TOKEN, ...credentials(), "sigma-client-secret": wrong },
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^::error::/m);
    expect(run.summary).toContain("Roster failed");
    expect(vendorWrites()).toEqual([]);
    const visible = run.stdout.replace(/^::add-mask::.*$/gm, "");
    for (const text of [visible, run.stderr, run.summary]) expect(text).not.toContain(wrong);
  });
});

describe("on a schedule", () => {
  it("reports drift in the job summary without a token and without touching GitHub", async () => {
    const run = await runAction({
      ...options({ eventName: "schedule", event: {}, ref: "refs/heads/main" }),
      inputs: { vendor: "sigma", ...credentials() },
    });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({ mode: "plan", "has-changes": "true", "comment-url": "" });
    expect(run.summary).toContain("DRY RUN");
    expect(github.requests).toEqual([]);
    expect(vendorWrites()).toEqual([]);
  });
});

describe("an unsafe plan", () => {
  const csv = [HEADER, "ana@acme.test,Ana,Ruiz,creator,Sales"].join("\n");
  const inputs = { "absent-users": "deactivate" };
  const unsafeInputs = inputs;

  it("fails the pull request run and names the acknowledgement", async () => {
    const run = await runAction(options({ csv, inputs }));
    expect(run.code).toBe(1);
    const ack = /allow-removals: (\d+@[0-9a-f]{8})/.exec(run.stdout)?.[0];
    expect(ack).toBeDefined();
    expect(github.comments[0]?.body).toContain(ack);
    expect(vendorWrites()).toEqual([]);
  });

  it("fails the push run without writing", async () => {
    const run = await runAction(options({ csv, inputs, eventName: "push", event: pushEvent, ref: "refs/heads/main" }));
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/allow-removals: \d+@[0-9a-f]{8}/);
    expect(vendorWrites()).toEqual([]);
  });

  it("applies only with the exact count@digest the plan printed; a bare count is refused", async () => {
    const push = { eventName: "push", event: pushEvent, ref: "refs/heads/main" };
    // About the acknowledgement, not the review: the push applies what it plans (`report`).
    const inputs = { ...unsafeInputs, "reviewed-plan": "report" };
    const blocked = await runAction(options({ csv, inputs, ...push }));
    const value = /allow-removals: (\d+@[0-9a-f]{8})/.exec(blocked.stdout)?.[1] ?? "";
    const bare = await runAction(
      options({ csv, inputs: { ...inputs, "allow-removals": value.split("@")[0] ?? "" }, ...push }),
    );
    expect(bare.code).toBe(1);
    expect(bare.stdout).toContain(`allow-removals: ${value}`);
    expect(vendorWrites()).toEqual([]);
    const acknowledged = await runAction(options({ csv, inputs: { ...inputs, "allow-removals": value }, ...push }));
    expect(acknowledged.code, acknowledged.stdout).toBe(0);
    expect(vendorWrites().length).toBeGreaterThan(0);
  });
});
