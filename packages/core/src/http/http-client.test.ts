import { describe, expect, it } from "vitest";
import { memoryLogger, sendJson, startLocalServer } from "./__tests__/local-server.js";
import { createHttpClient } from "./http-client.js";
import { isHttpError } from "./http-error.js";
import { allowAny, allowPaths, allowTestModeQuery } from "./read-only-guard.js";

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

describe("read-only guard", () => {
  it("refuses a write before any byte reaches the server", async () => {
    await using server = await startLocalServer((_req, res) => sendJson(res, 200, {}));
    const client = createHttpClient({ baseUrl: server.url, mode: "read-only" });
    const error = await caught(client.request({ method: "PATCH", path: "/v2/members/abc", json: { a: 1 } }));
    expect(error).toMatchObject({ code: "READ_ONLY_VIOLATION" });
    expect(server.seen).toHaveLength(0);
    expect(client.stats.requests).toBe(0);
    await client.close();
  });

  it("lets reads, the token exchange and test-mode writes through", async () => {
    await using server = await startLocalServer((_req, res) => sendJson(res, 200, { ok: true }));
    const client = createHttpClient({
      baseUrl: server.url,
      mode: "read-only",
      allowInReadOnly: allowAny(allowPaths("/v2/auth/token"), allowTestModeQuery("testOnly")),
    });
    await client.request({ method: "GET", path: "/v2/members" });
    await client.request({ method: "POST", path: "/v2/auth/token", form: { grant_type: "client_credentials" } });
    await client.request({ method: "POST", path: "/action/org", query: { testOnly: true }, json: [] });
    const refused = await caught(client.request({ method: "POST", path: "/action/org", query: { testOnly: false } }));
    expect(refused).toMatchObject({ code: "READ_ONLY_VIOLATION" });
    expect(server.seen.map((seen) => `${seen.method} ${seen.url}`)).toEqual([
      "GET /v2/members",
      "POST /v2/auth/token",
      "POST /action/org?testOnly=true",
    ]);
    await client.close();
  });

  it("checks the final URL, so a path cannot smuggle a write past the allowance", async () => {
    await using server = await startLocalServer((_req, res) => sendJson(res, 200, {}));
    const client = createHttpClient({
      baseUrl: server.url,
      mode: "read-only",
      allowInReadOnly: allowPaths("/v2/auth/token"),
    });
    const error = await caught(client.request({ method: "DELETE", path: "/v2/auth/token/../../members/x" }));
    expect(error).toMatchObject({ code: "READ_ONLY_VIOLATION" });
    expect(server.seen).toHaveLength(0);
    await client.close();
  });
});

describe("requests and errors", () => {
  it("joins the base path, sends JSON and auth headers, and parses the response", async () => {
    await using server = await startLocalServer((req, res) => sendJson(res, 200, { echo: JSON.parse(req.body) }));
    const client = createHttpClient({
      baseUrl: `${server.url}/v2/`,
      mode: "read-write",
      auth: { headers: async () => ({ Authorization: "Bearer tok" }) },
      userAgent: "roster-test",
    });
    const response = await client.request<{ echo: unknown }>({
      method: "POST",
      path: "members",
      query: { limit: 10, skip: undefined },
      json: { email: "a@example.com" },
    });
    expect(response.body.echo).toEqual({ email: "a@example.com" });
    const seen = server.seen[0]!;
    expect(seen.url).toBe("/v2/members?limit=10");
    expect(seen.headers.authorization).toBe("Bearer tok");
    expect(seen.headers["content-type"]).toBe("application/json");
    expect(seen.headers["user-agent"]).toBe("roster-test");
    await client.close();
  });

  it('formats the error message as [METHOD] "url": status text – vendor message', async () => {
    await using server = await startLocalServer((_req, res) =>
      sendJson(res, 404, { code: "NOT_FOUND", message: "Member type name is not found", requestId: "r-1" }),
    );
    const client = createHttpClient({ baseUrl: server.url, mode: "read-write" });
    const error = await caught(client.request({ method: "PATCH", path: "/v2/members/abc", json: {} }));
    expect(isHttpError(error)).toBe(true);
    expect(error).toMatchObject({
      code: "HTTP_ERROR",
      status: 404,
      statusText: "Not Found",
      attempts: 1,
      ambiguous: false,
      details: { message: "Member type name is not found", code: "NOT_FOUND", requestId: "r-1" },
    });
    expect((error as Error).message).toBe(
      `[PATCH] "${server.url}/v2/members/abc": 404 Not Found – Member type name is not found`,
    );
    await client.close();
  });

  it("requestRaw returns a non-2xx status instead of throwing", async () => {
    await using server = await startLocalServer((_req, res) =>
      sendJson(res, 404, { result: "error.user.nonexistent" }),
    );
    const client = createHttpClient({ baseUrl: server.url, mode: "read-only" });
    const response = await client.requestRaw({ method: "GET", path: "/users/x" });
    expect(response).toMatchObject({ status: 404, body: { result: "error.user.nonexistent" } });
    await client.close();
  });

  it("uses a custom parseError for the vendor envelope", async () => {
    await using server = await startLocalServer((_req, res) => sendJson(res, 400, { problem: { text: "bad row" } }));
    const client = createHttpClient({
      baseUrl: server.url,
      mode: "read-only",
      parseError: (_status, body) => ({ message: (body as { problem: { text: string } }).problem.text }),
    });
    const error = await caught(client.request({ method: "GET", path: "/x" }));
    expect((error as Error).message).toContain("400 Bad Request – bad row");
    await client.close();
  });

  it("times out a request that gets no answer (ambiguous)", async () => {
    await using server = await startLocalServer(() => undefined);
    const client = createHttpClient({ baseUrl: server.url, mode: "read-only", retry: { maxAttempts: 1 } });
    const error = await caught(client.request({ method: "GET", path: "/slow", timeoutMs: 50 }));
    expect(error).toMatchObject({ code: "HTTP_TIMEOUT", status: 0, ambiguous: true, attempts: 1 });
    await client.close();
  });

  it("refuses an absolute URL on another origin", async () => {
    await using server = await startLocalServer((_req, res) => sendJson(res, 200, {}));
    const client = createHttpClient({ baseUrl: server.url, mode: "read-only" });
    const error = await caught(client.request({ method: "GET", path: "http://127.0.0.2:1/steal" }));
    expect(error).toMatchObject({ code: "HTTP_ERROR", status: 0 });
    expect(server.seen).toHaveLength(0);
    await client.close();
  });
});

describe("401 handling", () => {
  it("refreshes credentials once and repeats the request", async () => {
    await using server = await startLocalServer((req, res) =>
      req.headers.authorization === "Bearer fresh" ? sendJson(res, 200, { ok: true }) : sendJson(res, 401, {}),
    );
    let token = "stale";
    let refreshes = 0;
    const client = createHttpClient({
      baseUrl: server.url,
      mode: "read-only",
      auth: {
        headers: async () => ({ authorization: `Bearer ${token}` }),
        onUnauthorized: async () => {
          refreshes++;
          token = "fresh";
          return true;
        },
      },
    });
    await expect(client.request({ method: "GET", path: "/me" })).resolves.toMatchObject({ status: 200 });
    expect(refreshes).toBe(1);
    expect(server.seen).toHaveLength(2);
    await client.close();
  });

  it("does not loop when the fresh credentials are refused too", async () => {
    await using server = await startLocalServer((_req, res) => sendJson(res, 401, { message: "Unauthorized" }));
    let refreshes = 0;
    const client = createHttpClient({
      baseUrl: server.url,
      mode: "read-only",
      auth: {
        headers: async () => ({ authorization: "Bearer x" }),
        onUnauthorized: async () => {
          refreshes++;
          return true;
        },
      },
    });
    const error = await caught(client.request({ method: "GET", path: "/me" }));
    expect(error).toMatchObject({ status: 401, code: "HTTP_ERROR" });
    expect(refreshes).toBe(1);
    expect(server.seen).toHaveLength(2);
    await client.close();
  });
});

describe("redaction", () => {
  it("removes a secret the server echoes in an error body from the message, body and logs", async () => {
    const secret = "s3cr3t-Value/42";
    await using server = await startLocalServer((req, res) =>
      sendJson(res, 400, {
        message: `invalid client ${secret}`,
        echo: req.headers.authorization,
        client_secret: secret,
      }),
    );
    const logger = memoryLogger();
    const client = createHttpClient({
      baseUrl: server.url,
      mode: "read-only",
      secrets: [secret],
      logger,
      auth: { headers: async () => ({ authorization: "Bearer eyJhbGciOi.abc.def" }) },
    });
    const error = await caught(client.request({ method: "GET", path: "/x", query: { api_key: secret } }));
    const everything = JSON.stringify({
      message: (error as Error).message,
      body: (error as { body: unknown }).body,
      url: (error as { url: string }).url,
      logs: logger.lines,
    });
    expect(everything).not.toContain(secret);
    expect(everything).not.toContain(encodeURIComponent(secret));
    expect(everything).not.toContain("eyJhbGciOi");
    expect((error as Error).message).toContain("invalid client [REDACTED]");
    expect((error as { url: string }).url).toContain("api_key=[REDACTED]");
    await client.close();
  });
});

describe("response bodies", () => {
  it("decodes a body sent in pieces that split a character, skipping a byte order mark, as JSON", async () => {
    const json = Buffer.from(JSON.stringify({ name: "Zoë Ångström 日本" }), "utf8");
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), json]);
    const split = bytes.indexOf(Buffer.from("ë", "utf8")) + 1; // inside ë's two bytes
    await using server = await startLocalServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write(bytes.subarray(0, split), () => setTimeout(() => res.end(bytes.subarray(split)), 20));
    });
    const client = createHttpClient({ baseUrl: server.url, mode: "read-only" });
    const response = await client.request({ method: "GET", path: "/v2/members" });
    expect(response.body).toEqual({ name: "Zoë Ångström 日本" });
    await client.close();
  });

  it("replaces bytes that are not UTF-8 instead of failing, and keeps the text for the error message", async () => {
    await using server = await startLocalServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end(Buffer.from([0x3c, 0x70, 0x3e, 0xff, 0x3c]));
    });
    const client = createHttpClient({ baseUrl: server.url, mode: "read-only" });
    const response = await client.request({ method: "GET", path: "/v2/members" });
    expect(response.body).toBe("<p>\uFFFD<");
    await client.close();
  });
});
