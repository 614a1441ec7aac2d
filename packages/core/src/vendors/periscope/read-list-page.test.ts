import { describe, expect, it } from "vitest";
import { startLocalServer } from "../../http/__tests__/local-server.js";
import { createPeriscopeV1Client } from "./client.js";
import { demoSite, fastHttp, memoryLogger } from "./test-helpers.js";
import { createPeriscopeHttp } from "./transport.js";

/** The error a promise rejects with; a promise that resolves fails the test. */
async function rejection(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: Error) => error,
  );
}

// The users listing read as its body streams in (read-list-page.ts), against a real server that
// cuts, corrupts or reshapes the answer.

const user = (i: number) => ({
  id: 1001 + i,
  first_name: "Ada",
  last_name: `Admin ${i} é`,
  email: `user${i}@acme.test`,
  groups: i % 2 === 0 ? [] : [{ id: 7, name: "Analysts" }],
  created_at: "2024-01-02T03:04:05Z",
  invited_by_email: null,
  status: "active",
});

async function withSite(reply: Parameters<typeof startLocalServer>[0]) {
  const server = await startLocalServer(reply);
  const http = createPeriscopeHttp(
    demoSite(server.url, "acme-analytics", { "acme-analytics": "k3y" }),
    "plan",
    memoryLogger(),
    fastHttp,
  );
  return {
    server,
    client: createPeriscopeV1Client(http),
    async [Symbol.asyncDispose]() {
      await http.close();
      await server.close();
    },
  };
}

const json = { "content-type": "application/json" };

describe("the Periscope users listing, read as it streams in", () => {
  it("retries a body cut mid-stream (connection reset) and lists each user exactly once", async () => {
    const body = Buffer.from(JSON.stringify({ users: Array.from({ length: 5_000 }, (_, i) => user(i)) }));
    await using site = await withSite((_req, res, index) => {
      if (index > 0) return res.writeHead(200, json).end(body);
      res.writeHead(200, { ...json, "content-length": String(body.length) });
      res.write(body.subarray(0, 300_000), () => setTimeout(() => res.socket?.resetAndDestroy(), 20));
    });
    const users = await site.client.users.list();
    expect(site.server.seen).toHaveLength(2);
    expect(users).toHaveLength(5_000);
    expect(new Set(users.map((u) => u.email)).size).toBe(5_000);
    expect(users[4_999]).toMatchObject({ id: "6000", email: "user4999@acme.test", lastName: "Admin 4999 é" });
  });

  it("stops with VENDOR_PROTOCOL naming Periscope and the request when the body turns malformed mid-stream", async () => {
    const text = JSON.stringify({ users: Array.from({ length: 3_000 }, (_, i) => user(i)) });
    const cut = text.indexOf('},{"id":3001');
    const broken = `${text.slice(0, cut)}};{${text.slice(cut + 3)}`;
    await using site = await withSite((_req, res) => res.writeHead(200, json).end(broken));
    const error = await rejection(site.client.users.list());
    expect(error).toMatchObject({ code: "VENDOR_PROTOCOL", vendor: "Periscope", request: "GET /api/v1/users" });
    expect(error.message).toMatch(
      /^Periscope answered GET \/api\/v1\/users with JSON that is cut short or malformed \(not valid JSON at byte \d+\)/,
    );
    // Nothing of the answer is quoted (JSON.parse's own message shows the text around the fault).
    expect(error.message).not.toMatch(/acme\.test|Admin|"id"/);
    // Not a transport failure: the same answer would come back, so it is not asked again.
    expect(site.server.seen).toHaveLength(1);
  });

  it("stops on a body cut short that the server ends cleanly", async () => {
    const text = JSON.stringify({ users: Array.from({ length: 1_000 }, (_, i) => user(i)) });
    await using site = await withSite((_req, res) => res.writeHead(200, json).end(text.slice(0, 90_000)));
    await expect(site.client.users.list()).rejects.toMatchObject({
      code: "VENDOR_PROTOCOL",
      message: expect.stringContaining("JSON that is cut short or malformed (the body ends before the JSON value does"),
    });
  });

  it("names a bad item's place and the whole body's keys, those after the list included", async () => {
    const users: unknown[] = Array.from({ length: 50_000 }, (_, i) => user(i));
    users[41_234] = { ...user(41_234), email: "" };
    await using site = await withSite((_req, res) =>
      res.writeHead(200, json).end(JSON.stringify({ users, next_page_start: null })),
    );
    await expect(site.client.users.list()).rejects.toThrow(
      "with a JSON object with keys users, next_page_start, not the expected answer (users.41234.email: Too small",
    );
  });

  it("reports a bad envelope before a bad item, as when the body was read whole", async () => {
    const users: unknown[] = [user(0), { id: 2 }];
    await using site = await withSite((_req, res) =>
      res.writeHead(200, json).end(JSON.stringify({ users, next_page_start: { at: 3 } })),
    );
    const error = await rejection(site.client.users.list());
    expect(error).toMatchObject({ code: "VENDOR_PROTOCOL" });
    expect(error.message).toContain("(the body): Invalid input");
    expect(error.message).not.toContain("users.1");
  });

  it("refuses a body holding two lists when the one it means is not the one met first", async () => {
    const body = { data: [user(0)], users: [user(1)] };
    await using site = await withSite((_req, res) => res.writeHead(200, json).end(JSON.stringify(body)));
    await expect(site.client.users.list()).rejects.toMatchObject({
      code: "VENDOR_PROTOCOL",
      message: expect.stringContaining("holds two lists (data and users)"),
    });
  });

  it("reads the list a body means when a second one follows it, as when the body was read whole", async () => {
    const body = { users: [user(0)], data: [user(1)] };
    await using site = await withSite((_req, res) => res.writeHead(200, json).end(JSON.stringify(body)));
    expect((await site.client.users.list()).map((u) => u.email)).toEqual(["user0@acme.test"]);
  });

  it("reads an answer not labelled JSON whole, and reports it as before", async () => {
    await using site = await withSite((_req, res) =>
      res.writeHead(200, { "content-type": "text/html" }).end("<html>maintenance</html>"),
    );
    await expect(site.client.users.list()).rejects.toThrow(
      "Periscope answered GET /api/v1/users with an HTML page (24 characters) where JSON was expected",
    );
  });
});
