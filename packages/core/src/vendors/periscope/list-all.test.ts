import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { HttpRequest } from "../../http/index.js";
import { listAll, type PeriscopeHttp } from "./client.js";
import { type ParsedUser, userSchema } from "./wire-schemas.js";

describe("listAll", () => {
  it("reads a one-page listing of 300,000 users (more items than a call may take as arguments)", async () => {
    const users = Array.from({ length: 300_000 }, (_, i) => i);
    const requests: HttpRequest[] = [];
    const http: PeriscopeHttp = {
      request: async <T>(request: HttpRequest) => {
        requests.push(request);
        return { status: 200, headers: {}, body: { users } as T };
      },
    };
    const listed = await listAll(http, "/api/v1/users", "users", z.number(), "v1.users.list");
    expect(listed).toHaveLength(300_000);
    expect(listed[299_999]).toBe(299_999);
    expect(requests).toHaveLength(1);
  });

  it("hands each item to keep once, in order, letting go of each raw item as soon as it is kept", async () => {
    const body = { users: Array.from({ length: 1_000 }, (_, i) => ({ id: i, email: `u${i}@x.io` })) };
    const http: PeriscopeHttp = { request: async <T>() => ({ status: 200, headers: {}, body: body as T }) };
    const seen: number[] = [];
    const keep = (user: ParsedUser) => {
      const at = Number(user.id);
      seen.push(at);
      // What was kept before is gone from the answer; what is still to come is there.
      expect(body.users.slice(0, at).every((slot) => slot === undefined)).toBe(true);
      expect(body.users.slice(at).every((slot) => slot !== undefined)).toBe(true);
      return user.email;
    };
    const listed = await listAll(http, "/api/v1/users", "users", userSchema, "v1.users.list", undefined, keep);
    expect(seen).toEqual(Array.from({ length: 1_000 }, (_, i) => i));
    expect(listed).toEqual(Array.from({ length: 1_000 }, (_, i) => `u${i}@x.io`));
    expect(body.users.every((slot) => slot === undefined)).toBe(true);
  });

  it("checks a page's envelope as it arrives, before a pending keep settles; its items wait for keep", async () => {
    const answer = (body: unknown): PeriscopeHttp => ({
      request: async <T>() => ({ status: 200, headers: {}, body: body as T }),
    });
    const never = new Promise<(user: ParsedUser) => string>(() => {});
    await expect(
      listAll(answer({ users: "none" }), "/api/v2/users", "users", userSchema, "v2.users.list", undefined, never),
    ).rejects.toMatchObject({ code: "VENDOR_PROTOCOL", request: "GET /api/v2/users" });

    let ready: (keep: (user: ParsedUser) => string) => void = () => {};
    const later = new Promise<(user: ParsedUser) => string>((resolve) => {
      ready = resolve;
    });
    const body = { users: [{ id: 1, email: "a@x.io" }] };
    const listing = listAll(answer(body), "/api/v2/users", "users", userSchema, "v2.users.list", undefined, later);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(body.users[0]).toBeDefined();
    ready((user) => user.email.toUpperCase());
    expect(await listing).toEqual(["A@X.IO"]);
  });
});
