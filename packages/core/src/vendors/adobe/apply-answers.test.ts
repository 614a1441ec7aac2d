import { afterEach, describe, expect, it } from "vitest";
import { applyPlan } from "../../engine/apply-plan.js";
import { parseAdobeSettings } from "./settings.js";
import { adobeSimulatorEnv, startAdobeSimulator } from "./simulator/index.js";
import { createUser, planOf, recordingLogger } from "./test-helpers.js";
import { createAdobeVendor } from "./vendor.js";

const closers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c.close()));
});

const creates = (n: number) =>
  Array.from({ length: n }, (_, i) => createUser(`a${i}@example.com`, { firstName: "A", lastName: "B" }));

/** Issue 12 item 9: an empty or malformed 200 from `/action` never aborts the apply. */
describe("adobe apply: unreadable /action answers", () => {
  it.each([
    ["an empty body", {}],
    ["an HTML page", { body: "<html>proxy</html>", headers: { "content-type": "text/html" } }],
    ["JSON that is not an action response", { body: {} }],
  ])("reports the changes of a request answered with %s as unknown, and keeps the rest", async (_name, answer) => {
    const sim = await startAdobeSimulator({ rateLimits: false });
    closers.push(sim);
    const logger = recordingLogger();
    const vendor = createAdobeVendor(parseAdobeSettings({ ...adobeSimulatorEnv(sim), ADOBE_RATE_LIMITS: "off" }), {
      mode: "apply",
      logger,
      actionLanes: 1,
    });
    closers.push(vendor);
    const directory = await vendor.read({ logger });
    const result = await applyPlan(
      vendor,
      planOf(creates(25)),
      directory,
      { stopOnError: false },
      {
        logger,
        // The second of three requests (10 + 10 + 5 creates) gets the unreadable answer.
        onProgress: (event) => {
          if (event.phase === "apply" && event.done === 10)
            sim.addFault({ route: "action", status: 200, count: 1, ...answer });
        },
      },
    );
    expect(result.counts).toEqual({ applied: 15, failed: 0, skipped: 0, unknown: 10 });
    const unknown = result.results.filter((r) => r.outcome.status === "unknown").map((r) => r.outcome);
    expect(unknown[0]).toMatchObject({
      message: expect.stringContaining("Adobe answered POST /action with 200 but an empty or malformed body"),
    });
    for (const outcome of unknown) expect(JSON.stringify(outcome)).not.toContain("undefined");
  });

  it("refuses a server-side check answered unreadably instead of calling it clean", async () => {
    const sim = await startAdobeSimulator({ rateLimits: false });
    closers.push(sim);
    const logger = recordingLogger();
    const vendor = createAdobeVendor(parseAdobeSettings({ ...adobeSimulatorEnv(sim), ADOBE_RATE_LIMITS: "off" }), {
      mode: "plan",
      logger,
    });
    closers.push(vendor);
    const directory = await vendor.read({ logger });
    sim.addFault({ route: "action", status: 200 });
    await expect(vendor.check?.(planOf(creates(3)), directory, { logger })).rejects.toMatchObject({
      code: "VENDOR_PROTOCOL",
    });
  });
});
