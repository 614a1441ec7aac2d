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
  github.heads.set("main", "c".repeat(40));
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

it("refuses a different plan per site at merge and applies it only with each site's full checksum", async () => {
  const env = periscopeSimulatorEnv(sim);
  const inputs = {
    vendor: "periscope",
    "periscope-site": env.PERISCOPE_SITE ?? "",
    "periscope-api-key": env.PERISCOPE_API_KEY ?? "",
    "periscope-base-url": env.PERISCOPE_BASE_URL ?? "",
    "periscope-api": env.PERISCOPE_API ?? "",
    "periscope-invited-by": env.PERISCOPE_INVITED_BY ?? "",
    "github-token": "ghs_token",
  };
  const reviewed = "email,first_name,last_name\nnew.person@acme.example,New,Person\n";
  const merged = `${reviewed}second.person@acme.example,Second,Person\n`;
  const repository = { full_name: "acme/people", default_branch: "main" };
  await runAction({
    inputs,
    eventName: "pull_request",
    event: {
      pull_request: {
        number: 9,
        head: { sha: "a9".repeat(20), repo: { full_name: "acme/people" } },
        base: { sha: "b9" },
      },
    },
    apiUrl: github.url,
    files: { "users.csv": reviewed },
  });
  github.pulls.set("c".repeat(40), [{ number: 9, merged_at: "2026-11-29T06:00:00Z" }]);
  const push = { apiUrl: github.url, sha: "c".repeat(40), ref: "refs/heads/main", files: { "users.csv": merged } };

  const refused = await runAction({
    ...push,
    inputs,
    eventName: "push",
    event: { ref: "refs/heads/main", repository },
  });
  expect(refused.code).toBe(1);
  expect(sim.requests.filter((r) => r.method !== "GET")).toEqual([]);
  const checksums = [...refused.stdout.matchAll(/approve-checksum: ([0-9a-f]{64})/g)].map((m) => m[1] ?? "");
  expect(new Set(checksums).size).toBe(2);

  // Approving one site's checksum applies that site only; the other is refused again.
  const oneSite = await runAction({
    ...push,
    inputs: { ...inputs, "approve-checksum": checksums[0] ?? "" },
    eventName: "workflow_dispatch",
    event: { ref: "refs/heads/main", repository },
  });
  expect(oneSite.code).toBe(1);
  const results = () => github.comments.filter((c) => c.body.includes("<!-- roster:result vendor=periscope"));
  expect(
    results()
      .map((c) => /awaiting approval/.test(c.body))
      .sort(),
  ).toEqual([false, true]);

  const bothSites = await runAction({
    ...push,
    inputs: { ...inputs, "approve-checksum": [...new Set(checksums)].join(",") },
    eventName: "workflow_dispatch",
    event: { ref: "refs/heads/main", repository },
  });
  expect(bothSites.code, bothSites.stdout).toBe(0);
  expect(bothSites.outputs).toMatchObject({ mode: "apply", failed: "0" });
  expect(results()).toHaveLength(2);
  expect(results().some((c) => c.body.includes("Applied the plan approved by its full checksum"))).toBe(true);
  expect(results().some((c) => c.body.includes("awaiting approval"))).toBe(false);
});
