import { describe, expect, it } from "vitest";
import { renderApprovalHowTo, renderOutdatedBanner, renderReviewBinding, reviewMismatch } from "./render-review.js";

const A = "a".repeat(64);
const B = "b".repeat(64);
const base = {
  pull: 7,
  checksum: A,
  approved: false,
  policy: "require",
  refused: false,
  applied: true,
  empty: false,
} as const;

describe("reviewMismatch", () => {
  it("is undefined only for Roster's own plan with the same checksum", () => {
    expect(reviewMismatch({ ...base, reviewed: { status: "found", checksum: A, sha: "1111111" } })).toBeUndefined();
    expect(reviewMismatch({ ...base, reviewed: { status: "found", checksum: B, sha: "1111111" } })).toContain(
      "differs from the plan Roster last showed on #7",
    );
  });

  it("never says 'no plan' for comments it could not read", () => {
    const text = reviewMismatch({ ...base, reviewed: { status: "unreadable" } });
    expect(text).toContain("could not read the pull request's comments");
    expect(text).not.toMatch(/no plan/i);
  });

  it("names each reason there is no reviewed plan", () => {
    expect(reviewMismatch({ ...base, reviewed: { status: "none", why: "invalid-file" } })).toContain(
      "only an invalid-file report",
    );
    expect(
      reviewMismatch({ ...base, pull: undefined, reviewed: { status: "none", why: "no-pull-request" } }),
    ).toContain("a direct push");
    expect(reviewMismatch({ ...base, reviewed: { status: "none", why: "edited-after-merge" } })).toContain(
      "changed after the merge",
    );
  });
});

describe("renderReviewBinding", () => {
  const differs = { status: "found", checksum: B, sha: "1111111" } as const;

  it("says applied exactly, refused, applied anyway, or approved", () => {
    expect(renderReviewBinding({ ...base, reviewed: { ...differs, checksum: A } })).toMatch(
      /^✅ Applied exactly the plan reviewed on #7 at `1111111`/,
    );
    expect(renderReviewBinding({ ...base, reviewed: differs, refused: true })).toMatch(
      /^⛔ \*\*Nothing was applied\*\*/,
    );
    expect(renderReviewBinding({ ...base, reviewed: differs, policy: "report" })).toMatch(
      /^⚠️ Applied without a matching review/,
    );
    expect(renderReviewBinding({ ...base, reviewed: differs, approved: true })).toMatch(
      /^✅ Applied the plan approved/,
    );
  });
});

describe("notices", () => {
  it("names the full checksum to approve", () => {
    expect(renderApprovalHowTo(A)).toContain(`approve-checksum: ${A}`);
  });

  it("names each refused target of a roster.yml run and the one value that approves them all", () => {
    const notice = renderApprovalHowTo([
      { target: "sigma", checksum: A },
      { target: "periscope (acme-rbac) <b>", checksum: B },
    ]);
    expect(notice).toContain(`approve-checksum: ${A}, ${B}`);
    expect(notice).toContain(`> - sigma: \`${A}\``);
    expect(notice).toContain("2 plans are awaiting approval");
    expect(notice).not.toContain("<b>");
  });

  it("links the failed run, with the URL encoded for a Markdown link", () => {
    const banner = renderOutdatedBanner("https://github.test/o/r/actions/runs/42) [x](y");
    expect(banner).toContain("(https://github.test/o/r/actions/runs/42%29%20%5Bx%5D%28y)");
    expect(banner).toContain("This plan is out of date: the latest run failed.");
  });
});
