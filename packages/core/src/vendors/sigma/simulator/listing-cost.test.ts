import { describe, expect, it } from "vitest";
import type { SimRequest } from "../../../simulator/types.js";
import { type PageResult, paginate } from "./responses.js";
import { SigmaSimStore } from "./state.js";

const request = (query: Record<string, string>): SimRequest => ({
  method: "GET",
  path: "/v2/members",
  query: new URLSearchParams(query),
  headers: {},
  body: undefined,
  rawBody: "",
  params: {},
  now: 0,
});

describe("Sigma simulator listings and lookups stay linear", () => {
  it("builds a listing once: later pages read the snapshot their cursor names", () => {
    const store = new SigmaSimStore();
    const items = Array.from({ length: 2500 }, (_, i) => i);
    let built = 0;
    const list = () => {
      built += 1;
      return items;
    };
    const seen: number[] = [];
    let page: string | null = null;
    do {
      const result: PageResult<number> = paginate(
        store,
        request({ limit: "1000", ...(page === null ? {} : { page }) }),
        list,
      );
      if (result.kind !== "page") throw new Error(result.kind);
      seen.push(...result.entries);
      page = result.nextPage;
    } while (page !== null);
    expect(seen).toEqual(items);
    expect(built).toBe(1);
  });

  it("finds members by address through the index, before and after an address change", () => {
    const store = new SigmaSimStore({ members: [{ email: "Ada@Acme.test" }] });
    const ada = store.findMemberByEmail("ada@acme.test");
    expect(ada?.email).toBe("Ada@Acme.test");
    if (ada === undefined) return;
    const previous = ada.email;
    ada.email = "ada.lovelace@acme.test";
    store.reindexEmail(ada, previous);
    expect(store.findMemberByEmail("ADA.LOVELACE@acme.test")?.memberId).toBe(ada.memberId);
    expect(store.findMemberByEmail("ada@acme.test")).toBeUndefined();
  });
});
