import { describe, expect, it } from "vitest";
import { floorMs } from "./floor.ts";
import type { RequestShape } from "./minimum.ts";

const shape = (parts: Partial<RequestShape>): RequestShape => ({ first: 0, reads: [], writes: [], ...parts });

describe("floorMs", () => {
  it("charges one latency per request of a paged chain", () => {
    const floor = floorMs(shape({ first: 1, reads: [{ name: "pages", length: 10, after: 0 }] }), {
      latencyMs: 50,
      concurrency: 8,
    });
    expect(floor).toBe(11 * 50);
  });

  it("runs independent writes up to the concurrency at once, after the reads", () => {
    const floor = floorMs(
      shape({ reads: [{ name: "list", length: 1, after: 0 }], writes: [{ name: "writes", count: 17 }] }),
      { latencyMs: 50, concurrency: 8 },
    );
    // 50 ms of reading, then ceil(17 / 8) = 3 rounds.
    expect(floor).toBe(50 + 3 * 50);
  });

  it("lets a dependent chain start only after the list it needs", () => {
    const floor = floorMs(
      shape({
        reads: [
          { name: "teams", length: 1, after: 0 },
          { name: "team members", length: 3, after: 1 },
        ],
      }),
      { latencyMs: 50, concurrency: 8 },
    );
    expect(floor).toBe(4 * 50);
  });

  it("holds writes to a sliding rate window", () => {
    const floor = floorMs(shape({ writes: [{ name: "actions", count: 25, rateClass: "action" }] }), {
      latencyMs: 50,
      concurrency: 8,
      windows: { action: { limit: 10, windowMs: 1000 } },
    });
    // Requests 0-9 from 0 ms, 10-19 from 1,000 ms, 20-24 from 2,000 ms.
    expect(floor).toBe(2000 + 50);
  });

  it("applies a global window across classes", () => {
    const floor = floorMs(
      shape({
        reads: [{ name: "users", length: 3, after: 0, rateClass: "users" }],
        writes: [{ name: "actions", count: 1, rateClass: "action" }],
      }),
      {
        latencyMs: 10,
        concurrency: 8,
        windows: {
          users: { limit: 25, windowMs: 1000 },
          action: { limit: 10, windowMs: 1000 },
          global: { limit: 3, windowMs: 1000 },
        },
      },
    );
    // Three pages fill the global window; the action waits for the first page to leave it.
    expect(floor).toBe(1000 + 10);
  });
});
