import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { HttpRequest } from "../../http/index.js";
import { listAll, type PeriscopeHttp } from "./client.js";

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
});
