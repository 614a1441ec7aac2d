import { once } from "node:events";
import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { fakeSleep, memoryLogger, sendJson, startLocalServer } from "./__tests__/local-server.js";
import { createHttpClient } from "./http-client.js";
import type { Pacer } from "./types.js";

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

/** A port nothing listens on: bind, read the port, close. */
async function refusedUrl(): Promise<string> {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, "close");
  return `http://127.0.0.1:${port}`;
}

describe("retries", () => {
  it("honours Retry-After in seconds on 429 and logs each retry", async () => {
    await using server = await startLocalServer((_req, res, index) =>
      index < 2
        ? sendJson(res, 429, { error_code: "429050", message: "Too many requests" }, { "retry-after": "3" })
        : sendJson(res, 200, { ok: true }),
    );
    const { sleep, waits } = fakeSleep();
    const logger = memoryLogger();
    const throttled: (number | undefined)[] = [];
    let acquired = 0;
    const pacer: Pacer = {
      acquire: async () => {
        acquired++;
      },
      onThrottled: (_req, ms) => throttled.push(ms),
    };
    const client = createHttpClient({ baseUrl: server.url, mode: "read-only", sleep, logger, pacer });
    await expect(client.request({ method: "GET", path: "/users/0" })).resolves.toMatchObject({ status: 200 });
    expect(waits).toEqual([3000, 3000]);
    expect(throttled).toEqual([3000, 3000]);
    expect(acquired).toBe(3);
    expect(client.stats).toEqual({ requests: 3, retries: 2 });
    const warnings = logger.lines.filter((line) => line.startsWith("warn"));
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toBe(
      `warn [GET] "${server.url}/users/0": 429 Too Many Requests; attempt 1/5 failed, retrying in 3.0 s (Retry-After)`,
    );
    await client.close();
  });

  it("honours Retry-After as an HTTP-date", async () => {
    const now = Date.parse("Sun, 22 Nov 2026 05:00:00 GMT");
    await using server = await startLocalServer((_req, res, index) =>
      index === 0 ? sendJson(res, 503, {}, { "retry-after": "Sun, 22 Nov 2026 05:00:10 GMT" }) : sendJson(res, 200, {}),
    );
    const { sleep, waits } = fakeSleep();
    const client = createHttpClient({ baseUrl: server.url, mode: "read-only", sleep, now: () => now });
    await client.request({ method: "GET", path: "/x" });
    expect(waits).toEqual([10_000]);
    await client.close();
  });

  it("fails with a clear message when Retry-After exceeds the cap", async () => {
    await using server = await startLocalServer((_req, res) => sendJson(res, 429, {}, { "retry-after": "600" }));
    const { sleep, waits } = fakeSleep();
    const client = createHttpClient({ baseUrl: server.url, mode: "read-only", sleep });
    const error = await caught(client.request({ method: "GET", path: "/x" }));
    expect(error).toMatchObject({ code: "HTTP_ERROR", status: 429, attempts: 1, retryAfterMs: 600_000 });
    expect((error as Error).message).toContain("asked to wait 600.0 s (Retry-After), more than the 120.0 s");
    expect(waits).toEqual([]);
    await client.close();
  });

  it("retries 5xx with jittered exponential backoff, bounded by maxAttempts", async () => {
    await using server = await startLocalServer((_req, res) => sendJson(res, 503, { message: "down" }));
    const { sleep, waits } = fakeSleep();
    const client = createHttpClient({
      baseUrl: server.url,
      mode: "read-only",
      sleep,
      random: () => 0.5,
      retry: { maxAttempts: 4 },
    });
    const error = await caught(client.request({ method: "GET", path: "/x" }));
    expect(error).toMatchObject({ code: "HTTP_RETRIES_EXHAUSTED", status: 503, attempts: 4 });
    expect((error as Error).message).toContain("503 Service Unavailable – down (after 4 attempts)");
    expect(server.seen).toHaveLength(4);
    expect(waits).toEqual([250, 500, 1000]);
    await client.close();
  });

  it("caps the backoff at maxDelayMs", async () => {
    await using server = await startLocalServer((_req, res) => sendJson(res, 502, {}));
    const { sleep, waits } = fakeSleep();
    const client = createHttpClient({
      baseUrl: server.url,
      mode: "read-only",
      sleep,
      random: () => 0.999,
      retry: { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 3000 },
    });
    await caught(client.request({ method: "GET", path: "/x" }));
    expect(waits).toEqual([999, 1998, 2997, 2997]);
    await client.close();
  });

  it("does not retry 500 on a write by default", async () => {
    await using server = await startLocalServer((_req, res) => sendJson(res, 500, {}));
    const client = createHttpClient({ baseUrl: server.url, mode: "read-write", sleep: fakeSleep().sleep });
    await expect(client.request({ method: "PATCH", path: "/x", json: {} })).rejects.toMatchObject({
      status: 500,
      attempts: 1,
    });
    expect(server.seen).toHaveLength(1);
    await client.close();
  });

  // Regression (fault suite, reliability/faults.test.ts): one transient 500 on a paged listing aborted the whole read.
  it("retries 500 on a read, which cannot have changed anything", async () => {
    let calls = 0;
    await using server = await startLocalServer((_req, res) => {
      calls++;
      sendJson(res, calls === 1 ? 500 : 200, { ok: calls });
    });
    const client = createHttpClient({ baseUrl: server.url, mode: "read-only", sleep: fakeSleep().sleep });
    await expect(client.request({ method: "GET", path: "/x" })).resolves.toMatchObject({ status: 200 });
    expect(server.seen).toHaveLength(2);
    await client.close();
  });

  it("requestRaw still retries and returns the final retryable status", async () => {
    await using server = await startLocalServer((_req, res) => sendJson(res, 429, {}, { "retry-after": "1" }));
    const client = createHttpClient({
      baseUrl: server.url,
      mode: "read-only",
      sleep: fakeSleep().sleep,
      retry: { maxAttempts: 2 },
    });
    await expect(client.requestRaw({ method: "GET", path: "/x" })).resolves.toMatchObject({ status: 429 });
    expect(server.seen).toHaveLength(2);
    await client.close();
  });
});

describe("non-idempotent requests", () => {
  it("does not repeat a POST after a dropped connection and marks it ambiguous", async () => {
    await using server = await startLocalServer((_req, res) => res.socket?.destroy());
    const client = createHttpClient({ baseUrl: server.url, mode: "read-write", sleep: fakeSleep().sleep });
    const error = await caught(client.request({ method: "POST", path: "/action/org", json: [] }));
    expect(error).toMatchObject({ code: "HTTP_NETWORK", status: 0, ambiguous: true, attempts: 1 });
    expect(server.seen).toHaveLength(1);
    await client.close();
  });

  it("repeats a GET after a dropped connection", async () => {
    await using server = await startLocalServer((_req, res, index) =>
      index === 0 ? res.socket?.destroy() : sendJson(res, 200, { ok: 1 }),
    );
    const client = createHttpClient({ baseUrl: server.url, mode: "read-only", sleep: fakeSleep().sleep });
    await expect(client.request({ method: "GET", path: "/x" })).resolves.toMatchObject({ body: { ok: 1 } });
    expect(server.seen).toHaveLength(2);
    await client.close();
  });

  it("repeats a POST on 429, which proves the server did not act", async () => {
    await using server = await startLocalServer((_req, res, index) =>
      index === 0 ? sendJson(res, 429, {}, { "retry-after": "2" }) : sendJson(res, 200, { result: "success" }),
    );
    const { sleep, waits } = fakeSleep();
    const client = createHttpClient({ baseUrl: server.url, mode: "read-write", sleep });
    await expect(client.request({ method: "POST", path: "/action/org", json: [] })).resolves.toMatchObject({
      status: 200,
    });
    expect(waits).toEqual([2000]);
    await client.close();
  });

  it("does not repeat a POST on 502 and marks it ambiguous", async () => {
    await using server = await startLocalServer((_req, res) => sendJson(res, 502, {}));
    const client = createHttpClient({ baseUrl: server.url, mode: "read-write", sleep: fakeSleep().sleep });
    const error = await caught(client.request({ method: "POST", path: "/action/org", json: [] }));
    expect(error).toMatchObject({ code: "HTTP_ERROR", status: 502, ambiguous: true, attempts: 1 });
    expect(server.seen).toHaveLength(1);
    await client.close();
  });

  it("repeats a POST whose connection was refused (never sent) and says it is not ambiguous", async () => {
    const { sleep, waits } = fakeSleep();
    const client = createHttpClient({
      baseUrl: await refusedUrl(),
      mode: "read-write",
      sleep,
      retry: { maxAttempts: 3 },
    });
    const error = await caught(client.request({ method: "POST", path: "/x", json: {} }));
    expect(error).toMatchObject({ code: "HTTP_NETWORK", status: 0, ambiguous: false, attempts: 3 });
    expect((error as Error).message).toContain("ECONNREFUSED");
    expect(waits).toHaveLength(2);
    await client.close();
  });

  it("treats a POST marked idempotent like a GET", async () => {
    await using server = await startLocalServer((_req, res, index) =>
      index === 0 ? sendJson(res, 502, {}) : sendJson(res, 200, {}),
    );
    const client = createHttpClient({ baseUrl: server.url, mode: "read-write", sleep: fakeSleep().sleep });
    await client.request({ method: "POST", path: "/search", json: {}, idempotent: true });
    expect(server.seen).toHaveLength(2);
    await client.close();
  });
});
