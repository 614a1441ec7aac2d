import { describe, expect, it } from "vitest";
import { createSlidingWindowPacer } from "./pacer.js";
import type { HttpRequest } from "./types.js";

/** A fake clock whose sleep moves time forward instead of waiting. */
function fakeClock(start = 0) {
  let time = start;
  return {
    now: () => time,
    sleep: async (ms: number) => {
      time += ms;
    },
    // Exact window arithmetic in these tests; the default margin is covered on its own.
    marginMs: 0,
  };
}

const action: HttpRequest = { method: "POST", path: "/action/org", label: "action" };
const read: HttpRequest = { method: "GET", path: "/users/org/0", label: "users" };

describe("createSlidingWindowPacer", () => {
  it("admits up to the limit, then waits until the oldest request leaves the window", async () => {
    const clock = fakeClock();
    const pacer = createSlidingWindowPacer(
      [{ name: "action", limit: 2, windowMs: 60_000, matches: (req) => req.label === "action" }],
      clock,
    );
    const times: number[] = [];
    for (let index = 0; index < 5; index++) {
      await pacer.acquire(action);
      times.push(clock.now());
    }
    expect(times).toEqual([0, 0, 60_000, 60_000, 120_000]);
    expect(pacer.waits).toBe(2);
    expect(pacer.waitedMs).toBe(120_000);
  });

  it("makes a request wait for every window it matches (per-route and global)", async () => {
    const clock = fakeClock();
    const pacer = createSlidingWindowPacer(
      [
        { name: "action", limit: 10, windowMs: 60_000, matches: (req) => req.label === "action" },
        { name: "global", limit: 3, windowMs: 60_000, matches: () => true },
      ],
      clock,
    );
    await pacer.acquire(read);
    await pacer.acquire(read);
    await pacer.acquire(action);
    // The global window is full: the fourth request waits even though the action window has room.
    await pacer.acquire(action);
    expect(clock.now()).toBe(60_000);
  });

  it("serves concurrent callers in call order", async () => {
    const clock = fakeClock();
    const pacer = createSlidingWindowPacer([{ name: "w", limit: 1, windowMs: 1000, matches: () => true }], clock);
    const order: string[] = [];
    await Promise.all(
      ["a", "b", "c"].map((name) => pacer.acquire(read).then(() => order.push(`${name}@${clock.now()}`))),
    );
    expect(order).toEqual(["a@0", "b@1000", "c@2000"]);
  });

  it("blocks its windows for the Retry-After of a 429", async () => {
    const clock = fakeClock();
    const pacer = createSlidingWindowPacer([{ name: "w", limit: 100, windowMs: 60_000, matches: () => true }], clock);
    await pacer.acquire(read);
    pacer.onThrottled(read, 5000);
    await pacer.acquire(read);
    expect(clock.now()).toBe(5000);
  });

  it("waits a safety margin past the window by default", async () => {
    const clock = fakeClock();
    const pacer = createSlidingWindowPacer([{ name: "w", limit: 1, windowMs: 1000, matches: () => true }], {
      now: clock.now,
      sleep: clock.sleep,
    });
    await pacer.acquire(read);
    await pacer.acquire(read);
    expect(clock.now()).toBe(1250);
  });

  it("lets requests that match no window through at once", async () => {
    const clock = fakeClock();
    const pacer = createSlidingWindowPacer([{ name: "w", limit: 0, windowMs: 1000, matches: () => false }], clock);
    await pacer.acquire(read);
    expect(pacer.waits).toBe(0);
  });
});
