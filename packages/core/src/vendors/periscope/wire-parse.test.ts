import { describe, expect, it } from "vitest";
import { parseGroup, parseUser, readNextPageStart, readRef, unwrapList, unwrapSingle } from "./wire-parse.js";
import { PERISCOPE_ASSUMPTIONS, periscopeAssumptions } from "./wire-types.js";

describe("unwrapList (ASSUMPTION LIST_SHAPE)", () => {
  it("accepts the wrapped list, a bare array and a data envelope", () => {
    expect(unwrapList({ users: [1, 2] }, "users")).toEqual([1, 2]);
    expect(unwrapList([3], "users")).toEqual([3]);
    expect(unwrapList({ data: [4] }, "users")).toEqual([4]);
    expect(unwrapList({ data: { users: [5] } }, "users")).toEqual([5]);
  });

  it("fails loudly instead of reading an unknown shape as an empty list", () => {
    expect(() => unwrapList({ people: [] }, "users")).toThrow(/unexpected users list.*keys people/);
    expect(() => unwrapList("oops", "users")).toThrow(expect.objectContaining({ code: "VENDOR_PROTOCOL" }));
  });
});

describe("unwrapSingle (ASSUMPTION SINGLE_SHAPE)", () => {
  it("accepts the bare object or a {user}/{data} wrapper", () => {
    expect(unwrapSingle({ user: { id: 1 } }, "user")).toEqual({ id: 1 });
    expect(unwrapSingle({ data: { id: 2 } }, "user")).toEqual({ id: 2 });
    expect(unwrapSingle({ id: 3 }, "user")).toEqual({ id: 3 });
    expect(unwrapSingle(undefined, "user")).toBeUndefined();
  });
});

describe("readRef (ASSUMPTION GROUP_REFS)", () => {
  it("reads names, numeric and string ids, and {id, name} objects", () => {
    expect(readRef("Analysts")).toEqual({ name: "Analysts" });
    expect(readRef(7)).toEqual({ id: "7", rawId: 7 });
    expect(readRef({ id: "9", name: "Editor" })).toEqual({ id: "9", rawId: "9", name: "Editor" });
    expect(readRef({})).toBeUndefined();
    expect(readRef(null)).toBeUndefined();
  });
});

describe("parseUser / parseGroup (ASSUMPTION IDS)", () => {
  it("keeps numeric and string ids as text and reads groups or roles", () => {
    const v1 = parseUser({
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
    const v2 = parseUser({ id: "u-3", email: "b@x.io", roles: [4, { id: 5, name: "Viewer" }] });
    expect(v2.id).toBe("u-3");
    expect(v2.refs).toEqual([
      { id: "4", rawId: 4 },
      { id: "5", rawId: 5, name: "Viewer" },
    ]);
    expect(parseGroup({ id: "8", name: "Finance" })).toEqual({ id: "8", rawId: "8", name: "Finance" });
  });

  it("rejects a user without id or email", () => {
    expect(() => parseUser({ email: "a@x.io" })).toThrow(/expected id and email/);
    expect(() => parseGroup({ id: 1 })).toThrow(/expected id and name/);
  });
});

describe("readNextPageStart (ASSUMPTION PAGINATION)", () => {
  it("reads the dashboards-style cursor and treats null as the last page", () => {
    expect(readNextPageStart({ next_page_start: 42 })).toBe(42);
    expect(readNextPageStart({ next_page_start: null })).toBeUndefined();
    expect(readNextPageStart([])).toBeUndefined();
  });
});

describe("periscopeAssumptions", () => {
  it("lists every assumption once, by key", () => {
    expect(periscopeAssumptions).toHaveLength(Object.keys(PERISCOPE_ASSUMPTIONS).length);
    expect(periscopeAssumptions.some((line) => line.startsWith("V1_GROUPS_REPLACE: "))).toBe(true);
    expect(periscopeAssumptions.every((line) => /^[A-Z0-9_]+: \S/.test(line))).toBe(true);
  });
});
