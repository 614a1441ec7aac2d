import { capabilitiesOf, defaultPolicy, desiredState, directoryOf, planChanges } from "@roster/core";
import { describe, expect, it } from "vitest";
import { commentMarker, parseFooter } from "./comment.js";
import { COMMENT_MAX_CHARS, renderCommentBody } from "./report.js";

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
const SHA = "abc1234";

describe("renderCommentBody", () => {
  it("fits a huge plan under the comment limit and ends with the footer", () => {
    const plan = planOf(5000);
    const meta = { state: "plan", checksum: plan.checksum, sha: SHA } as const;
    const body = renderCommentBody({ key, plan }, links, "comment", meta);
    expect(body.length).toBeLessThanOrEqual(COMMENT_MAX_CHARS);
    // The job summary is shortened too past ~9,000 changes: never named as the full plan's place.
    expect(body).toContain("This report was shortened to fit");
    expect(body).not.toContain("job summary");
    expect(parseFooter(body)).toEqual({ marker: commentMarker(key), meta });
  });

  it("links the full plan's artifact when the comment is shortened", () => {
    const fullPlan = {
      hint: "the roster-plan-sigma-users.csv artifact",
      url: "https://github.test/runs/1/artifacts/2",
    };
    const plan = planOf(5000);
    const meta = { state: "plan", checksum: plan.checksum, sha: SHA } as const;
    const body = renderCommentBody({ key, plan }, { ...links, fullPlan }, "comment", meta);
    expect(body).toContain(`The full plan is in [the roster-plan-sigma-users.csv artifact](${fullPlan.url}).`);
  });

  it("puts the plan/apply binding and a notice right under the banner", () => {
    const plan = planOf(1);
    const binding = "✅ bound";
    const meta = { state: "applied", checksum: plan.checksum, sha: SHA } as const;
    const body = renderCommentBody({ key, plan, binding, notice: "notice" }, links, "result", meta);
    const [banner, second, third] = body.split("\n\n");
    expect(banner).toContain("DRY RUN");
    expect(second).toBe(binding);
    expect(third).toBe("notice");
    expect(parseFooter(body)?.marker).toBe(commentMarker(key, "result"));
  });
});
