import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { HttpRequest, HttpResponse } from "../../http/index.js";
import { listAll, type PeriscopeHttp } from "./client.js";
import { type ParsedUser, userSchema } from "./wire-schemas.js";

/**
 * A server's answer as `listAll` reads it: `body` as JSON, streamed to the reader in chunks of
 * `chunk` bytes; `delivered` counts the bytes handed over so far.
 */
function answering(
  body: unknown,
  requests: HttpRequest[] = [],
  chunk = 64 * 1024,
  onChunk: (delivered: number) => void = () => {},
) {
  const bytes = Buffer.from(JSON.stringify(body));
  const state = { delivered: 0 };
  const http: PeriscopeHttp = {
    request: async () => {
      throw new Error("a listing is read as it streams in");
    },
    requestStreamed: async <T>(request: HttpRequest, read: (body: never) => Promise<T>): Promise<HttpResponse<T>> => {
      requests.push(request);
      async function* chunks() {
        for (let from = 0; from < bytes.length; from += chunk) {
          state.delivered = Math.min(bytes.length, from + chunk);
          onChunk(state.delivered);
          yield bytes.subarray(from, from + chunk);
        }
      }
      const headers = { "content-type": "application/json" };
      return { status: 200, headers, body: await read({ status: 200, headers, chunks: chunks() } as never) };
    },
  };
  return { http, state, bytes };
}

describe("listAll", () => {
  it("reads a one-page listing of 300,000 users (more items than a call may take as arguments)", async () => {
    const users = Array.from({ length: 300_000 }, (_, i) => i);
    const requests: HttpRequest[] = [];
    const { http } = answering({ users }, requests);
    const listed = await listAll(http, "/api/v1/users", "users", z.number(), "v1.users.list");
    expect(listed).toHaveLength(300_000);
    expect(listed[299_999]).toBe(299_999);
    expect(requests).toHaveLength(1);
  });

  it("hands each item to keep once, in order, as soon as its bytes arrive, never holding the whole answer", async () => {
    const body = { users: Array.from({ length: 1_000 }, (_, i) => ({ id: i, email: `u${i}@x.io` })) };
    const { http, state, bytes } = answering(body, [], 512);
    const text = bytes.toString("utf8");
    const seen: number[] = [];
    const keep = (user: ParsedUser) => {
      const at = Number(user.id);
      seen.push(at);
      // Handed on within one chunk of the item's last byte: the answer is never held whole.
      const end = text.indexOf(`"u${at}@x.io"}`) + `"u${at}@x.io"}`.length;
      expect(state.delivered).toBeLessThanOrEqual(end + 512);
      return user.email;
    };
    const listed = await listAll(http, "/api/v1/users", "users", userSchema, "v1.users.list", undefined, keep);
    expect(seen).toEqual(Array.from({ length: 1_000 }, (_, i) => i));
    expect(listed).toEqual(Array.from({ length: 1_000 }, (_, i) => `u${i}@x.io`));
  });

  it("checks a page's envelope as it arrives, before a pending keep settles; its items wait for keep", async () => {
    const never = new Promise<(user: ParsedUser) => string>(() => {});
    await expect(
      listAll(
        answering({ users: "none" }).http,
        "/api/v2/users",
        "users",
        userSchema,
        "v2.users.list",
        undefined,
        never,
      ),
    ).rejects.toMatchObject({ code: "VENDOR_PROTOCOL", request: "GET /api/v2/users" });

    let ready: (keep: (user: ParsedUser) => string) => void = () => {};
    const later = new Promise<(user: ParsedUser) => string>((resolve) => {
      ready = resolve;
    });
    const body = { users: [{ id: 1, email: "a@x.io" }] };
    const handed: string[] = [];
    const listing = listAll(
      answering(body).http,
      "/api/v2/users",
      "users",
      userSchema,
      "v2.users.list",
      undefined,
      later,
    );
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(handed).toEqual([]);
    ready((user) => {
      handed.push(user.email);
      return user.email.toUpperCase();
    });
    expect(await listing).toEqual(["A@X.IO"]);
    expect(handed).toEqual(["a@x.io"]);
  });

  it("reads the body to its end while keep is pending (a slow group read cannot time the users out); the items wait, in order", async () => {
    const body = { users: Array.from({ length: 2_000 }, (_, i) => ({ id: i, email: `u${i}@x.io` })) };
    const { http, state, bytes } = answering(body, [], 1024);
    let ready: (keep: (user: ParsedUser) => string) => void = () => {};
    const later = new Promise<(user: ParsedUser) => string>((resolve) => {
      ready = resolve;
    });
    const handed: string[] = [];
    const listing = listAll(http, "/api/v1/users", "users", userSchema, "v1.users.list", undefined, later);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(state.delivered).toBe(bytes.length);
    expect(handed).toEqual([]);
    ready((user) => {
      handed.push(user.email);
      return user.email;
    });
    const emails = Array.from({ length: 2_000 }, (_, i) => `u${i}@x.io`);
    expect(await listing).toEqual(emails);
    expect(handed).toEqual(emails);
  });

  it("keeps the items in order when keep settles while the body streams in", async () => {
    const body = { users: Array.from({ length: 3_000 }, (_, i) => ({ id: i, email: `u${i}@x.io` })) };
    let settle: () => void = () => {};
    const keep = new Promise<(user: ParsedUser) => string>((resolve) => {
      settle = () => resolve((user) => user.email);
    });
    let settledAt = 0;
    const { http, bytes } = answering(body, [], 256, (delivered) => {
      if (settledAt === 0 && delivered > bytes.length / 2) {
        settledAt = delivered;
        settle();
      }
    });
    const listing = listAll(http, "/api/v1/users", "users", userSchema, "v1.users.list", undefined, keep);
    expect(await listing).toEqual(Array.from({ length: 3_000 }, (_, i) => `u${i}@x.io`));
    expect(settledAt).toBeLessThan(bytes.length);
  });
});
