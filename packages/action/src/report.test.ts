import { defaultPolicy, planChanges } from "@roster/core";
import { capabilitiesOf, desiredState, directoryOf } from "@roster/core/testing/builders";
import { describe, expect, it } from "vitest";
import { commentMarker, parseMeta } from "./comment.js";
import { COMMENT_MAX_CHARS, describeBinding, renderCommentBody } from "./report.js";

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
    expect(body).toContain("job summary");
    expect(body).toContain(commentMarker(key));
    expect(parseMeta(body)).toEqual({ checksum: plan.checksum, sha: "abc" });
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
