import { describe, expect, it } from "vitest";
import { resolveMode } from "./mode.js";

const push = (ref: string) => ({ eventName: "push", ref, defaultBranch: "main" });

describe("resolveMode", () => {
  it("plans on pull requests, schedules and manual runs", () => {
    for (const eventName of ["pull_request", "schedule", "workflow_dispatch"]) {
      expect(resolveMode("auto", { eventName, ref: "refs/heads/main", defaultBranch: "main" }).mode).toBe("plan");
    }
  });

  it("applies only on a push to the default branch", () => {
    expect(resolveMode("auto", push("refs/heads/main")).mode).toBe("apply");
    expect(resolveMode("auto", push("refs/heads/feature")).mode).toBe("plan");
    expect(resolveMode("auto", { eventName: "push", ref: "refs/heads/main", defaultBranch: undefined }).mode).toBe(
      "plan",
    );
  });

  it("forces a dry run with mode: plan", () => {
    expect(resolveMode("plan", push("refs/heads/main")).mode).toBe("plan");
  });

  it("never applies on a pull request, even with mode: apply", () => {
    const resolved = resolveMode("apply", {
      eventName: "pull_request",
      ref: "refs/pull/1/merge",
      defaultBranch: "main",
    });
    expect(resolved.mode).toBe("plan");
    expect(resolved.warning).toContain("mode: apply is ignored");
    expect(resolveMode("apply", push("refs/heads/feature")).mode).toBe("apply");
  });
});

describe("approval runs", () => {
  const dispatch = { eventName: "workflow_dispatch", ref: "refs/heads/main", defaultBranch: "main", approval: true };

  it("apply only from a manual run on the default branch", () => {
    expect(resolveMode("auto", dispatch).mode).toBe("apply");
    expect(resolveMode("plan", dispatch).mode).toBe("plan");
    expect(resolveMode("auto", { ...dispatch, ref: "refs/heads/feature" })).toMatchObject({ mode: "plan" });
    expect(resolveMode("auto", { ...dispatch, eventName: "pull_request" })).toMatchObject({ mode: "plan" });
    expect(resolveMode("auto", { ...dispatch, approval: false }).mode).toBe("plan");
  });
});
