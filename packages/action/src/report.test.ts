import { capabilitiesOf, defaultPolicy, desiredState, directoryOf, planChanges } from "@roster/core";
import { describe, expect, it } from "vitest";
import { commentMarker, parseMeta } from "./comment.js";
import { COMMENT_MAX_CHARS, describeBinding, renderCommentBody, UNREADABLE } from "./report.js";

function planOf(count: number) {
  const rows = Array.from({ length: count }, (_, i) => ({
    email: `user${i}@acme.test`,
    firstName: "A",
    lastName: `B${i}`,
  }));
  return planChanges({
    desired: desiredState(rows),
    directory: directoryOf([]),
    policy: defaultPolicy,
    vendor: { id: "sigma", capabilities: capabilitiesOf() },
  });
}

const key = { vendor: "sigma", csv: "users.csv" };
const links = { csvUrl: "https://github.test/acme/people/blob/abc/users.csv" };

describe("renderCommentBody", () => {
  it("fits a huge plan under the comment limit and keeps the marker and checksum", () => {
    const plan = planOf(5000);
    const body = renderCommentBody({ key, plan }, links, "abc");
    expect(body.length).toBeLessThanOrEqual(COMMENT_MAX_CHARS);
    // The job summary is shortened too past ~9,000 changes: never named as the full plan's place.
    expect(body).toContain("This report was shortened to fit");
    expect(body).not.toContain("job summary");
    expect(body).toContain(commentMarker(key));
    expect(parseMeta(body)).toEqual({ checksum: plan.checksum, sha: "abc" });
  });

  it("links the full plan's artifact when the comment is shortened", () => {
    const fullPlan = {
      hint: "the roster-plan-sigma-users.csv artifact",
      url: "https://github.test/runs/1/artifacts/2",
    };
    const body = renderCommentBody({ key, plan: planOf(5000) }, { ...links, fullPlan }, "abc");
    expect(body).toContain(`The full plan is in [the roster-plan-sigma-users.csv artifact](${fullPlan.url}).`);
  });

  it("says, when the comments could not be read, that it could not read them, not that no plan was reviewed", () => {
    const text = describeBinding(4, "aaa", UNREADABLE);
    expect(text).toContain("Could not read the comments of #4");
    expect(text).not.toMatch(/No reviewed/);
  });

  it("puts the plan/apply binding right under the banner", () => {
    const plan = planOf(1);
    const binding = describeBinding(4, plan.checksum, { checksum: plan.checksum, sha: "x" });
    const body = renderCommentBody({ key, plan, binding }, links, "abc");
    const [banner, second] = body.split("\n\n");
    expect(banner).toContain("DRY RUN");
    expect(second).toBe(binding);
  });
});

describe("describeBinding", () => {
  it("says whether the applied plan is the reviewed one", () => {
    expect(describeBinding(4, "aaa", { checksum: "aaa", sha: "s" })).toContain(
      "Applied exactly the plan reviewed on #4",
    );
    expect(describeBinding(4, "aaa", { checksum: "bbb", sha: "s" })).toContain(
      "differs from the plan last shown on #4",
    );
    expect(describeBinding(4, "aaa", undefined)).toContain("No reviewed Roster plan was found on #4");
  });
});
