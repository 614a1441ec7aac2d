import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "./fake-github.js";
import { runAction } from "./run-action.js";

/**
 * A pull request from a fork gets no secrets, so the Action validates users.csv offline: with the
 * same rules as `roster validate` (core vendorRowChecks), including what the vendor can never do.
 */
let github: FakeGitHub;
beforeEach(async () => {
  github = await startFakeGitHub();
});
afterEach(async () => {
  await github.close();
});

const forkEvent = {
  number: 9,
  pull_request: {
    number: 9,
    head: { sha: "1".repeat(40), repo: { full_name: "mallory/people" } },
    base: { sha: "2".repeat(40), ref: "main" },
  },
  repository: { full_name: "acme/people", default_branch: "main" },
};

describe("a fork's pull request, validated offline", () => {
  it.each([
    ["periscope", "email,status\nada@acme.test,deactivated\n", "periscope cannot deactivate users."],
    [
      "periscope",
      "email,new_email\nada@acme.test,ada.l@acme.test\n",
      "periscope cannot change a user's email address.",
    ],
    ["adobe", "email,groups\nada@acme.test,_org_admin\n", 'Adobe group names starting with "_"'],
  ])("%s: %j fails with the rule plan would apply", async (vendor, csv, message) => {
    const run = await runAction({
      inputs: { vendor, "github-token": "ghs_forkTokenValue0123456789" },
      eventName: "pull_request",
      event: forkEvent,
      ref: "refs/pull/9/merge",
      sha: "3".repeat(40),
      apiUrl: github.url,
      files: { "users.csv": csv },
    });
    expect(run.code, run.stdout).toBe(1);
    expect(run.stdout).toMatch(/^::error file=users\.csv,line=2/m);
    expect(run.stdout + run.summary).toContain(message);
  });
});
