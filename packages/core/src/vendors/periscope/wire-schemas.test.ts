import { describe, expect, it } from "vitest";
import type { z } from "zod";
import type { WireRequest } from "../../http/wire-schema.js";
import {
  checkWriteAnswer,
  groupSchema,
  type ListPage,
  openListPage,
  parseSingle,
  refSchema,
  userSchema,
} from "./wire-schemas.js";
import { PERISCOPE_ASSUMPTIONS, periscopeAssumptions } from "./wire-types.js";

const list = { method: "GET", path: "/api/v1/users" };

/** One page as the listing reads it (client.ts `listAll`): the envelope, then each item. */
function parseListPage<T>(request: WireRequest, body: unknown, key: string, item: z.ZodType<T>): ListPage<T> {
  const page = openListPage(request, body, key);
  const items: T[] = [];
  page.each(item, (entry) => items.push(entry));
  return { items, next: page.next, claimed: page.claimed };
}

describe("parseListPage (ASSUMPTION LIST_SHAPE, PAGINATION)", () => {
  it("accepts the wrapped list, a bare array and a data envelope", () => {
    const ids = (body: unknown) => parseListPage(list, body, "users", groupSchema).items.map((g) => g.id);
    const g = (id: number) => ({ id, name: `G${id}` });
    expect(ids({ users: [g(1), g(2)] })).toEqual(["1", "2"]);
    expect(ids([g(3)])).toEqual(["3"]);
    expect(ids({ data: [g(4)] })).toEqual(["4"]);
    expect(ids({ data: { users: [g(5)] } })).toEqual(["5"]);
  });

  it("reads the dashboards-style cursor and treats null as the last page", () => {
    expect(parseListPage(list, { users: [], next_page_start: 42 }, "users", groupSchema).next).toBe(42);
    expect(parseListPage(list, { users: [], next_page_start: null }, "users", groupSchema).next).toBeUndefined();
  });

  it("fails loudly, naming the request, instead of reading an unknown shape as an empty list", () => {
    expect(() => parseListPage(list, { people: [] }, "users", groupSchema)).toThrow(
      /Periscope answered GET \/api\/v1\/users with a JSON object with keys people/,
    );
    for (const body of ["<html>oops</html>", undefined, "", '{"users": [', { users: "none" }]) {
      expect(() => parseListPage(list, body, "users", groupSchema)).toThrow(
        expect.objectContaining({ code: "VENDOR_PROTOCOL", request: "GET /api/v1/users" }),
      );
    }
  });

  it("names a bad item's place in a large page, in each shape, before items_this_page", () => {
    const users = () => {
      const all: unknown[] = Array.from({ length: 50_000 }, (_, i) => ({ id: i, email: `u${i}@x.io` }));
      all[41_234] = { id: 41_234, email: "" };
      return all;
    };
    const tooSmall = "email: Too small: expected string to have >=1 characters)";
    const cases: [unknown, string][] = [
      [{ users: users(), items_this_page: 7 }, `(users.41234.${tooSmall}`],
      [users(), `(41234.${tooSmall}`],
      [{ data: users() }, `(data.41234.${tooSmall}`],
      [{ data: { users: users() } }, `(data.users.41234.${tooSmall}`],
    ];
    for (const [body, named] of cases) {
      expect(() => parseListPage(list, body, "users", userSchema)).toThrow(named);
    }
  });

  it("checks items_this_page against the page", () => {
    expect(() => parseListPage(list, { users: [], items_this_page: 3 }, "users", groupSchema)).toThrow(
      /items_this_page says 3, the page holds 0/,
    );
  });
});

describe("parseSingle (ASSUMPTION SINGLE_SHAPE)", () => {
  it("accepts the bare object or a {user}/{data} wrapper", () => {
    const one = (body: unknown) => parseSingle(list, body, "group", groupSchema).id;
    expect(one({ group: { id: 1, name: "A" } })).toBe("1");
    expect(one({ data: { id: 2, name: "B" } })).toBe("2");
    expect(one({ id: 3, name: "C" })).toBe("3");
    expect(() => parseSingle(list, undefined, "group", groupSchema)).toThrow(/empty body/);
  });
});

describe("refSchema (ASSUMPTION GROUP_REFS)", () => {
  it("reads names, numeric and string ids, and {id, name} objects; refuses anything else", () => {
    expect(refSchema.parse("Analysts")).toEqual({ name: "Analysts" });
    expect(refSchema.parse(7)).toEqual({ id: "7", rawId: 7 });
    expect(refSchema.parse({ id: "9", name: "Editor" })).toEqual({ id: "9", rawId: "9", name: "Editor" });
    expect(refSchema.safeParse({}).success).toBe(false);
    expect(refSchema.safeParse(null).success).toBe(false);
  });
});

describe("userSchema / groupSchema (ASSUMPTION IDS)", () => {
  it("keeps numeric and string ids as text and reads groups or roles", () => {
    const v1 = userSchema.parse({
      id: 12,
      email: "a@x.io",
      first_name: "A",
      last_name: null,
      groups: ["G"],
      status: "active",
    });
    expect(v1).toEqual({
      id: "12",
      rawId: 12,
      email: "a@x.io",
      firstName: "A",
      refs: [{ name: "G" }],
      status: "active",
    });
    const v2 = userSchema.parse({ id: "u-3", email: "b@x.io", roles: [4, { id: 5, name: "Viewer" }] });
    expect(v2.id).toBe("u-3");
    expect(v2.refs).toEqual([
      { id: "4", rawId: 4 },
      { id: "5", rawId: 5, name: "Viewer" },
    ]);
    expect(groupSchema.parse({ id: "8", name: "Finance" })).toEqual({ id: "8", rawId: "8", name: "Finance" });
  });

  it("reads null names, status and lists as absent and empty", () => {
    const user = userSchema.parse({
      id: 7,
      email: "c@x.io",
      first_name: null,
      last_name: null,
      groups: null,
      roles: null,
      status: null,
    });
    expect(user).toEqual({ id: "7", rawId: 7, email: "c@x.io", refs: [] });
    expect(userSchema.safeParse({ id: 7, email: "c@x.io", first_name: 3 }).success).toBe(false);
    expect(userSchema.safeParse({ id: 7, email: "c@x.io", groups: "G" }).success).toBe(false);
  });

  it("rejects a user without id or email and a group without a name", () => {
    expect(userSchema.safeParse({ email: "a@x.io" }).success).toBe(false);
    expect(groupSchema.safeParse({ id: 1 }).success).toBe(false);
  });
});

describe("checkWriteAnswer", () => {
  const write = { method: "POST", path: "/api/v1/users" };
  it("accepts JSON after 200/201 and nothing after 204; refuses HTML, text and an empty 200", () => {
    expect(() => checkWriteAnswer(write, 201, { user: {} })).not.toThrow();
    expect(() => checkWriteAnswer(write, 204, undefined)).not.toThrow();
    for (const body of [undefined, "<html></html>", '{"user": {"id"']) {
      expect(() => checkWriteAnswer(write, 200, body)).toThrow(expect.objectContaining({ code: "VENDOR_PROTOCOL" }));
    }
  });
});

describe("periscopeAssumptions", () => {
  it("lists every assumption once, by key", () => {
    expect(periscopeAssumptions).toHaveLength(Object.keys(PERISCOPE_ASSUMPTIONS).length);
    expect(periscopeAssumptions.some((line) => line.startsWith("V1_GROUPS_REPLACE: "))).toBe(true);
    expect(periscopeAssumptions.every((line) => /^[A-Z0-9_]+: \S/.test(line))).toBe(true);
  });
});
