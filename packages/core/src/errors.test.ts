import { describe, expect, it } from "vitest";
import { shownValue } from "./errors.js";

describe("shownValue", () => {
  it("shows short values, URLs and addresses whole, quoted", () => {
    expect(shownValue("maybe")).toBe('"maybe"');
    expect(shownValue("action=10/60x")).toBe('"action=10/60x"');
    expect(shownValue("htps://acme.sigmacomputing.com")).toBe('"htps://acme.sigmacomputing.com"');
    expect(shownValue("ABC123DEF456@AdobeOrg")).toBe('"ABC123DEF456@AdobeOrg"');
  });

  it("shows a long opaque value, which may be a secret in the wrong variable, only by its start and length", () => {
    const secret = "p8e-Zq3rT7vW9yB1nM4kL6hJ8gF0dS2a";
    const shown = shownValue(secret);
    expect(shown).toBe(`"p8e-…" (${secret.length} characters)`);
    expect(shown).not.toContain(secret.slice(4, 12));
  });
});
