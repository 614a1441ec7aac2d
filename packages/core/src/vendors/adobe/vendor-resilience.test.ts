import { setTimeout as delay } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { applyPlan } from "../../engine/apply-plan.js";
import type { ProgressEvent } from "../vendor.js";
import type { AdobeRateLimits } from "./rate-limits.js";
import { parseAdobeSettings } from "./settings.js";
import type { AdobeSimulator } from "./simulator/index.js";
import { adobeSimulatorEnv, startAdobeSimulator } from "./simulator/index.js";
import { createUser, planOf, recordingLogger } from "./test-helpers.js";
import { createAdobeVendor } from "./vendor.js";

const closers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c.close()));
});

const cappedSleep = (ms: number): Promise<void> => delay(Math.min(ms, 20)).then(() => undefined);

async function setup(simLimits: AdobeRateLimits | false = false, clientLimits = "off") {
  const sim = await startAdobeSimulator({ rateLimits: simLimits });
  closers.push(sim);
  const logger = recordingLogger();
  const vendor = createAdobeVendor(parseAdobeSettings({ ...adobeSimulatorEnv(sim), ADOBE_RATE_LIMITS: clientLimits }), {
    mode: "apply",
    logger,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    sleep: cappedSleep,
  });
  closers.push(vendor);
  return { sim, vendor, logger };
}

const creates = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => createUser(`${prefix}${i}@example.com`, { firstName: "A", lastName: "B" }));
const actions = (sim: AdobeSimulator) => sim.requests.filter((r) => r.route === "action");

describe("adobe vendor resilience", () => {
  it("retries 502, 503 and 504 and applies each change once", async () => {
    const { sim, vendor, logger } = await setup();
    const directory = await vendor.read({ logger });
    for (const status of [502, 503, 504]) sim.addFault({ route: "action", count: 1, status });
    const result = await applyPlan(vendor, planOf(creates("r", 12)), directory, { stopOnError: false }, { logger });
    expect(result.counts).toEqual({ applied: 12, failed: 0, skipped: 0 });
    expect(actions(sim).map((r) => r.status)).toEqual([502, 503, 504, 200, 200]);
    expect(sim.state().users.filter((u) => u.email.startsWith("r"))).toHaveLength(12);
    expect(logger.lines.filter((l) => l.startsWith("warn") && l.includes("retrying"))).toHaveLength(3);
  });

  it("fails a request's changes on a 500 (not retried) and goes on with the next request", async () => {
    const { sim, vendor, logger } = await setup();
    const directory = await vendor.read({ logger });
    sim.addFault({
      route: "action",
      count: 1,
      status: 500,
      body: { result: "error.internal.exceptionflys", message: "boom" },
    });
    const result = await applyPlan(vendor, planOf(creates("f", 15)), directory, { stopOnError: false }, { logger });
    expect(result.counts).toEqual({ applied: 5, failed: 10, skipped: 0 });
    expect(result.results[0]?.outcome).toMatchObject({ status: "failed", code: "error.internal.exceptionflys" });
    expect(actions(sim).map((r) => r.status)).toEqual([500, 200]);
  });

  it("skips the rest after a failure when stopOnError is set", async () => {
    const { sim, vendor, logger } = await setup();
    const directory = await vendor.read({ logger });
    sim.addFault({
      route: "action",
      count: 1,
      status: 400,
      body: { result: "error.command.malformed", message: "bad" },
    });
    const result = await applyPlan(vendor, planOf(creates("s", 15)), directory, { stopOnError: true }, { logger });
    expect(result.counts).toEqual({ applied: 0, failed: 10, skipped: 5 });
    expect(actions(sim)).toHaveLength(1);
  });

  it("gets a new token once the old one expires", async () => {
    const { sim, vendor, logger } = await setup();
    await vendor.read({ logger });
    sim.advanceClock(25 * 3600 * 1000);
    await vendor.read({ logger });
    expect(sim.requests.filter((r) => r.route === "ims.token")).toHaveLength(2);
    // Users and groups are read side by side: each listing meets the expired token once, and both
    // share the one new token.
    expect(sim.requests.filter((r) => r.status === 401).map((r) => r.route)).toEqual(
      expect.arrayContaining(["users.list", "groups.list"]),
    );
    expect(sim.requests.filter((r) => r.status === 401)).toHaveLength(2);
  });

  it("reports progress while reading and applying", async () => {
    const sim = await startAdobeSimulator({ rateLimits: false, config: { usersPageSize: 4 } });
    closers.push(sim);
    const logger = recordingLogger();
    const vendor = createAdobeVendor(parseAdobeSettings({ ...adobeSimulatorEnv(sim), ADOBE_RATE_LIMITS: "off" }), {
      mode: "apply",
      logger,
    });
    closers.push(vendor);
    const events: ProgressEvent[] = [];
    const context = { logger, onProgress: (e: ProgressEvent) => events.push(e) };
    const directory = await vendor.read(context);
    await applyPlan(vendor, planOf(creates("p", 15)), directory, { stopOnError: false }, context);
    expect(events).toEqual([
      { phase: "read", done: 4, total: 10 },
      { phase: "read", done: 8, total: 10 },
      { phase: "read", done: 10, total: 10 },
      // The engine counts changes (15 creates in 2 requests), the same unit for every vendor.
      { phase: "apply", done: 10, total: 15 },
      { phase: "apply", done: 15, total: 15 },
    ]);
  });
});

describe("adobe server check", () => {
  it("throws on an outage instead of calling every change rejected", async () => {
    const { sim, vendor, logger } = await setup();
    const directory = await vendor.read({ logger });
    sim.addFault({
      route: "action",
      count: 1,
      status: 500,
      body: { result: "error.internal.exceptionflys", message: "boom" },
    });
    await expect(vendor.check?.(planOf(creates("c", 3)), directory, { logger })).rejects.toMatchObject({ status: 500 });
  });
});
