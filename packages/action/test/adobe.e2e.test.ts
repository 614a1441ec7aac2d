import { type AdobeSimulator, adobeSimulatorEnv, startAdobeSimulator } from "@roster/core/testing";
import { afterEach, beforeEach, expect, it } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "./fake-github.js";
import { runAction } from "./run-action.js";

/**
 * `server-check` on a pull request: the Adobe plan is also sent to UMAPI's own dry run
 * (`testOnly=true`), the only kind of write plan mode lets through besides the token exchange.
 */
let sim: AdobeSimulator;
let github: FakeGitHub;

beforeEach(async () => {
  sim = await startAdobeSimulator();
  github = await startFakeGitHub();
});
afterEach(async () => {
  await sim.close();
  await github.close();
});

it("asks UMAPI's testOnly dry run and never writes for real in plan mode", async () => {
  const env = adobeSimulatorEnv(sim);
  const run = await runAction({
    inputs: {
      vendor: "adobe",
      "adobe-org-id": env.ADOBE_ORG_ID ?? "",
      "adobe-client-id": env.ADOBE_CLIENT_ID ?? "",
      "adobe-client-secret": env.ADOBE_CLIENT_SECRET ?? "",
      "adobe-umapi-url": env.ADOBE_UMAPI_URL ?? "",
      "adobe-ims-url": env.ADOBE_IMS_URL ?? "",
      "adobe-default-country": "US",
      "server-check": "true",
      "github-token": "ghs_token",
    },
    eventName: "pull_request",
    event: {
      pull_request: { number: 5, head: { sha: "h5", repo: { full_name: "acme/people" } }, base: { sha: "b5" } },
    },
    apiUrl: github.url,
    files: {
      "users.csv": "email,first_name,last_name,type,groups\nnew.person@example.com,New,Person,federatedID,Designers\n",
    },
  });
  expect(run.code, run.stdout).toBe(0);
  const writes = sim.requests.filter((r) => r.method !== "GET" && r.route !== "ims.token");
  expect(writes.length).toBeGreaterThan(0);
  expect(writes.every((r) => r.route === "action" && new URLSearchParams(r.query).get("testOnly") === "true")).toBe(
    true,
  );
  expect(run.outputs).toMatchObject({ mode: "plan", creates: "1" });
  expect(github.comments[0]?.body).toContain("new.person@example.com");
  expect(run.stdout.replace(/^::add-mask::.*$/gm, "")).not.toContain(env.ADOBE_CLIENT_SECRET);
});
