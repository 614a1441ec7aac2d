import { describe, expect, it } from "vitest";
import { LineIndex } from "./line-index.js";
import { firstInvalidByte, Utf8Check } from "./utf8.js";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("LineIndex", () => {
  it("counts LF, CRLF and lone CR as one break each, across chunk edges", () => {
    const index = new LineIndex();
    index.add(bytes("a\r"));
    index.add(bytes("\nb\rc\n"));
    index.add(bytes("d\r"));
    index.finish();
    // a=0 \r=1 \n=2 b=3 \r=4 c=5 \n=6 d=7 \r=8
    expect([0, 2, 3, 4, 5, 6, 7, 8].map((o) => index.lineAt(o))).toEqual([1, 1, 2, 2, 3, 3, 4, 4]);
    expect(index.lineAt(9)).toBe(5);
  });

  it("answers the same after forgetting consumed lines", () => {
    const index = new LineIndex();
    index.add(bytes("x\n".repeat(20_000)));
    index.forgetBefore(30_000);
    expect(index.lineAt(30_000)).toBe(15_001);
    expect(index.lineAt(39_999)).toBe(20_000);
  });
});

describe("Utf8Check", () => {
  it("accepts a character split across chunks", () => {
    const check = new Utf8Check();
    const euro = bytes("a€b");
    expect(check.add(euro.subarray(0, 2))).toBeUndefined();
    expect(check.add(euro.subarray(2))).toBeUndefined();
    expect(check.finish()).toBeUndefined();
  });

  it("finds the offset of the first invalid byte, even when its sequence began in the previous chunk", () => {
    const check = new Utf8Check();
    expect(check.add(bytes("ab\xe2".slice(0, 2)))).toBeUndefined();
    expect(check.add(new Uint8Array([0xe2, 0x82]))).toBeUndefined();
    expect(check.add(new Uint8Array([0x41]))).toBe(2);
  });

  it("reports a character cut off by the end of the input", () => {
    const check = new Utf8Check();
    check.add(new Uint8Array([0x41, 0xc3]));
    expect(check.finish()).toBe(1);
  });

  it("rejects Windows-1252 bytes, overlong forms and surrogates", () => {
    expect(firstInvalidByte(new Uint8Array([0x4a, 0x6f, 0x73, 0xe9, 0x2c]))).toBe(3);
    expect(firstInvalidByte(new Uint8Array([0xc0, 0xaf]))).toBe(0);
    expect(firstInvalidByte(new Uint8Array([0xed, 0xa0, 0x80]))).toBe(0);
    expect(firstInvalidByte(bytes("héllo €"))).toBe(-1);
  });
});
