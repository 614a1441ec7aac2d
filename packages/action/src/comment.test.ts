import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "../test/fake-github.js";
import { commentMarker, findOwnComment, metaComment, parseMeta, upsertComment } from "./comment.js";
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

describe("parseMeta", () => {
  it("round-trips the hidden metadata", () => {
    const body = `hello\n${metaComment({ checksum: "abc", sha: "123" })}\n`;
    expect(parseMeta(body)).toEqual({ checksum: "abc", sha: "123" });
  });

  it("returns undefined for a body without metadata or with broken JSON", () => {
    expect(parseMeta("no meta")).toBeUndefined();
    expect(parseMeta("<!-- roster:meta {not json} -->")).toBeUndefined();
  });
});

describe("findOwnComment", () => {
  const marker = commentMarker({ vendor: "sigma", csv: "users.csv" });
  const comment = (id: number, login: string, type: string, body: string) => ({
    id,
    body,
    url: `u${id}`,
    authorLogin: login,
    authorType: type,
  });

  it("ignores a human's comment that quotes the marker", () => {
    const comments = [comment(1, "alice", "User", marker), comment(2, "github-actions[bot]", "Bot", marker)];
    expect(findOwnComment(comments, marker, undefined)?.id).toBe(2);
  });

  it("matches the token's own login when it is known", () => {
    const comments = [comment(1, "github-actions[bot]", "Bot", marker), comment(2, "roster-bot", "User", marker)];
    expect(findOwnComment(comments, marker, "roster-bot")?.id).toBe(2);
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

  it("creates once, skips an unchanged body, then updates in place", async () => {
    const first = await upsertComment(api, 7, marker, `plan A\n${marker}`, undefined);
    expect(first.outcome).toBe("created");
    const second = await upsertComment(api, 7, marker, `plan A\n${marker}`, undefined);
    expect(second.outcome).toBe("unchanged");
    expect(writes()).toHaveLength(1);
    const third = await upsertComment(api, 7, marker, `plan B\n${marker}`, undefined);
    expect(third.outcome).toBe("updated");
    expect(github.comments).toHaveLength(1);
    expect(github.comments[0]?.body).toBe(`plan B\n${marker}`);
    expect(writes().map((r) => r.method)).toEqual(["POST", "PATCH"]);
  });

  it("finds its comment past the first page of a long conversation", async () => {
    for (let i = 0; i < 150; i += 1) {
      github.comments.push({ id: i + 1, issue: 7, body: `chatter ${i}`, user: { login: "alice", type: "User" } });
    }
    github.comments.push({
      id: 500,
      issue: 7,
      body: `old\n${marker}`,
      user: { login: "github-actions[bot]", type: "Bot" },
    });
    const result = await upsertComment(api, 7, marker, `new\n${marker}`, undefined);
    expect(result.outcome).toBe("updated");
    expect(github.requests.some((r) => r.method === "GET" && r.query.get("page") === "2")).toBe(true);
    expect(github.comments.find((c) => c.id === 500)?.body).toBe(`new\n${marker}`);
  });

  it("falls back to the bot identity when GET /user is forbidden", async () => {
    expect(await api.getOwnLogin()).toBeUndefined();
    github.options = { ownLogin: "roster-bot" };
    expect(await api.getOwnLogin()).toBe("roster-bot");
  });

  it("reads a file at a ref and returns null when it is absent", async () => {
    github.files.set("base1:users.csv", "email\na@x.com\n");
    expect(await api.getFileText("users.csv", "base1")).toBe("email\na@x.com\n");
    expect(await api.getFileText("users.csv", "other")).toBeNull();
  });
});
