import { readFileSync } from "node:fs";
import { type RunningSigmaSimulator, startSigmaSimulator } from "@roster/core/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "./fake-github.js";
import { placesShowing } from "./leaks.js";
import { type ActionRun, type ActionRunOptions, runAction } from "./run-action.js";

/**
 * Issue 11 item 5: the bundle reads users.csv only from inside GITHUB_WORKSPACE. A path that
 * leaves it, a symbolic link that leaves it (a fork pull request can commit one pointing at
 * /proc/self/environ) and anything that is not a regular file are refused with an error naming
 * the `csv` input, and nothing of the target reaches any output.
 */
let sim: RunningSigmaSimulator;
let github: FakeGitHub;

beforeEach(async () => {
  sim = await startSigmaSimulator();
  github = await startFakeGitHub();
});
afterEach(async () => {
  await sim.close();
  await github.close();
});

/** A file beside the workspace whose rows would plan fine: only the path check can stop it. */
const OUTSIDE_MARKER = "outside-marker-5d1c";
const OUTSIDE_CSV = `email,first_name,last_name\n${OUTSIDE_MARKER}@acme.test,Out,Side\n`;

const prEvent = (fork: boolean) => ({
  pull_request: {
    number: 11,
    head: { sha: "a".repeat(40), repo: { full_name: fork ? "mallory/people" : "acme/people" } },
    base: { sha: "b".repeat(40) },
  },
  repository: { full_name: "acme/people", default_branch: "main" },
});

function options(overrides: Partial<ActionRunOptions> & { fork?: boolean; csvInput?: string }): ActionRunOptions {
  const fork = overrides.fork ?? false;
  const credentials = fork
    ? {}
    : { "sigma-client-id": sim.clientId, "sigma-client-secret": sim.clientSecret, "sigma-base-url": sim.url };
  return {
    eventName: "pull_request",
    event: prEvent(fork),
    apiUrl: github.url,
    files: {},
    outsideFiles: { "outside.csv": OUTSIDE_CSV },
    ...overrides,
    inputs: {
      vendor: "sigma",
      "github-token": "ghs_workspaceTestToken",
      ...credentials,
      ...(overrides.csvInput === undefined ? {} : { csv: overrides.csvInput }),
    },
  };
}

function expectRefused(run: ActionRun, reason: RegExp): void {
  expect(run.code, run.stdout).toBe(1);
  const error = /^::error::(.*)$/m.exec(run.stdout)?.[1] ?? "";
  expect(error).toContain("`csv` input");
  expect(error).toMatch(reason);
  expect(sim.requests).toEqual([]);
  expect(github.comments).toEqual([]);
}

/** Lines of the target, each long enough to be recognised: none may show anywhere. */
function expectNothingOf(run: ActionRun, needles: readonly string[]): void {
  expect(needles.length).toBeGreaterThan(0);
  for (const needle of needles) expect(placesShowing(run, github, needle), needle).toEqual([]);
}

describe("a csv input that leaves the workspace", () => {
  it("refuses ../../etc/passwd and quotes nothing of it", async () => {
    const run = await runAction(options({ csvInput: "../../etc/passwd", files: { "users.csv": "email\n" } }));
    expectRefused(run, /outside the workspace/);
    const passwd = readFileSync("/etc/passwd", "utf8");
    expectNothingOf(run, ["root:x:0:0", ...passwd.split("\n").filter((line) => line.length > 12)]);
  });

  it("refuses ../outside.csv even though it is a valid users file", async () => {
    const run = await runAction(options({ csvInput: "../outside.csv", files: { "users.csv": "email\n" } }));
    expectRefused(run, /outside the workspace/);
    expectNothingOf(run, [OUTSIDE_MARKER]);
  });

  it("refuses an absolute path", async () => {
    const run = await runAction(options({ csvInput: "/etc/passwd", files: {} }));
    expectRefused(run, /outside the workspace/);
    expectNothingOf(run, ["root:x:0:0"]);
  });
});

describe("a users.csv that is a symbolic link", () => {
  it("to /proc/self/environ on a fork pull request is refused, and the environment shows nowhere", async () => {
    const run = await runAction(options({ fork: true, files: {}, links: { "users.csv": "/proc/self/environ" } }));
    expectRefused(run, /symbolic link.*outside the workspace/);
    // Names and values of the step's environment, as /proc/self/environ would have shown them.
    expectNothingOf(run, ["INPUT_VENDOR", "GITHUB_EVENT_PATH", "RUNNER_TEMP", "ghs_workspaceTestToken", "environ"]);
  });

  it("that climbs out with a relative target is refused, and the target's rows show nowhere", async () => {
    const run = await runAction(options({ files: {}, links: { "users.csv": "../outside.csv" } }));
    expectRefused(run, /symbolic link/);
    expectNothingOf(run, [OUTSIDE_MARKER, "outside.csv"]);
  });

  it("under a linked directory that leaves the workspace is refused", async () => {
    const run = await runAction(options({ csvInput: "people/outside.csv", files: {}, links: { people: ".." } }));
    expectRefused(run, /symbolic link/);
    expectNothingOf(run, [OUTSIDE_MARKER]);
  });

  it("that stays inside the workspace is read", async () => {
    const run = await runAction(
      options({
        files: { "data/people.csv": "email,first_name,last_name\nin.side@acme.test,In,Side\n" },
        links: { "users.csv": "data/people.csv" },
      }),
    );
    expect(run.code, run.stdout).toBe(0);
    expect(github.comments[0]?.body).toContain("in.side@acme.test");
  });
});

describe("a csv input that is not a regular file", () => {
  it("refuses a directory", async () => {
    const run = await runAction(options({ csvInput: "people", files: { "people/a.csv": "email\n" } }));
    expectRefused(run, /not a regular file/);
  });

  it("says a missing file is missing, without the runner's path", async () => {
    const run = await runAction(options({ files: {} }));
    expectRefused(run, /names no file/);
    expectNothingOf(run, ["roster-action-"]);
  });
});
