import { describe, expect, it } from "vitest";
import { CoreError } from "../errors.js";
import { memoryCapabilities } from "../vendors/memory/capabilities.js";
import { handPlan, newUser } from "../vendors/sigma/test-helpers.js";
import type { ApplySession, ProgressEvent, Vendor, VendorContext } from "../vendors/vendor.js";
import { applyPlan } from "./apply-plan.js";

const quiet = { info() {}, warn() {}, debug() {} };
const creates = (n: number) =>
  handPlan(
    Array.from({ length: n }, (_, i) => ({
      kind: "create-user" as const,
      email: `u${i}@x.io`,
      line: i + 2,
      user: newUser(`u${i}@x.io`),
    })),
  );

/** A vendor whose apply is the given function: the engine's bookkeeping is all that is tested. */
function fakeVendor(apply: (session: ApplySession) => Promise<void>): Vendor {
  return {
    id: "sigma",
    capabilities: memoryCapabilities,
    read: async () => ({ users: [], groups: [] }),
    apply: (_plan, _directory, session) => apply(session),
    close: async () => {},
  };
}

const directory = { users: [], groups: [] };

describe("applyPlan: the engine keeps the books of every apply", () => {
  it("marks what a vendor never reported as skipped, keeps the worst of several reports, and counts", async () => {
    const vendor = fakeVendor(async (session) => {
      session.settle([0, 1], { status: "applied" });
      session.settle([1], { status: "failed", message: "second request failed" });
      session.settle([1], { status: "applied" });
      session.settle([2], { status: "unknown", message: "empty answer" });
    });
    const result = await applyPlan(vendor, creates(4), directory, { stopOnError: false }, { logger: quiet });
    expect(result.results.map((r) => r.outcome)).toEqual([
      { status: "applied" },
      { status: "failed", message: "second request failed" },
      { status: "unknown", message: "empty answer" },
      { status: "skipped", reason: "not attempted" },
    ]);
    expect(result.counts).toEqual({ applied: 1, failed: 1, skipped: 1, unknown: 1 });
  });

  it("stops at the first failure with stop-on-error, and the vendor sees it before its next request", async () => {
    const seen: boolean[] = [];
    const vendor = fakeVendor(async (session) => {
      expect(session.sequential).toBe(true);
      for (let i = 0; i < 5; i++) {
        seen.push(session.stopped);
        if (session.stopped) return;
        session.settle([i], i === 1 ? { status: "failed", message: "no" } : { status: "applied" });
      }
    });
    const result = await applyPlan(vendor, creates(5), directory, { stopOnError: true }, { logger: quiet });
    expect(seen).toEqual([false, false, true]);
    expect(result.results.slice(2).map((r) => r.outcome)).toEqual(
      Array(3).fill({ status: "skipped", reason: "stopped after an earlier failure" }),
    );
  });

  it("honours cancellation: nothing is counted applied that was not reported", async () => {
    const controller = new AbortController();
    const events: ProgressEvent[] = [];
    const context: VendorContext = {
      logger: quiet,
      signal: controller.signal,
      onProgress: (event) => events.push(event),
    };
    const vendor = fakeVendor(async (session) => {
      for (let i = 0; i < 20 && !session.stopped; i++) {
        session.settle([i], { status: "applied" });
        if (i === 2) controller.abort();
      }
    });
    const result = await applyPlan(vendor, creates(20), directory, { stopOnError: false }, context);
    expect(result.counts).toEqual({ applied: 3, failed: 0, skipped: 17 });
    expect(result.results[3]?.outcome).toEqual({ status: "skipped", reason: "cancelled" });
    expect(events.at(-1)).toEqual({ phase: "apply", done: 3, total: 20 });
  });

  it("keeps the report when a vendor's answer cannot be read: the rest is unknown, nothing is thrown", async () => {
    const vendor = fakeVendor(async (session) => {
      session.settle([0], { status: "applied" });
      throw new CoreError("VENDOR_PROTOCOL", "answer is not JSON");
    });
    const result = await applyPlan(vendor, creates(3), directory, { stopOnError: false }, { logger: quiet });
    expect(result.results[0]?.outcome).toEqual({ status: "applied" });
    expect(result.results[1]?.outcome).toMatchObject({
      status: "unknown",
      message: expect.stringContaining("answer is not JSON"),
    });
    expect(result.counts).toEqual({ applied: 1, failed: 0, skipped: 0, unknown: 2 });
  });

  it("still throws the plan-mode write guard and bugs", async () => {
    const guard = fakeVendor(async () => {
      throw new CoreError("READ_ONLY_VIOLATION", "plan mode");
    });
    await expect(
      applyPlan(guard, creates(1), directory, { stopOnError: false }, { logger: quiet }),
    ).rejects.toMatchObject({ code: "READ_ONLY_VIOLATION" });
    const bug = fakeVendor(async () => {
      throw new TypeError("oops");
    });
    await expect(applyPlan(bug, creates(1), directory, { stopOnError: false }, { logger: quiet })).rejects.toThrow(
      "oops",
    );
  });

  it("lets a vendor halt the apply with its own reason", async () => {
    const vendor = fakeVendor(async (session) => {
      session.settle([0], { status: "failed", message: "401" });
      session.halt("not attempted: credentials refused");
      if (!session.stopped) session.settle([1], { status: "applied" });
    });
    const result = await applyPlan(vendor, creates(2), directory, { stopOnError: false }, { logger: quiet });
    expect(result.results[1]?.outcome).toEqual({ status: "skipped", reason: "not attempted: credentials refused" });
  });
});
