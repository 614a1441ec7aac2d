import { describe, expect, it } from "vitest";
import { createRedactor, redactUrl, redactValue } from "./redact.js";

describe("createRedactor", () => {
  const redact = createRedactor(["client-id-123", "p@ss w/rd+secret"]);

  it("replaces a secret and its URL-encoded and base64 forms", () => {
    const secret = "p@ss w/rd+secret";
    expect(redact(`x ${secret} y`)).toBe("x [REDACTED] y");
    expect(redact(encodeURIComponent(secret))).toBe("[REDACTED]");
    expect(redact(new URLSearchParams({ s: secret }).toString())).toBe("s=[REDACTED]");
    expect(redact(Buffer.from(secret).toString("base64"))).toBe("[REDACTED]");
  });

  it("replaces the Basic form of an id:secret pair", () => {
    const basic = Buffer.from("client-id-123:p@ss w/rd+secret").toString("base64");
    expect(redact(`got ${basic}!`)).toBe("got [REDACTED]!");
  });

  it("replaces credentials by shape even when the value is unknown", () => {
    expect(redact("Authorization: Bearer abc.def-ghi")).toBe("Authorization: Bearer [REDACTED]");
    expect(redact("Basic dXNlcjpwYXNz")).toBe("Basic [REDACTED]");
    expect(redact("grant_type=x&client_secret=zzz&a=1")).toBe("grant_type=x&client_secret=[REDACTED]&a=1");
    expect(redact('{"api_key": "k1", "apikey":"k2"}')).toBe('{"api_key": "[REDACTED]", "apikey":"[REDACTED]"}');
    expect(redact("HTTP-X-PARTNER-AUTH: site:key123")).toBe("HTTP-X-PARTNER-AUTH: [REDACTED]");
  });

  it("keeps an endpoint path that ends in a credential word, so error messages stay readable", () => {
    const redact = createRedactor([]);
    expect(redact('[POST] "http://127.0.0.1:4010/v2/auth/token": no response')).toBe(
      '[POST] "http://127.0.0.1:4010/v2/auth/token": no response',
    );
    expect(redact('{"token": "abc123xyz"}')).toBe('{"token": "[REDACTED]"}');
    expect(redact("grant_type=refresh_token&refresh_token=r3fr3sh")).toBe(
      "grant_type=refresh_token&refresh_token=[REDACTED]",
    );
  });

  it("leaves ordinary text and very short secrets alone", () => {
    const short = createRedactor(["ab"]);
    expect(short("abc tab")).toBe("abc tab");
    expect(redact("Bearer token required")).toBe("Bearer token required");
    expect(redact("404 Not Found – Member type name is not found")).toBe(
      "404 Not Found – Member type name is not found",
    );
  });
});

describe("redactValue and redactUrl", () => {
  const redact = createRedactor(["topsecret"]);

  it("redacts nested strings and secret-named keys in a body", () => {
    expect(redactValue({ a: ["x topsecret"], access_token: "abc", n: 1 }, redact)).toEqual({
      a: ["x [REDACTED]"],
      access_token: "[REDACTED]",
      n: 1,
    });
  });

  it("blanks secret query parameters and user info", () => {
    const url = new URL("https://user:pw@host/p?api_key=abc&page=2&token=t");
    expect(redactUrl(url, redact)).toBe("https://host/p?api_key=[REDACTED]&page=2&token=[REDACTED]");
  });
});
