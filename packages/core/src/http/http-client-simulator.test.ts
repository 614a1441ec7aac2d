import { describe, expect, it } from "vitest";
import { startSimulator } from "../simulator/server.js";
import type { SimulatorDefinition } from "../simulator/types.js";
import { createHttpClient } from "./http-client.js";
import { createSlidingWindowPacer } from "./pacer.js";

/** An action endpoint limited like Adobe's: 10 requests per minute (docs/vendors/adobe.md#action-api). */
function actionSimulator(): SimulatorDefinition<{ done: number }> {
  const state = { done: 0 };
  return {
    name: "actions",
    routes: [
      {
        method: "POST",
        pattern: "/action/:org",
        name: "action",
        handler: () => {
          state.done++;
          return { status: 200, body: { result: "success" } };
        },
      },
    ],
    notFound: () => ({ status: 404, body: {} }),
    malformed: () => ({ status: 400, body: {} }),
    rateLimits: [
      {
        name: "action",
        routes: ["action"],
        limit: 10,
        windowMs: 60_000,
        retryAfter: "seconds",
        body: { error_code: "429050", message: "Too many requests" },
      },
    ],
    state: { get: () => state, reset: () => undefined },
  };
}

describe("HTTP client against a simulator", () => {
  it("gets 25 throttled POSTs through by honouring Retry-After", async () => {
    await using sim = await startSimulator(actionSimulator());
    const slept: number[] = [];
    const client = createHttpClient({
      baseUrl: sim.url,
      mode: "read-write",
      retry: { maxAttempts: 10 },
      // Sleeping moves the simulator clock, so the test takes no real time.
      sleep: async (ms) => {
        slept.push(ms);
        sim.advanceClock(ms);
      },
    });
    for (let index = 0; index < 25; index++) await client.request({ method: "POST", path: "/action/org", json: [] });
    expect(sim.state.done).toBe(25);
    const throttled = sim.requests.filter((entry) => entry.status === 429).length;
    expect(throttled).toBe(2);
    expect(client.stats).toEqual({ requests: 27, retries: 2 });
    expect(slept.every((ms) => ms >= 1000)).toBe(true);
    await client.close();
  });

  it("with a pacer matching the server's window, never collects a 429", async () => {
    await using sim = await startSimulator(actionSimulator());
    const pacer = createSlidingWindowPacer(
      [{ name: "action", limit: 10, windowMs: 60_000, matches: (req) => req.path.startsWith("/action/") }],
      { now: () => sim.now(), sleep: async (ms) => sim.advanceClock(ms) },
    );
    const client = createHttpClient({ baseUrl: sim.url, mode: "read-write", pacer });
    for (let index = 0; index < 25; index++) await client.request({ method: "POST", path: "/action/org", json: [] });
    expect(sim.requests.filter((entry) => entry.status === 429)).toHaveLength(0);
    expect(pacer.waits).toBe(2);
    await client.close();
  });

  it("reports a write whose answer was lost as ambiguous, although the server acted", async () => {
    await using sim = await startSimulator(actionSimulator());
    sim.addFault({ route: "action", count: 1, drop: "after" });
    const client = createHttpClient({ baseUrl: sim.url, mode: "read-write" });
    await expect(client.request({ method: "POST", path: "/action/org", json: [] })).rejects.toMatchObject({
      code: "HTTP_NETWORK",
      ambiguous: true,
      attempts: 1,
    });
    expect(sim.state.done).toBe(1);
    await client.close();
  });
});
