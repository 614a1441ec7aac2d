import {
  type AdobeSeed,
  adobeSimulatorEnv,
  periscopeDemoSeed,
  periscopeSimulatorEnv,
  type SigmaSeed,
  startAdobeSimulator,
  startPeriscopeSimulator,
  startSigmaSimulator,
} from "@roster/core/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "./fake-github.js";
import { asRead, placesShowing } from "./leaks.js";
import { type ActionRun, type ActionRunOptions, runAction } from "./run-action.js";

/**
 * Issue 11 item 6, run through the bundle for each vendor: the simulators echo secrets back (a
 * fault whose error text quotes the client secret, the bearer token the vendor was just granted,
 * another Periscope site's key and the GitHub token; seed data whose names equal a secret), and
 * nothing of any of them shows in the comment, the job summary, the annotations, the outputs, the
 * log or the files left for upload. Each fault must be seen to reach the report (`[REDACTED]`),
 * or the test would pass for the wrong reason.
 */
const GITHUB_TOKEN = "ghs_secretsSuiteToken0123456789abcdef";
const HEAD = "a".repeat(40);
const BASE = "b".repeat(40);
const MERGE = "c".repeat(40);

let github: FakeGitHub;
beforeEach(async () => {
  github = await startFakeGitHub();
  github.pulls.set(MERGE, [{ number: 3, merged_at: "2026-11-29T10:00:00Z" }]);
  github.heads.set("main", MERGE);
});
afterEach(async () => {
  await github.close();
});

function run(kind: "pull request" | "push", inputs: Record<string, string>, csv: string): Promise<ActionRun> {
  const options: ActionRunOptions = {
    eventName: kind === "push" ? "push" : "pull_request",
    event:
      kind === "push"
        ? { ref: "refs/heads/main", repository: { full_name: "acme/people", default_branch: "main" } }
        : {
            pull_request: { number: 3, head: { sha: HEAD, repo: { full_name: "acme/people" } }, base: { sha: BASE } },
            repository: { full_name: "acme/people", default_branch: "main" },
          },
    sha: kind === "push" ? MERGE : HEAD,
    apiUrl: github.url,
    files: { "users.csv": csv },
    env: { ROSTER_GITHUB_RETRY_BASE_MS: "1" },
    // These runs are about what a run writes, not about review: a push applies (`report`).
    inputs: { "github-token": GITHUB_TOKEN, "reviewed-plan": "report", ...inputs },
  };
  return runAction(options);
}

function expectNoLeak(runs: readonly ActionRun[], secrets: Readonly<Record<string, string>>): void {
  for (const [label, secret] of Object.entries(secrets)) {
    expect(secret.length, label).toBeGreaterThan(8);
    for (const each of runs) expect(placesShowing(each, github, secret), label).toEqual([]);
  }
}

function bearerOf(requests: readonly { headers: Readonly<Record<string, string | undefined>> }[]): string {
  const header = requests.map((r) => r.headers.authorization).find((value) => value?.startsWith("Bearer "));
  if (header === undefined) throw new Error("the vendor was never sent a bearer token");
  return header.slice("Bearer ".length);
}

/** An error text that quotes every secret, bare: no `Bearer` or `client_secret=` label to catch it by. */
const echo = (...secrets: string[]) => `Invalid request from ${secrets.join(" / ")} ({{bearer}})`;

describe("Sigma", () => {
  const CLIENT_SECRET = "sigma-SECRET-e2e-91b7c3d5";
  const seed: SigmaSeed = {
    organizationId: "org-secrets",
    client: { clientId: "sigma-secrets-client", clientSecret: CLIENT_SECRET, memberEmail: "api@acme.test" },
    accountTypes: ["admin", "creator", "viewer"],
    teams: [],
    members: [
      { email: "api@acme.test", firstName: "Api", lastName: "Client", memberType: "admin" },
      // Vendor data equal to secrets: the plan shows the names it replaces.
      { email: "odd@acme.test", firstName: CLIENT_SECRET, lastName: GITHUB_TOKEN, memberType: "viewer" },
    ],
  };
  const CSV = "email,first_name,last_name,role\nodd@acme.test,Odd,Name,viewer\nnew@acme.test,New,Person,viewer\n";

  it("echoed by the vendor and held in its data, shows nowhere", async () => {
    const sim = await startSigmaSimulator({ seed });
    try {
      const inputs = {
        vendor: "sigma",
        "sigma-client-id": "sigma-secrets-client",
        "sigma-client-secret": CLIENT_SECRET,
        "sigma-base-url": sim.url,
      };
      const planned = await run("pull request", inputs, CSV);
      expect(planned.code, planned.stdout).toBe(0);
      sim.addFault({ route: "members.create", status: 400, body: { message: echo(CLIENT_SECRET, GITHUB_TOKEN) } });
      const applied = await run("push", inputs, CSV);
      expect(applied.code).toBe(1);
      const result = asRead(github.comments.find((c) => c.body.includes("roster:result"))?.body ?? "");
      expect(result).toContain("Invalid request from [REDACTED]");
      expect(asRead(github.comments.find((c) => c.body.includes("roster:comment"))?.body ?? "")).toContain(
        "[REDACTED]",
      );
      expectNoLeak([planned, applied], {
        CLIENT_SECRET,
        GITHUB_TOKEN,
        bearer: bearerOf(sim.requests as never),
      });
    } finally {
      await sim.close();
    }
  });
});

describe("Adobe", () => {
  const CLIENT_SECRET = "p8e-ADOBE-secret-e2e-4f2a9c";
  const seed: AdobeSeed = {
    orgId: "SECRETS0123456789@AdobeOrg",
    clientId: "adobe-secrets-client",
    clientSecret: CLIENT_SECRET,
    groups: [{ groupName: "Designers", type: "USER_GROUP" }],
    users: [
      { email: "odd@acme.test", type: "federatedID", firstname: CLIENT_SECRET, lastname: GITHUB_TOKEN, country: "US" },
    ],
  };
  const CSV = [
    "email,first_name,last_name,type,country,groups",
    "odd@acme.test,Odd,Name,federatedID,US,Designers",
    "new@acme.test,New,Person,federatedID,US,Designers",
  ].join("\n");
  /** A 200 whose per-entry error quotes the secrets (UMAPI's `errors[].message`). */
  // The answer accounts for both entries sent (one per user): one done (in test mode for the dry
  // run), the other refused.
  const entryErrorsOf = (testOnly: boolean) => ({
    completed: testOnly ? 0 : 1,
    notCompleted: 1,
    completedInTestMode: testOnly ? 1 : 0,
    result: "error",
    errors: [{ index: 0, step: 0, message: echo(CLIENT_SECRET, GITHUB_TOKEN), errorCode: "error.command.invalid" }],
  });

  it("echoed in per-entry errors of a dry run and of an apply, and held in its data, shows nowhere", async () => {
    const sim = await startAdobeSimulator({ seed });
    try {
      const env = adobeSimulatorEnv(sim);
      const inputs = {
        vendor: "adobe",
        "adobe-org-id": env.ADOBE_ORG_ID ?? "",
        "adobe-client-id": env.ADOBE_CLIENT_ID ?? "",
        "adobe-client-secret": CLIENT_SECRET,
        "adobe-umapi-url": env.ADOBE_UMAPI_URL ?? "",
        "adobe-ims-url": env.ADOBE_IMS_URL ?? "",
        "server-check": "true",
      };
      sim.addFault({ route: "action", status: 200, body: entryErrorsOf(true), count: 1 });
      const planned = await run("pull request", inputs, CSV);
      expect(asRead(github.comments.find((c) => c.body.includes("roster:comment"))?.body ?? "")).toContain(
        "[REDACTED]",
      );
      sim.addFault({ route: "action", status: 200, body: entryErrorsOf(false) });
      const applied = await run("push", inputs, CSV);
      expect(applied.code).toBe(1);
      const result = asRead(github.comments.find((c) => c.body.includes("roster:result"))?.body ?? "");
      expect(result).toContain("Invalid request from [REDACTED]");
      expectNoLeak([planned, applied], {
        CLIENT_SECRET,
        GITHUB_TOKEN,
        bearer: bearerOf(sim.requests as never),
      });
    } finally {
      await sim.close();
    }
  });
});

describe("Periscope with two sites", () => {
  const [v1Site, rbacSite] = periscopeDemoSeed.sites;
  const KEY_V1 = v1Site?.apiKey ?? "";
  const KEY_RBAC = rbacSite?.apiKey ?? "";
  const seed: typeof periscopeDemoSeed = {
    sites: periscopeDemoSeed.sites.map((site) =>
      site.rbac
        ? site
        : {
            ...site,
            // One site's data holds the other site's key.
            users: [...site.users, { email: "odd@acme.example", first_name: KEY_RBAC, last_name: "Odd", groups: [] }],
          },
    ),
  };
  const CSV = "email,first_name,last_name\nodd@acme.example,Odd,Name\nnew.person@acme.example,New,Person\n";

  it("each site's key, echoed alone by the other site or held in its data, shows nowhere", async () => {
    const sim = await startPeriscopeSimulator({ seed });
    try {
      const env = periscopeSimulatorEnv(sim, seed);
      const inputs = {
        vendor: "periscope",
        "periscope-site": env.PERISCOPE_SITE ?? "",
        "periscope-api-key": env.PERISCOPE_API_KEY ?? "",
        "periscope-base-url": env.PERISCOPE_BASE_URL ?? "",
        "periscope-api": env.PERISCOPE_API ?? "",
        "periscope-invited-by": env.PERISCOPE_INVITED_BY ?? "",
      };
      const planned = await run("pull request", inputs, CSV);
      expect(planned.code, planned.stdout).toBe(0);
      for (const route of ["v1.users.create", "v2.users.create"]) {
        sim.addFault({ route, status: 422, body: { message: echo(KEY_V1, KEY_RBAC, GITHUB_TOKEN) } });
      }
      const applied = await run("push", inputs, CSV);
      expect(applied.code).toBe(1);
      const results = github.comments.filter((c) => c.body.includes("roster:result"));
      expect(results.length).toBe(2);
      for (const result of results) expect(asRead(result.body)).toContain("[REDACTED]");
      expectNoLeak([planned, applied], { KEY_V1, KEY_RBAC, GITHUB_TOKEN });
    } finally {
      await sim.close();
    }
  });
});
