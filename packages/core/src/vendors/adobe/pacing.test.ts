import { afterEach, describe, expect, it } from "vitest";
import { applyPlan } from "../../engine/apply-plan.js";
import type { AdobeRateLimits } from "./rate-limits.js";
import { formatRateLimits, predictApplyWallTimeMs } from "./rate-limits.js";
import { parseAdobeSettings } from "./settings.js";
import { adobeSimulatorEnv, startAdobeSimulator } from "./simulator/index.js";
import { createUser, createVirtualClock, planOf, recordingLogger } from "./test-helpers.js";
import { createAdobeVendor } from "./vendor.js";

const closers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c.close()));
});

const wide = { limit: 1000, windowMs: 300 };
/** Adobe's shape scaled down: the action window is the one a big apply meets. */
const limits: AdobeRateLimits = { action: { limit: 10, windowMs: 300 }, users: wide, groups: wide, global: wide };

/** Simulator and client on one virtual clock: windows and Retry-After cost no real time. */
async function setup(pacing: boolean, retryAfter: "seconds" | "http-date" = "seconds") {
  const clock = createVirtualClock();
  const sim = await startAdobeSimulator({ rateLimits: limits, retryAfter, now: clock.now });
  closers.push(sim);
  const logger = recordingLogger();
  const env = { ...adobeSimulatorEnv(sim), ADOBE_RATE_LIMITS: pacing ? formatRateLimits(limits) : "off" };
  const vendor = createAdobeVendor(parseAdobeSettings(env), {
    mode: "apply",
    logger,
    sleep: clock.sleep,
    now: clock.now,
    // The virtual clock jumps while a request is in flight, which real time never does: one action
    // request at a time keeps send and arrival on the same instant, so the timing is exact.
    actionLanes: 1,
  });
  closers.push(vendor);
  return { sim, vendor, logger, clock };
}

const creates = (n: number) =>
  Array.from({ length: n }, (_, i) => createUser(`p${i}@example.com`, { firstName: "P", lastName: `${i}` }));

describe("pacing to UMAPI's rate limits", () => {
  it("sends 30 action requests under a 10 per 300 ms window without a single 429", async () => {
    const { sim, vendor, logger, clock } = await setup(true);
    const directory = await vendor.read({ logger });
    const start = clock.elapsed();
    const result = await applyPlan(vendor, planOf(creates(300)), directory, { stopOnError: false }, { logger });
    expect(result.counts.applied).toBe(300);
    expect(sim.requests.filter((r) => r.route === "action")).toHaveLength(30);
    expect(sim.requests.filter((r) => r.status === 429)).toHaveLength(0);
    // On a virtual clock the pacer waits exactly what predictApplyWallTimeMs says.
    expect(clock.elapsed() - start).toBe(predictApplyWallTimeMs(30, limits));
  });

  it("tells the call's context of each wait, so a progress display can say why it stalls", async () => {
    const { vendor, logger } = await setup(true);
    const directory = await vendor.read({ logger });
    const waits: { reason: string; ms: number }[] = [];
    await applyPlan(
      vendor,
      planOf(creates(300)),
      directory,
      { stopOnError: false },
      { logger, onWait: (w) => waits.push(w) },
    );
    expect(waits.length).toBeGreaterThan(0);
    expect(waits.every((w) => w.reason === "Adobe's rate limit" && w.ms > 0)).toBe(true);
    // Only the call in progress hears of waits: a later call without a listener gets none.
    const before = waits.length;
    await applyPlan(
      vendor,
      planOf(Array.from({ length: 300 }, (_, i) => createUser(`q${i}@example.com`))),
      directory,
      { stopOnError: false },
      { logger },
    );
    expect(waits).toHaveLength(before);
  });

  it("without pacing meets 429s and recovers through Retry-After with nothing lost or doubled", async () => {
    const { sim, vendor, logger } = await setup(false);
    const directory = await vendor.read({ logger });
    const result = await applyPlan(vendor, planOf(creates(150)), directory, { stopOnError: false }, { logger });
    expect(sim.requests.filter((r) => r.status === 429).length).toBeGreaterThan(0);
    expect(result.counts).toEqual({ applied: 150, failed: 0, skipped: 0 });
    const created = sim.state().users.filter((u) => u.email.startsWith("p"));
    expect(new Set(created.map((u) => u.email)).size).toBe(150);
    expect(created).toHaveLength(150);
  });

  it("honours a Retry-After given as an HTTP date", async () => {
    const { sim, vendor, logger } = await setup(false, "http-date");
    const directory = await vendor.read({ logger });
    const result = await applyPlan(vendor, planOf(creates(120)), directory, { stopOnError: false }, { logger });
    const throttled = sim.requests.filter((r) => r.status === 429);
    expect(throttled.length).toBeGreaterThan(0);
    expect(result.counts.applied).toBe(120);
  });
});
