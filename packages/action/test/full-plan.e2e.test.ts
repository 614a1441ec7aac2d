import { type RunningSigmaSimulator, startSigmaSimulator } from "@roster/core/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startFakeArtifactService } from "./fake-artifact-service.js";
import { type FakeGitHub, startFakeGitHub } from "./fake-github.js";
import { type ActionRunOptions, runAction } from "./run-action.js";

/**
 * Issue 11 item 9 (artifact): the whole plan is written as JSON and Markdown under RUNNER_TEMP,
 * its path is the `full-plan-path` output, and the reports say truthfully where it is: never "in
 * the job summary", which is shortened too past ~9,000 changes.
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

function options(csv: string, env: Record<string, string> = {}): ActionRunOptions {
  return {
    eventName: "pull_request",
    event: {
      pull_request: {
        number: 4,
        head: { sha: "a".repeat(40), repo: { full_name: "acme/people" } },
        base: { sha: "b".repeat(40) },
      },
      repository: { full_name: "acme/people", default_branch: "main" },
    },
    sha: "a".repeat(40),
    apiUrl: github.url,
    files: { "users.csv": csv },
    env: { ROSTER_GITHUB_RETRY_BASE_MS: "1", GITHUB_JOB: "roster", ...env },
    inputs: {
      vendor: "sigma",
      "github-token": "ghs_fullPlanToken",
      "sigma-client-id": sim.clientId,
      "sigma-client-secret": sim.clientSecret,
      "sigma-base-url": sim.url,
    },
  };
}

const usersCsv = (count: number) =>
  [
    "email,first_name,last_name,role",
    ...Array.from({ length: count }, (_, i) => `person${i}@acme.test,Person,N${i},viewer`),
  ].join("\n");

function fileEndingWith(files: Readonly<Record<string, string>>, suffix: string): [string, string] {
  const entry = Object.entries(files).find(([path]) => path.endsWith(suffix));
  if (entry === undefined) throw new Error(`no ${suffix} under RUNNER_TEMP: ${Object.keys(files).join(", ")}`);
  return entry;
}

describe("the full plan", () => {
  it("is written as JSON and Markdown, its path is an output, and the summary says it was not uploaded", async () => {
    const run = await runAction(options(usersCsv(2)));
    expect(run.code, run.stdout).toBe(0);
    const [jsonPath, json] = fileEndingWith(run.tempFiles, "plan.json");
    const [, markdown] = fileEndingWith(run.tempFiles, "plan.md");
    expect(jsonPath).toMatch(/^roster-plan-sigma-users\.csv-roster-42\/plan\.json$/);
    expect(run.outputs["full-plan-path"]).toMatch(/runner-temp\/roster-plan-sigma-users\.csv-roster-42\/plan\.json$/);
    const document = JSON.parse(json) as { targets: { plan: { checksum: string; changes: unknown[] } }[] };
    expect(document.targets[0]?.plan.checksum).toBe(run.outputs["plan-checksum"]);
    expect(document.targets[0]?.plan.changes).toHaveLength(2);
    expect(markdown).toContain("person1@acme.test");
    expect(run.summary).toContain("not uploaded: this run has no artifact service (ACTIONS_RUNTIME_TOKEN is not set)");
  });

  it("holds every change when the comment is shortened, and the comment never claims the summary has it", async () => {
    const count = 2500;
    const run = await runAction(options(usersCsv(count)));
    expect(run.code, run.stdout).toBe(0);
    const comment = github.comments[0]?.body ?? "";
    expect(comment).toContain("This report was shortened to fit");
    expect(comment).not.toMatch(/job summary/);
    const [, json] = fileEndingWith(run.tempFiles, "plan.json");
    const document = JSON.parse(json) as { targets: { plan: { changes: unknown[] } }[] };
    expect(document.targets[0]?.plan.changes).toHaveLength(count);
    const [, markdown] = fileEndingWith(run.tempFiles, "plan.md");
    expect(markdown).not.toContain("shortened");
    expect(markdown).toContain(`person${count - 1}@acme.test`);
  });

  it("is uploaded as an artifact and linked from the shortened comment and from the summary", async () => {
    const service = await startFakeArtifactService(7321);
    try {
      const run = await runAction(
        options(usersCsv(2500), {
          ACTIONS_RUNTIME_TOKEN: service.runtimeToken,
          ACTIONS_RESULTS_URL: `${service.url}/`,
          // @actions/artifact refuses GitHub Enterprise Server hosts; the fake stands for github.com.
          GITHUB_SERVER_URL: "https://github.com",
        }),
      );
      expect(run.code, run.stdout).toBe(0);
      expect(service.finalized).toEqual([{ name: "roster-plan-sigma-users.csv-roster", size: expect.any(Number) }]);
      expect(service.finalized[0]?.size).toBeGreaterThan(1000);
      const url = "https://github.com/acme/people/actions/runs/42/artifacts/7321";
      expect(github.comments[0]?.body).toContain(
        `The full plan is in [the roster-plan-sigma-users.csv-roster artifact](${url})`,
      );
      expect(run.summary).toContain(`(${url})`);
    } finally {
      await service.close();
    }
  });

  it("that fails to upload is a warning, not a failed run", async () => {
    // The client refuses the upload (github.test is taken for a GitHub Enterprise Server host, where
    // this artifact service does not exist): the upload fails, the run does not.
    const run = await runAction(
      options(usersCsv(1), { ACTIONS_RUNTIME_TOKEN: "not-a-jwt", ACTIONS_RESULTS_URL: `${github.url}/` }),
    );
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toMatch(/^::warning::Could not upload the full plan as an artifact/m);
    expect(run.summary).toContain("uploading it as an artifact failed");
    expect(github.comments).toHaveLength(1);
    expect(run.outputs["full-plan-path"]).toMatch(/plan\.json$/);
  });
});
