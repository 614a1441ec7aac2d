import { describe, expect, it } from "vitest";
import { sendJson, startLocalServer } from "../http/__tests__/local-server.js";
import { createHttpClient } from "../http/http-client.js";
import { isHttpError } from "../http/http-error.js";

const noSleep = async () => {};

// Regressions found by the fault suite (reliability/faults.test.ts), at the HTTP layer.
describe("HTTP layer: what a retried write reports", () => {
  it("marks a write ambiguous when an earlier attempt's answer was lost, even if the last one was refused", async () => {
    await using server = await startLocalServer((_request, response, index) => {
      // First attempt: the server acts but answers too late; the repeat then meets a 500.
      if (index === 0) setTimeout(() => sendJson(response, 200, {}), 200);
      else sendJson(response, 500, { message: "Internal error" });
    });
    const client = createHttpClient({ baseUrl: server.url, mode: "read-write", sleep: noSleep, timeoutMs: 50 });
    const error = await client.request({ method: "PATCH", path: "/users/1", json: { a: 1 } }).catch((e: unknown) => e);
    expect(isHttpError(error) && error.status).toBe(500);
    expect(isHttpError(error) && error.ambiguous).toBe(true);
    expect(String((error as Error).message)).toContain("may have acted");
    await client.close();
  });

  it("keeps a refused write unambiguous when every attempt was answered", async () => {
    await using server = await startLocalServer((_request, response, index) =>
      sendJson(response, index === 0 ? 503 : 500, { message: "Internal error" }),
    );
    const client = createHttpClient({ baseUrl: server.url, mode: "read-write", sleep: noSleep });
    const error = await client.request({ method: "PATCH", path: "/users/1", json: {} }).catch((e: unknown) => e);
    expect(isHttpError(error) && error.ambiguous).toBe(false);
    expect(server.seen).toHaveLength(2);
    await client.close();
  });

  it("does not call a failed read ambiguous after a lost answer: a GET changes nothing", async () => {
    await using server = await startLocalServer((_request, response) => response.socket?.destroy());
    const client = createHttpClient({
      baseUrl: server.url,
      mode: "read-only",
      sleep: noSleep,
      retry: { maxAttempts: 2 },
    });
    const error = await client.request({ method: "GET", path: "/users" }).catch((e: unknown) => e);
    expect(isHttpError(error) && error.message).not.toContain("may have acted");
    await client.close();
  });
});

describe("HTTP layer: secrets learnt at run time", () => {
  it("redacts a token added after the client was made, even echoed bare by the vendor", async () => {
    const token = "sat_5f0c9a1e-learnt-later";
    await using server = await startLocalServer((_request, response) =>
      sendJson(response, 400, { message: `token ${token} is not allowed here` }),
    );
    const client = createHttpClient({ baseUrl: server.url, mode: "read-only", sleep: noSleep });
    client.addSecret(token);
    const error = await client.request({ method: "GET", path: "/x" }).catch((e: unknown) => e);
    expect(String((error as Error).message)).toContain("[REDACTED]");
    expect(String((error as Error).message)).not.toContain(token);
    expect(client.redact(`a ${token} b`)).toBe("a [REDACTED] b");
    await client.close();
  });
});

describe("HTTP layer: a request id header that echoes a secret", () => {
  it("is redacted like the body", async () => {
    const key = "api-key-echoed-in-header-123";
    await using server = await startLocalServer((_request, response) =>
      sendJson(response, 400, { message: "no" }, { "x-request-id": key }),
    );
    const client = createHttpClient({ baseUrl: server.url, mode: "read-only", sleep: noSleep, secrets: [key] });
    const error = await client.request({ method: "GET", path: "/x" }).catch((e: unknown) => e);
    expect(isHttpError(error) && error.details.requestId).toBe("[REDACTED]");
    await client.close();
  });
});
