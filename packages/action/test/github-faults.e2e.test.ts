import { type RunningSigmaSimulator, startSigmaSimulator } from "@roster/core/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type FakeGitHub, type GitHubFaultKind, startFakeGitHub } from "./fake-github.js";
import { type ActionRun, type ActionRunOptions, runAction } from "./run-action.js";

/**
 * Issue 11 item 7: GitHub API faults on every call the Action makes. One fault of each kind (a
 * 502, a 429 and a 403 secondary rate limit with `retry-after`, a dropped connection) on each
 * route is waited out and retried, and the report still lands, exactly once. A fault that lasts
 * is reported for what it is (a rate limit is not a missing permission), and a read that failed is
 * never taken for an empty answer. ROSTER_GITHUB_RETRY_BASE_MS=1 makes every wait milliseconds.
 */
let sim: RunningSigmaSimulator;
let github: FakeGitHub;

const HEAD = "a".repeat(40);
const BASE = "b".repeat(40);
const MERGE = "c".repeat(40);
const BASE_CSV = "email,first_name,last_name,role\n";
const PR_CSV = `${BASE_CSV}new.person@acme.test,New,Person,viewer\n`;

beforeEach(async () => {
  sim = await startSigmaSimulator();
  github = await startFakeGitHub();
  github.files.set(`${BASE}:users.csv`, BASE_CSV);
  github.heads.set("main", MERGE);
});
afterEach(async () => {
  await sim.close();
  await github.close();
});

type Scenario = "pull request" | "pull request, second run" | "push";

function options(scenario: Scenario, csv = PR_CSV): ActionRunOptions {
  const pr = {
    pull_request: { number: 7, head: { sha: HEAD, repo: { full_name: "acme/people" } }, base: { sha: BASE } },
    repository: { full_name: "acme/people", default_branch: "main" },
  };
  const push = { ref: "refs/heads/main", repository: { full_name: "acme/people", default_branch: "main" } };
  return {
    eventName: scenario === "push" ? "push" : "pull_request",
    event: scenario === "push" ? push : pr,
    sha: scenario === "push" ? MERGE : HEAD,
    apiUrl: github.url,
    files: { "users.csv": csv },
    env: { ROSTER_GITHUB_RETRY_BASE_MS: "1" },
    inputs: {
      vendor: "sigma",
      "github-token": "ghs_faultTestToken",
      "sigma-client-id": sim.clientId,
      "sigma-client-secret": sim.clientSecret,
      "sigma-base-url": sim.url,
    },
  };
}

/** Runs the scenario's setup without faults, then the scenario itself with `fault` in place. */
async function runScenario(scenario: Scenario, arm: () => void): Promise<ActionRun> {
  if (scenario === "pull request, second run") {
    await runAction(options("pull request"));
    arm();
    return runAction(options(scenario, `${PR_CSV}second.person@acme.test,Second,Person,viewer\n`));
  }
  if (scenario === "push") {
    await runAction(options("pull request"));
    github.pulls.set(MERGE, [{ number: 7, merged_at: "2026-11-29T10:00:00Z" }]);
  }
  arm();
  return runAction(options(scenario));
}

const SCENARIOS: readonly Scenario[] = ["pull request", "pull request, second run", "push"];
const KINDS: readonly GitHubFaultKind[] = ["bad-gateway", "too-many-requests", "secondary-rate-limit", "drop-before"];

interface Route {
  readonly name: string;
  readonly method: string;
  readonly path: RegExp;
  readonly scenario: Scenario;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Every call the Action makes, learnt from clean runs of each scenario (so a call added later is
 * covered without editing this list): each method and path, in the first scenario that makes it.
 * A fresh fake GitHub and simulator make the same paths (comment ids included) every time.
 */
async function discoverRoutes(): Promise<Route[]> {
  const routes = new Map<string, Route>();
  for (const scenario of SCENARIOS) {
    sim = await startSigmaSimulator();
    github = await startFakeGitHub();
    github.files.set(`${BASE}:users.csv`, BASE_CSV);
    github.heads.set("main", MERGE);
    try {
      let from = 0;
      const run = await runScenario(scenario, () => {
        from = github.requests.length;
      });
      if (run.code !== 0) throw new Error(`the clean ${scenario} run failed:\n${run.stdout}`);
      for (const request of github.requests.slice(from)) {
        const name = `${request.method} ${request.path}`;
        if (!routes.has(name)) {
          routes.set(name, {
            name,
            method: request.method,
            path: new RegExp(`^${escapeRegExp(request.path)}$`),
            scenario,
          });
        }
      }
    } finally {
      await sim.close();
      await github.close();
    }
  }
  return [...routes.values()];
}

const ROUTES = await discoverRoutes();

it("covers the calls a review needs: reading and writing comments, the base file, the merged pull request", () => {
  const names = ROUTES.map((route) => route.name.replace(/\d+/g, "N"));
  expect(names).toEqual(
    expect.arrayContaining([
      "GET /repos/acme/people/issues/N/comments",
      "POST /repos/acme/people/issues/N/comments",
      "PATCH /repos/acme/people/issues/comments/N",
      "GET /repos/acme/people/contents/users.csv",
      expect.stringMatching(/^GET \/repos\/acme\/people\/commits\/c+\/pulls$/),
    ]),
  );
});

describe.each(ROUTES)("$name ($scenario)", (route) => {
  it.each(KINDS)("a passing %s is retried and the report lands once", async (kind) => {
    const run = await runScenario(route.scenario, () =>
      github.addFault({ kind, method: route.method, path: route.path, retryAfter: 2 }),
    );
    expect(run.code, run.stdout).toBe(0);
    const hits = github.requests.filter((r) => r.method === route.method && route.path.test(r.path));
    expect(hits.some((r) => r.fault === kind)).toBe(true);
    // The faulted call was made again and answered.
    expect(hits.filter((r) => r.fault === undefined).length).toBeGreaterThan(0);
    expect(run.stdout).not.toMatch(/^::warning::/m);
    const plans = github.comments.filter((c) => c.body.includes("<!-- roster:comment vendor=sigma"));
    expect(plans).toHaveLength(1);
    expect(plans[0]?.body).toContain("new.person@acme.test");
    if (route.scenario === "pull request, second run") expect(plans[0]?.body).toContain("second.person@acme.test");
    if (route.scenario === "push") {
      const results = github.comments.filter((c) => c.body.includes("<!-- roster:result vendor=sigma"));
      expect(results).toHaveLength(1);
      expect(results[0]?.body).toContain("Applied exactly the plan reviewed on #7");
    }
  });
});

const commentPosts = () => github.requests.filter((r) => r.method === "POST" && r.path.endsWith("/comments"));

describe("a fault that lasts", () => {
  it("a rate limit longer than Roster waits is reported as a rate limit, and never as 'no reviewed plan'", async () => {
    const run = await runScenario("push", () =>
      github.addFault({
        kind: "secondary-rate-limit",
        method: "GET",
        path: /\/issues\/7\/comments$/,
        retryAfter: 600,
        count: Number.POSITIVE_INFINITY,
      }),
    );
    const warnings = run.stdout.split("\n").filter((line) => line.startsWith("::warning::"));
    expect(warnings.join("\n")).toMatch(
      /Could not read (the comments of #7|the pull request's comments on #7) \(HTTP 403\): GitHub's API rate limit/,
    );
    expect(warnings.join("\n")).not.toMatch(/permission(?! problem)/);
    expect(run.summary).toMatch(/could not read (the comments of #7|the pull request's comments)/i);
    expect(run.summary).not.toContain("No reviewed Roster plan was found");
    // It asked for 600 s: Roster did not wait that long, nor retry.
    const listings = github.requests.filter((r) => r.method === "GET" && /\/issues\/7\/comments$/.test(r.path));
    expect(listings.filter((r) => r.fault !== undefined).length).toBeGreaterThan(0);
    expect(Date.now() - run.spawnedAt).toBeLessThan(60_000);
  });

  it("a 429 that outlasts the retries is a rate limit too", async () => {
    const run = await runScenario("pull request", () =>
      github.addFault({
        kind: "too-many-requests",
        method: "POST",
        path: /\/comments$/,
        count: Number.POSITIVE_INFINITY,
      }),
    );
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toMatch(/^::warning::Could not comment on #7 \(HTTP 429\): GitHub's API rate limit/m);
    // The first try and RETRIES (3) more, each after the wait GitHub asked for.
    expect(commentPosts().length).toBe(4);
    expect(github.comments).toEqual([]);
  });

  it("a 403 without a rate limit names the permission", async () => {
    const run = await runScenario("pull request", () =>
      github.addFault({ kind: "forbidden", method: "POST", path: /\/comments$/, count: Number.POSITIVE_INFINITY }),
    );
    expect(run.stdout).toMatch(
      /^::warning::Could not comment on #7 \(HTTP 403\): the token lacks the `pull-requests: write` permission/m,
    );
    expect(run.stdout).not.toMatch(/rate limit/);
    expect(commentPosts().length).toBe(1);
  });

  it("a primary rate limit is waited out when the reset is near", async () => {
    const run = await runScenario("pull request", () =>
      github.addFault({ kind: "primary-rate-limit", method: "GET", path: /\/comments$/, retryAfter: 1 }),
    );
    expect(run.code, run.stdout).toBe(0);
    expect(github.comments).toHaveLength(1);
  });

  it("a 502 that lasts leaves no comment rather than a duplicate, and says GitHub kept failing", async () => {
    const run = await runScenario("pull request", () =>
      github.addFault({ kind: "bad-gateway", method: "GET", path: /\/comments$/, count: Number.POSITIVE_INFINITY }),
    );
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toMatch(/^::warning::Could not comment on #7 \(HTTP 502\): GitHub's API kept failing/m);
    expect(commentPosts()).toEqual([]);
    expect(run.summary).toContain("new.person@acme.test");
  });
});

describe("a comment created but its answer lost", () => {
  it.each(["drop-after"] as const)("(%s) is found, not posted twice", async (kind) => {
    const run = await runScenario("pull request", () => github.addFault({ kind, method: "POST", path: /\/comments$/ }));
    expect(run.code, run.stdout).toBe(0);
    expect(github.comments).toHaveLength(1);
    expect(run.outputs["comment-url"]).toContain(`issuecomment-${github.comments[0]?.id}`);
  });

  it("two answers lost in a row after GitHub created the comment still leave one comment", async () => {
    // GitHub can answer 502 for a write it performed: the route runs, then the fault answers.
    const run = await runScenario("pull request", () =>
      github.addFault({ kind: "drop-after", method: "POST", path: /\/comments$/, count: 2 }),
    );
    expect(run.code, run.stdout).toBe(0);
    expect(github.comments).toHaveLength(1);
  });
});
