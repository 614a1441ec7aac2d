import { describe, expect, it } from "vitest";
import { applyPlan } from "../../engine/apply-plan.js";
import { newUser, planOf, useDemoSites } from "./test-helpers.js";

const { context, sim, vendors, writes } = useDemoSites();

const creates = (n: number) =>
  planOf(
    Array.from({ length: n }, (_, i) => ({
      kind: "create-user" as const,
      email: `new${i}@acme.example`,
      line: i + 2,
      user: newUser(`new${i}@acme.example`, []),
    })),
  );

describe("Periscope apply through the engine (issue 12 item 8)", () => {
  it("stops on cancellation: an aborted 20-create apply reports only what was sent, the rest skipped", async () => {
    const [v1] = vendors();
    const directory = await v1.read(context);
    const controller = new AbortController();
    const result = await applyPlan(
      v1,
      creates(20),
      directory,
      { stopOnError: false },
      {
        ...context,
        signal: controller.signal,
        onProgress: (event) => {
          if (event.phase === "apply" && event.done >= 1) controller.abort();
        },
      },
    );
    const applied = result.results.filter((r) => r.outcome.status === "applied").length;
    expect(applied).toBeLessThan(20);
    expect(result.counts).toEqual({ applied, failed: 0, skipped: 20 - applied });
    expect(result.results.filter((r) => r.outcome.status === "skipped").map((r) => r.outcome)).toEqual(
      Array(20 - applied).fill({ status: "skipped", reason: "cancelled" }),
    );
    // What the report calls applied is exactly what reached the vendor.
    expect(writes()).toHaveLength(applied);
    const created = sim().state.sites["acme-analytics"]?.users.filter((u) => u.email.startsWith("new")) ?? [];
    expect(created).toHaveLength(applied);
  });
});

describe("Periscope apply: unreadable write answers (issue 12 item 9)", () => {
  it("reports a create answered 200 with an HTML page as unknown, and the rest as they went", async () => {
    const [v1] = vendors();
    const directory = await v1.read(context);
    sim().addFault({
      route: "v1.users.create",
      status: 200,
      body: "<html>proxy</html>",
      headers: { "content-type": "text/html" },
      count: 1,
    });
    const result = await applyPlan(v1, creates(3), directory, { stopOnError: true }, context);
    expect(result.results[0]?.outcome).toMatchObject({
      status: "unknown",
      code: "VENDOR_PROTOCOL",
      message: expect.stringContaining("Periscope answered POST /api/v1/users with an HTML page"),
    });
    // Unknown stops a stop-on-error apply like a failure: nothing else was sent.
    expect(result.counts).toEqual({ applied: 0, failed: 0, skipped: 2, unknown: 1 });
  });
});
