import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createListingSplitter, MalformedJsonError, TwoListsError } from "./json-listing-splitter.js";

const USERS_AT = [[], ["users"], ["data"], ["data", "users"]] as const;

/** Feeds `bytes` cut at `cuts`; the items and what `end()` gave back. */
function split(bytes: Uint8Array, cuts: readonly number[] = []) {
  const items: unknown[] = [];
  const firsts: number[] = [];
  const splitter = createListingSplitter({
    listAt: USERS_AT,
    onItems: (run, first) => {
      expect(first).toBe(items.length);
      firsts.push(first);
      for (const item of run) items.push(item);
    },
  });
  let from = 0;
  for (const cut of [...new Set(cuts)].sort((a, b) => a - b)) {
    splitter.push(bytes.subarray(from, cut));
    from = cut;
  }
  splitter.push(bytes.subarray(from));
  return { items, runs: firsts.length, ...splitter.end() };
}

const utf8 = (text: string) => Buffer.from(text, "utf8");

/** Puts the items back where the list was: what JSON.parse reads from the whole body. */
function rebuild(envelope: unknown, at: readonly string[] | undefined, items: unknown[]): unknown {
  if (at === undefined) return envelope;
  if (at.length === 0) return items;
  const copy = structuredClone(envelope) as Record<string, unknown>;
  let holder = copy;
  for (const key of at.slice(0, -1)) holder = holder[key] as Record<string, unknown>;
  holder[at.at(-1) as string] = items;
  return copy;
}

const item = fc.jsonValue({ maxDepth: 3, stringUnit: "binary" });
const envelopeKey = fc
  .string({ unit: "binary", maxLength: 8 })
  .filter((key) => !["users", "data", "__proto__"].includes(key));
const envelopeMembers = fc.dictionary(envelopeKey, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 });

/** A listing in one of the shapes Periscope's `listShapes` accepts, with the path of its list. */
const listing = fc
  .record({
    items: fc.array(item, { maxLength: 30 }),
    shape: fc.constantFrom(0, 1, 2, 3),
    before: envelopeMembers,
    after: envelopeMembers,
    indent: fc.constantFrom(0, 1, 2, "\t"),
  })
  .map(({ items, shape, before, after, indent }) => {
    const at = USERS_AT[shape] as readonly string[];
    let body: unknown = items;
    if (shape === 1) body = { ...before, users: items, ...after };
    if (shape === 2) body = { ...before, data: items, ...after };
    if (shape === 3) body = { ...before, data: { ...after, users: items } };
    return { at, text: JSON.stringify(body, null, indent) };
  });

const cutsIn = (length: number) => fc.array(fc.integer({ min: 0, max: length }), { maxLength: 12 });

describe("createListingSplitter", () => {
  it("gives the items and the envelope JSON.parse reads, wherever the chunks are cut (property)", () => {
    fc.assert(
      fc.property(
        listing.chain((case_) => fc.tuple(fc.constant(case_), cutsIn(utf8(case_.text).length))),
        ([{ at, text }, cuts]) => {
          const result = split(utf8(text), cuts);
          const parsed = JSON.parse(text) as unknown;
          const list = at.reduce((holder, key) => (holder as Record<string, unknown>)[key], parsed);
          expect(result.at).toEqual(at);
          expect(result.items).toEqual(list);
          expect(rebuild(result.envelope, result.at, result.items)).toEqual(parsed);
        },
      ),
      { numRuns: 400 },
    );
  });

  it("rejects what JSON.parse rejects and accepts what it accepts, after a stray byte or a cut (property)", () => {
    const stray = fc.constantFrom(...'{}[],:"\\ 0a-.e\u00e9'.split(""));
    fc.assert(
      fc.property(
        listing.chain((case_) => {
          const length = utf8(case_.text).length;
          return fc.tuple(
            fc.constant(case_),
            fc.oneof(
              fc.record({ insert: stray, at: fc.integer({ min: 0, max: length }) }),
              fc.record({ truncate: fc.integer({ min: 0, max: Math.max(0, length - 1) }) }),
            ),
            cutsIn(length + 2),
          );
        }),
        ([{ text }, change, cuts]) => {
          const bytes = utf8(text);
          const changed =
            "truncate" in change
              ? bytes.subarray(0, change.truncate)
              : Buffer.concat([bytes.subarray(0, change.at), utf8(change.insert), bytes.subarray(change.at)]);
          const whole = changed.toString("utf8");
          let expected: unknown;
          let parsed = true;
          try {
            expected = JSON.parse(whole);
          } catch {
            parsed = false;
          }
          const kept = cuts.filter((cut) => cut <= changed.length);
          if (!parsed || whole.trim() === "") {
            expect(() => split(changed, kept)).toThrow(MalformedJsonError);
            return;
          }
          let result: ReturnType<typeof split>;
          try {
            result = split(changed, kept);
          } catch (error) {
            // Well formed but naming the list twice: refused rather than read two ways.
            expect(error).toBeInstanceOf(TwoListsError);
            return;
          }
          expect(rebuild(result.envelope, result.at, result.items)).toEqual(expected);
        },
      ),
      { numRuns: 600 },
    );
  });

  it("keeps strings, escapes and multi-byte characters whole when every byte is its own chunk", () => {
    const users = [
      { email: 'q"uote@x.io', name: "back\\slash\\", note: "\u00e9t\u00e9 \u{1f600} \u4e2d" },
      { email: 'esc\\"aped@x.io', name: "\\u0041 literal", note: '],}{[,":' },
      { email: "\u00e9@x.io", name: "\ud83d\ude00", note: "\n\t\u0000" },
    ];
    const text = JSON.stringify({ users, next_page_start: "c\u00e9" }).replace("\\u0000", "\\u0000 ".trim());
    const bytes = utf8(text);
    const every = Array.from({ length: bytes.length }, (_, i) => i);
    const result = split(bytes, every);
    expect(result.items).toEqual(users);
    expect(result.envelope).toEqual({ users: [], next_page_start: "c\u00e9" });
    expect(result.at).toEqual(["users"]);
    expect(result.bytes).toBe(bytes.length);
  });

  it("hands items on while the body streams in, a run per chunk, never the whole list at once", () => {
    const users = Array.from({ length: 1_000 }, (_, i) => ({ id: i, email: `u${i}@x.io` }));
    const bytes = utf8(JSON.stringify({ users }));
    const seen: number[] = [];
    const splitter = createListingSplitter({
      listAt: USERS_AT,
      onItems: (run) => seen.push(run.length),
    });
    for (let from = 0; from < bytes.length; from += 1024) {
      const before = seen.length;
      splitter.push(bytes.subarray(from, from + 1024));
      if (from + 1024 < bytes.length) expect(seen.length).toBe(before + 1);
    }
    expect(splitter.end().count).toBe(1_000);
    expect(Math.max(...seen)).toBeLessThan(50);
  });

  it("skips a leading byte order mark and replaces invalid UTF-8 as undici's text() does", () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const bad = Buffer.concat([utf8('[{"email":"a'), Buffer.from([0xe2, 0x82]), utf8('@x.io"},"\u20ac"]')]);
    const result = split(Buffer.concat([bom, bad]), [2, 13, 14, 15]);
    expect(result.items).toEqual(JSON.parse(bad.toString("utf8")));
    expect(result.items[0]).toEqual({ email: "a\ufffd@x.io" });
    expect(result.items[1]).toBe("\u20ac");
    // A byte order mark anywhere else is not JSON whitespace.
    expect(() => split(Buffer.concat([utf8("["), bom, utf8("1]")]))).toThrow(MalformedJsonError);
  });

  it("reads an envelope with no list whole, and a key named __proto__ as JSON.parse does", () => {
    expect(split(utf8('{"users": "none", "x": [1]}'))).toMatchObject({
      envelope: { users: "none", x: [1] },
      at: undefined,
    });
    expect(split(utf8("42")).envelope).toBe(42);
    const result = split(utf8('{"__proto__": {"a": 1}, "users": []}'));
    expect(Object.getPrototypeOf(result.envelope)).toBe(Object.prototype);
    expect(Object.keys(result.envelope as object)).toEqual(["__proto__", "users"]);
  });

  it.each([
    ["an unterminated string", '{"users": [{"email": "a@x.io}]}'],
    ["an unterminated list", '{"users": [{"email": "a@x.io"}'],
    ["a trailing comma", '{"users": [1, 2,]}'],
    ["an empty item", '{"users": [1,, 2]}'],
    ["a leading comma", "[, 1]"],
    ["trailing garbage", '{"users": []} x'],
    ["a second value", "[1] [2]"],
    ["an unexpected }", '{"users": [1}]'],
    ["two items without a comma", '[{"a": 1} {"b": 2}]'],
    ["a missing colon", '{"users" []}'],
    ["a truncated envelope", '{"users": [], "next_page_start": 4'],
    ["an empty body", ""],
  ])("rejects %s", (_name, text) => {
    expect(() => JSON.parse(text)).toThrow();
    for (const cuts of [[], [1], [Math.floor(text.length / 2)]]) {
      expect(() => split(utf8(text), cuts)).toThrow(MalformedJsonError);
    }
  });

  it("refuses a body that names the list's key twice, whose items could be read two ways", () => {
    expect(() => split(utf8('{"users": [1], "users": [2]}'))).toThrow(TwoListsError);
    expect(() => split(utf8('{"data": {"users": [1]}, "data": 2}'))).toThrow(TwoListsError);
  });
});
