import { describe, expect, it } from "vitest";
import { applyPlan } from "../../engine/apply-plan.js";
import type { Change } from "../../plan/types.js";
import { handPlan, idOf, newUser, quietContext, startSigmaHarness } from "./test-helpers.js";

/** Issue 12 item 9: a malformed or empty answer to a write never aborts the apply. */
describe("Sigma apply: unreadable write answers and a 401 mid-apply", () => {
  const renames = (directory: Parameters<typeof idOf>[0], emails: readonly string[]): Change[] =>
    emails.map((email, i) => ({
      kind: "update-user",
      email,
      userId: idOf(directory, email),
      line: i + 2,
      downgrade: false,
      fields: [{ field: "firstName", from: null, to: `Renamed${i}` }],
    }));

  it("reports an empty 200 to a create as unknown and keeps the report of everything else", async () => {
    await using h = await startSigmaHarness();
    const directory = await h.vendor.read(quietContext);
    h.sim.addFault({ route: "members.create", status: 200, count: 1 });
    const changes: Change[] = [
      { kind: "create-user", email: "new.person@acme.example", line: 2, user: newUser("new.person@acme.example") },
      ...renames(directory, ["ada.lovelace@acme.example"]),
    ];
    const result = await applyPlan(h.vendor, handPlan(changes), directory, { stopOnError: false }, quietContext);
    expect(result.results[0]?.outcome).toMatchObject({
      status: "unknown",
      code: "VENDOR_PROTOCOL",
      message: expect.stringContaining("Sigma answered POST /v2/members with 200 but no member in the body"),
    });
    expect(result.results[0]?.outcome).not.toMatchObject({ message: expect.stringContaining("undefined") });
    expect(result.results[1]?.outcome).toEqual({ status: "applied" });
    expect(result.counts).toEqual({ applied: 1, failed: 0, skipped: 0, unknown: 1 });
  });

  it("finds the member when a create answered 200 with an HTML page but did create it", async () => {
    await using h = await startSigmaHarness();
    const directory = await h.vendor.read(quietContext);
    // The member is created by an earlier attempt; this answer is a proxy's page.
    h.sim.addFault({
      route: "members.create",
      status: 200,
      body: "<html><body>OK</body></html>",
      headers: { "content-type": "text/html" },
      count: 1,
    });
    const changes: Change[] = [
      { kind: "create-user", email: "alan.turing@acme.example", line: 2, user: newUser("alan.turing@acme.example") },
    ];
    const result = await applyPlan(h.vendor, handPlan(changes), directory, { stopOnError: false }, quietContext);
    // alan.turing exists in the demo organisation, so the lookup finds him: applied, not guessed.
    expect(result.results[0]?.outcome).toEqual({ status: "applied" });
  });

  it("reports a PATCH answered with an HTML 200 as unknown", async () => {
    await using h = await startSigmaHarness();
    const directory = await h.vendor.read(quietContext);
    h.sim.addFault({
      route: "members.update",
      status: 200,
      body: "<html>gateway</html>",
      headers: { "content-type": "text/html" },
      count: 1,
    });
    const changes = renames(directory, ["ada.lovelace@acme.example"]);
    const result = await applyPlan(h.vendor, handPlan(changes), directory, { stopOnError: false }, quietContext);
    expect(result.results[0]?.outcome).toMatchObject({ status: "unknown", code: "VENDOR_PROTOCOL" });
  });

  it("re-authenticates once after a 401 mid-apply and carries on", async () => {
    await using h = await startSigmaHarness();
    const directory = await h.vendor.read(quietContext);
    h.sim.addFault({ route: "members.update", status: 401, body: { message: "token expired" }, count: 1 });
    const changes = renames(directory, ["ada.lovelace@acme.example", "alan.turing@acme.example"]);
    const result = await applyPlan(h.vendor, handPlan(changes), directory, { stopOnError: false }, quietContext);
    expect(result.counts).toEqual({ applied: 2, failed: 0, skipped: 0 });
  });

  it("reports change by change when the 401 survives re-authentication, instead of losing the report", async () => {
    await using h = await startSigmaHarness();
    const directory = await h.vendor.read(quietContext);
    const changes = renames(directory, ["ada.lovelace@acme.example", "alan.turing@acme.example"]);
    // Applied first, then every later request is refused even with a fresh token.
    const result = await applyPlan(
      h.vendor,
      handPlan(changes),
      directory,
      { stopOnError: true },
      {
        ...quietContext,
        onProgress: (event) => {
          if (event.done === 1) h.sim.addFault({ route: "members.update", status: 401, body: { message: "revoked" } });
        },
      },
    );
    expect(result.results[0]?.outcome).toEqual({ status: "applied" });
    expect(result.results[1]?.outcome).toMatchObject({ status: "failed", code: "401" });
  });
});
