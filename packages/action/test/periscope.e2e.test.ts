import { type PeriscopeSimulator, periscopeSimulatorEnv, startPeriscopeSimulator } from "@roster/core/testing";
import { afterEach, beforeEach, expect, it } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "./fake-github.js";
import { runAction } from "./run-action.js";

/**
 * Several targets: Periscope with two sites (one v1, one RBAC) from comma-separated inputs gets
 * one plan and one sticky comment per site, and every per-site key is masked.
 */
let sim: PeriscopeSimulator;
let github: FakeGitHub;

beforeEach(async () => {
  sim = await startPeriscopeSimulator();
  github = await startFakeGitHub();
});
afterEach(async () => {
  await sim.close();
  await github.close();
});

it("plans each Periscope site into its own comment without writing", async () => {
  const env = periscopeSimulatorEnv(sim);
  const keys = (env.PERISCOPE_API_KEY ?? "").split(",");
  const run = await runAction({
    inputs: {
      vendor: "periscope",
      "periscope-site": env.PERISCOPE_SITE ?? "",
      "periscope-api-key": env.PERISCOPE_API_KEY ?? "",
      "periscope-base-url": env.PERISCOPE_BASE_URL ?? "",
      "periscope-api": env.PERISCOPE_API ?? "",
      "periscope-invited-by": env.PERISCOPE_INVITED_BY ?? "",
      "github-token": "ghs_token",
    },
    eventName: "pull_request",
    event: {
      pull_request: { number: 9, head: { sha: "h9", repo: { full_name: "acme/people" } }, base: { sha: "b9" } },
    },
    apiUrl: github.url,
    files: { "users.csv": "email,first_name,last_name\nnew.person@acme.example,New,Person\n" },
  });
  expect(run.code, run.stdout).toBe(0);
  expect(sim.requests.filter((r) => r.method !== "GET")).toEqual([]);
  const markers = github.comments.map((c) => /<!-- roster:comment [^>]*-->/.exec(c.body)?.[0]);
  expect(markers.sort()).toEqual([
    "<!-- roster:comment vendor=periscope csv=users.csv target=acme-analytics -->",
    "<!-- roster:comment vendor=periscope csv=users.csv target=acme-rbac -->",
  ]);
  for (const key of keys) expect(run.stdout).toContain(`::add-mask::${key}`);
  expect(run.outputs).toMatchObject({ mode: "plan", creates: "2" });
});
