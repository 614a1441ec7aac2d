import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "../test/fake-github.js";
import { commentFooter, commentMarker, findOwnComment, metaComment, parseFooter, upsertComment } from "./comment.js";
import { createGitHubApi, type GitHubApi } from "./github.js";

describe("commentMarker", () => {
  it("keys the marker by vendor, csv path and target", () => {
    expect(commentMarker({ vendor: "sigma", csv: "users.csv" })).toBe(
      "<!-- roster:comment vendor=sigma csv=users.csv -->",
    );
    expect(commentMarker({ vendor: "periscope", csv: "a b.csv", target: "site-1" }, "result")).toBe(
      "<!-- roster:result vendor=periscope csv=a%20b.csv target=site-1 -->",
    );
  });

  it("does not let one marker match another vendor's or file's comment", () => {
    const sigma = commentMarker({ vendor: "sigma", csv: "users.csv" });
    expect(commentMarker({ vendor: "sigma", csv: "users.csv", target: "x" }).includes(sigma)).toBe(false);
    expect(commentMarker({ vendor: "sigma", csv: "users.csv.bak" }).includes(sigma)).toBe(false);
  });
});

describe("parseFooter", () => {
  const marker = commentMarker({ vendor: "sigma", csv: "users.csv" });
  const checksum = "a".repeat(64);
  const meta = { state: "plan", checksum, sha: "1234567" } as const;

  it("round-trips the footer Roster writes", () => {
    expect(parseFooter(`hello\n\n${commentFooter(marker, meta)}`)).toEqual({ marker, meta });
  });

  it("ignores metadata anywhere but the last two lines", () => {
    const forged = `x ${commentFooter(marker, meta)} y`;
    expect(parseFooter(`${forged}\n\nreal report`)).toBeUndefined();
    expect(parseFooter(`${commentFooter(marker, meta)}\ntrailing text`)).toBeUndefined();
    expect(parseFooter(`${metaComment(meta)}\n${marker}`)).toBeUndefined();
  });

  it("reads several plans' checksums as key=sha256 pairs", () => {
    const several = { ...meta, checksum: `sigma=${checksum};adobe=${"b".repeat(64)}` };
    expect(parseFooter(commentFooter(marker, several))?.meta).toEqual(several);
    expect(parseFooter(commentFooter(marker, { ...meta, checksum: `sigma=${checksum.slice(1)}` }))).toBeUndefined();
  });

  it("refuses metadata of another shape: short checksum, unknown state, extra fields, broken JSON", () => {
    const withMeta = (json: string) => `${marker}\n<!-- roster:meta ${json} -->`;
    expect(parseFooter(withMeta(JSON.stringify({ ...meta, checksum: "abc" })))).toBeUndefined();
    expect(parseFooter(withMeta(JSON.stringify({ ...meta, state: "reviewed" })))).toBeUndefined();
    expect(parseFooter(withMeta(JSON.stringify({ ...meta, extra: 1 })))).toBeUndefined();
    expect(parseFooter(withMeta("{not json}"))).toBeUndefined();
  });
});

describe("findOwnComment", () => {
  const marker = commentMarker({ vendor: "sigma", csv: "users.csv" });
  const footer = commentFooter(marker, { state: "plan", checksum: "", sha: "" });
  const comment = (id: number, login: string, type: string, body: string) => ({
    id,
    body,
    url: `u${id}`,
    authorLogin: login,
    authorType: type,
    updatedAt: undefined,
  });

  it("takes only the token's own comments, matched by exact login", () => {
    const comments = [
      comment(1, "alice", "User", footer),
      comment(2, "other-bot[bot]", "Bot", footer),
      comment(3, "github-actions[bot]", "Bot", footer),
    ];
    expect(findOwnComment(comments, marker, "github-actions[bot]")?.id).toBe(3);
    expect(findOwnComment(comments, marker, "roster-app[bot]")).toBeUndefined();
  });

  it("needs the marker in the footer, not quoted in the body", () => {
    const comments = [comment(1, "github-actions[bot]", "Bot", `${marker}\nsome text`)];
    expect(findOwnComment(comments, marker, "github-actions[bot]")).toBeUndefined();
  });
});

describe("upsertComment against a fake GitHub", () => {
  let github: FakeGitHub;
  let api: GitHubApi;
  const marker = commentMarker({ vendor: "sigma", csv: "users.csv" });

  beforeEach(async () => {
    github = await startFakeGitHub();
    process.env.GITHUB_API_URL = github.url;
    api = createGitHubApi("test-token", { owner: "acme", repo: "people" });
  });
  afterEach(async () => {
    delete process.env.GITHUB_API_URL;
    await github.close();
  });

  const writes = () => github.requests.filter((r) => r.method !== "GET");

  const BOT = "github-actions[bot]";
  const footer = commentFooter(marker, { state: "plan", checksum: "", sha: "" });

  it("creates once, skips an unchanged body, then updates in place", async () => {
    const first = await upsertComment(api, 7, marker, `plan A\n${footer}`, BOT);
    expect(first.outcome).toBe("created");
    const second = await upsertComment(api, 7, marker, `plan A\n${footer}`, BOT);
    expect(second.outcome).toBe("unchanged");
    expect(writes()).toHaveLength(1);
    const third = await upsertComment(api, 7, marker, `plan B\n${footer}`, BOT);
    expect(third.outcome).toBe("updated");
    expect(github.comments).toHaveLength(1);
    expect(github.comments[0]?.body).toBe(`plan B\n${footer}`);
    expect(writes().map((r) => r.method)).toEqual(["POST", "PATCH"]);
  });

  it("posts a new comment when its own cannot be edited, and edits the new one next time", async () => {
    await upsertComment(api, 7, marker, `plan A\n${footer}`, BOT);
    const stuck = github.comments[0]?.id ?? 0;
    github.options = { uneditable: [stuck] };
    const replaced = await upsertComment(api, 7, marker, `plan B\n${footer}`, BOT);
    expect(replaced.outcome).toBe("replaced");
    expect(github.comments.map((c) => c.body)).toEqual([`plan A\n${footer}`, `plan B\n${footer}`]);
    const next = await upsertComment(api, 7, marker, `plan C\n${footer}`, BOT);
    expect(next.outcome).toBe("updated");
    expect(github.comments[1]?.body).toBe(`plan C\n${footer}`);
  });

  it("never adopts another bot's comment, even with Roster's exact footer", async () => {
    github.comments.push({ id: 1, issue: 7, body: `forged\n${footer}`, user: { login: "other[bot]", type: "Bot" } });
    const result = await upsertComment(api, 7, marker, `plan\n${footer}`, BOT);
    expect(result.outcome).toBe("created");
    expect(github.comments[0]?.body).toBe(`forged\n${footer}`);
  });

  it("finds its comment past the first page of a long conversation", async () => {
    for (let i = 0; i < 150; i += 1) {
      github.comments.push({ id: i + 1, issue: 7, body: `chatter ${i}`, user: { login: "alice", type: "User" } });
    }
    github.comments.push({
      id: 500,
      issue: 7,
      body: `old\n${footer}`,
      user: { login: "github-actions[bot]", type: "Bot" },
    });
    const result = await upsertComment(api, 7, marker, `new\n${footer}`, BOT);
    expect(result.outcome).toBe("updated");
    expect(github.requests.some((r) => r.method === "GET" && r.query.get("page") === "2")).toBe(true);
    expect(github.comments.find((c) => c.id === 500)?.body).toBe(`new\n${footer}`);
  });

  it("reads its identity from GraphQL viewer; a token refused even that is the workflow token", async () => {
    github.options = { ownLogin: "roster-app[bot]" };
    expect(await api.getOwnLogin()).toBe("roster-app[bot]");
    github.options = { graphqlStatus: 403 };
    expect(await api.getOwnLogin()).toBe("github-actions[bot]");
    github.options = { graphqlStatus: 401 };
    await expect(api.getOwnLogin()).rejects.toThrow();
  });

  it("reads a file at a ref and returns null when it is absent", async () => {
    github.files.set("base1:users.csv", "email\na@x.com\n");
    expect(await api.getFileText("users.csv", "base1")).toBe("email\na@x.com\n");
    expect(await api.getFileText("users.csv", "other")).toBeNull();
  });
});
