import { describe, expect, it } from "vitest";
import { SharedGroupLists } from "./shared-group-lists.js";

describe("SharedGroupLists", () => {
  it("gives equal lists one frozen array and keeps different lists apart", () => {
    const lists = new SharedGroupLists();
    const first = lists.share(["Sales", "Ops"]);
    expect(lists.share(["Sales", "Ops"])).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(lists.share(["Ops", "Sales"])).toEqual(["Ops", "Sales"]);
    expect(lists.share(["Ops", "Sales"])).not.toBe(first);
    expect(lists.share([])).toEqual([]);
  });

  it("never shares a list whose key collides with a different one (a name holding the separator)", () => {
    const lists = new SharedGroupLists();
    const joined = lists.share(["a\nb"]);
    const split = lists.share(["a", "b"]);
    expect(joined).toEqual(["a\nb"]);
    expect(split).toEqual(["a", "b"]);
    expect(lists.share(["a\nb"])).toBe(joined);
  });

  it("copies the list it is given, so a caller's later push cannot change a shared list", () => {
    const lists = new SharedGroupLists();
    const mine = ["Sales"];
    const shared = lists.share(mine);
    mine.push("Ops");
    expect(shared).toEqual(["Sales"]);
  });
});
