import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type ForwardProxy, startForwardProxy } from "./__tests__/forward-proxy.js";
import { runCli, singleTarget } from "./__tests__/run-cli.js";
import { type SigmaFixture, startSigmaFixture } from "./__tests__/sigma-fixture.js";
import { DEMO_USERS_CSV } from "./demo-csv.js";

// Corporate networks: HTTP_PROXY / HTTPS_PROXY / NO_PROXY (undici's EnvHttpProxyAgent).

let fixture: SigmaFixture;
let proxy: ForwardProxy;
beforeEach(async () => {
  fixture = await startSigmaFixture();
  proxy = await startForwardProxy();
});
afterEach(async () => {
  await proxy.close();
  await fixture.close();
});

describe("proxies from the environment", () => {
  it("sends every vendor request through HTTP_PROXY", async () => {
    const csv = await fixture.writeCsv(DEMO_USERS_CSV);
    const run = await runCli(["plan", csv, "--vendor", "sigma", "--json"], { ...fixture.env, HTTP_PROXY: proxy.url });
    expect(run.code).toBe(0);
    expect(singleTarget<{ changes: unknown[] }>(run.stdout).changes).toHaveLength(5);
    const host = new URL(fixture.sim.url).host;
    expect(proxy.seen).toContain(`POST http://${host}/v2/auth/token`);
    expect(proxy.seen.filter((line) => line.startsWith("GET ")).length).toBeGreaterThan(0);
    // Every request the simulator answered came through the proxy.
    expect(proxy.seen).toHaveLength(fixture.sim.requests.length);
  });

  it("lowercase http_proxy works too", async () => {
    const csv = await fixture.writeCsv(DEMO_USERS_CSV);
    const run = await runCli(["plan", csv, "--vendor", "sigma"], { ...fixture.env, http_proxy: proxy.url });
    expect(run.code).toBe(0);
    expect(proxy.seen.length).toBeGreaterThan(0);
  });

  it("goes direct to hosts in NO_PROXY", async () => {
    const csv = await fixture.writeCsv(DEMO_USERS_CSV);
    const run = await runCli(["plan", csv, "--vendor", "sigma"], {
      ...fixture.env,
      HTTP_PROXY: proxy.url,
      NO_PROXY: "127.0.0.1",
    });
    expect(run.code).toBe(0);
    expect(proxy.seen).toEqual([]);
    expect(fixture.sim.requests.length).toBeGreaterThan(0);
  });

  it("goes direct without any proxy setting", async () => {
    const csv = await fixture.writeCsv(DEMO_USERS_CSV);
    expect((await runCli(["plan", csv, "--vendor", "sigma"], fixture.env)).code).toBe(0);
    expect(proxy.seen).toEqual([]);
  });
});
