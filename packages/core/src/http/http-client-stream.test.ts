import type { ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { fakeSleep, memoryLogger, sendJson, startLocalServer } from "./__tests__/local-server.js";
import { createHttpClient } from "./http-client.js";
import { createListingSplitter } from "./json-listing-splitter.js";
import type { BodyReader } from "./types.js";

/** The error a promise rejects with; a promise that resolves fails the test. */
async function rejection(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: Error) => error,
  );
}

const users = Array.from({ length: 2_000 }, (_, i) => ({ id: i, email: `user${i}@acme.test`, note: "é ✓" }));
const body = Buffer.from(JSON.stringify({ users }));

/** Sends the first `bytes` of the listing under its full Content-Length, then resets the connection. */
function cutAfter(response: ServerResponse, bytes: number): void {
  response.writeHead(200, { "content-type": "application/json", "content-length": String(body.length) });
  response.write(body.subarray(0, bytes), () => {
    setTimeout(() => response.socket?.resetAndDestroy(), 20);
  });
}

/** A reader that splits the listing as it streams in; `attempts` counts its calls. */
function listingReader(calls: { attempts: number; ids: number[][] }): BodyReader<number[]> {
  return async ({ chunks }) => {
    calls.attempts += 1;
    const ids: number[] = [];
    calls.ids.push(ids);
    const splitter = createListingSplitter({
      listAt: [["users"]],
      onItems: (items) => {
        for (const item of items) ids.push((item as { id: number }).id);
      },
    });
    for await (const chunk of chunks) splitter.push(chunk);
    splitter.end();
    return ids;
  };
}

describe("requestStreamed", () => {
  it("retries a body cut mid-stream (connection reset after N bytes); the reader starts afresh and each user comes once", async () => {
    await using server = await startLocalServer((_req, res, index) =>
      index === 0 ? cutAfter(res, 70_000) : res.end(body),
    );
    const logger = memoryLogger();
    const client = createHttpClient({ baseUrl: server.url, mode: "read-only", sleep: fakeSleep().sleep, logger });
    const calls = { attempts: 0, ids: [] as number[][] };
    const response = await client.requestStreamed({ method: "GET", path: "/api/v1/users" }, listingReader(calls));
    expect(response.status).toBe(200);
    expect(response.body).toEqual(users.map((user) => user.id));
    expect(calls.attempts).toBe(2);
    // The first attempt had handed on items before the reset; they went with it.
    expect(calls.ids[0]?.length).toBeGreaterThan(0);
    expect(calls.ids[0]?.length).toBeLessThan(users.length);
    expect(client.stats).toEqual({ requests: 2, retries: 1 });
    expect(logger.lines.filter((line) => line.startsWith("warn"))).toEqual([
      expect.stringMatching(/^warn \[GET\] ".*\/api\/v1\/users": .*attempt 1\/5 failed, retrying in/),
    ]);
    await client.close();
  });

  it("times out a body that stalls mid-stream and retries it, then fails with HTTP_TIMEOUT", async () => {
    await using server = await startLocalServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write(body.subarray(0, 1_000));
    });
    const client = createHttpClient({
      baseUrl: server.url,
      mode: "read-only",
      sleep: fakeSleep().sleep,
      timeoutMs: 150,
      retry: { maxAttempts: 2 },
    });
    const calls = { attempts: 0, ids: [] as number[][] };
    const error = await rejection(client.requestStreamed({ method: "GET", path: "/slow" }, listingReader(calls)));
    expect(error).toMatchObject({ code: "HTTP_TIMEOUT", status: 0, attempts: 2, name: "HttpError" });
    expect(calls.attempts).toBe(2);
    await client.close();
  });

  it("reads a non-2xx answer whole for the error report and retries it as request() does; the reader never runs", async () => {
    await using server = await startLocalServer((_req, res, index) =>
      index === 0
        ? sendJson(res, 503, { message: "busy" })
        : sendJson(res, 404, { message: "no such site", requestId: "r-1" }),
    );
    const client = createHttpClient({ baseUrl: server.url, mode: "read-only", sleep: fakeSleep().sleep });
    const calls = { attempts: 0, ids: [] as number[][] };
    const error = await client
      .requestStreamed({ method: "GET", path: "/api/v1/users" }, listingReader(calls))
      .catch((e) => e);
    expect(error).toMatchObject({
      code: "HTTP_ERROR",
      status: 404,
      details: { message: "no such site", requestId: "r-1" },
      body: { message: "no such site", requestId: "r-1" },
      attempts: 2,
    });
    expect(calls.attempts).toBe(0);
    await client.close();
  });

  it("fails with the reader's own error unchanged and without a retry, dropping the rest of the body", async () => {
    await using server = await startLocalServer((_req, res) => res.end(body));
    const client = createHttpClient({ baseUrl: server.url, mode: "read-only", sleep: fakeSleep().sleep });
    const mine = new Error("not what I expected");
    const read: BodyReader<never> = async ({ chunks }) => {
      for await (const _chunk of chunks) throw mine;
      throw new Error("unreachable");
    };
    await expect(client.requestStreamed({ method: "GET", path: "/x" }, read)).rejects.toBe(mine);
    expect(client.stats).toEqual({ requests: 1, retries: 0 });
    // The connection is usable again: the next request goes through.
    const calls = { attempts: 0, ids: [] as number[][] };
    await expect(client.requestStreamed({ method: "GET", path: "/x" }, listingReader(calls))).resolves.toMatchObject({
      status: 200,
    });
    await client.close();
  });

  it("keeps the read-only guard and redacts secrets from a transport failure's message", async () => {
    await using server = await startLocalServer((_req, res) => res.socket?.destroy());
    const client = createHttpClient({
      baseUrl: server.url,
      mode: "read-only",
      sleep: fakeSleep().sleep,
      secrets: ["s3cret-key"],
      retry: { maxAttempts: 1 },
    });
    const calls = { attempts: 0, ids: [] as number[][] };
    await expect(client.requestStreamed({ method: "POST", path: "/x" }, listingReader(calls))).rejects.toMatchObject({
      code: "READ_ONLY_VIOLATION",
    });
    const error = await rejection(
      client.requestStreamed({ method: "GET", path: "/x", query: { key: "s3cret-key" } }, listingReader(calls)),
    );
    expect(error).toMatchObject({ code: "HTTP_NETWORK" });
    expect(String(error.message)).not.toContain("s3cret-key");
    expect(server.seen).toHaveLength(1);
    await client.close();
  });
});
