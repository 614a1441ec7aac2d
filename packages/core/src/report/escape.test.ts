import { describe, expect, it } from "vitest";
import {
  CELL_MAX_CHARS,
  cutText,
  escapeMarkdown,
  escapeTerminal,
  escapeUrl,
  MESSAGE_MAX_CHARS,
  TEXT_MAX_CHARS,
} from "./escape.js";

describe("escapeMarkdown", () => {
  it("turns HTML, table pipes, code, emphasis, links and math into plain characters", () => {
    expect(escapeMarkdown("<b>a|b</b> `c` *d* _e_ ~f~ [g](h) $i$ \\ &amp;")).toBe(
      "&lt;b&gt;a&#124;b&lt;/b&gt; &#96;c&#96; &#42;d&#42; &#95;e&#95; &#126;f&#126; &#91;g&#93;(h) &#36;i&#36; &#92; &amp;amp;",
    );
  });

  it("neutralises mentions and references but leaves email addresses readable", () => {
    expect(escapeMarkdown("@octocat @org/team ann@example.com")).toBe("@\u200boctocat @\u200borg/team ann@example.com");
    expect(escapeMarkdown("fixes #12, GH-7 and acme/repo#3")).toBe("fixes #\u200b12, GH\u200b-7 and acme/repo#\u200b3");
  });

  it("keeps one line and drops control and bidi characters", () => {
    expect(escapeMarkdown("a\r\nb\tc\u0007d\u202ee")).toBe("a b cde");
  });

  it("stops bare URLs from becoming links", () => {
    expect(escapeMarkdown("https://evil.example www.evil.example")).toBe(
      "https&#58;//evil.example www&#46;evil.example",
    );
  });
});

describe("escapeUrl", () => {
  it("encodes characters that would end a markdown link or table cell", () => {
    expect(escapeUrl("https://x/a b(c)|d")).toBe("https://x/a%20b%28c%29%7Cd");
  });
});

describe("escapeTerminal", () => {
  it("shows ANSI escapes instead of sending them to the terminal", () => {
    expect(escapeTerminal("a\u001b[2Jb\nc")).toBe("a\\x1b[2Jb c");
  });
});

describe("cutText", () => {
  it("keeps short text as it is", () => {
    expect(cutText("a".repeat(CELL_MAX_CHARS))).toBe("a".repeat(CELL_MAX_CHARS));
  });

  it("cuts a long value to its start and end with a marker saying how much was cut", () => {
    const long = `${"x".repeat(1_000_000)}\` is not a valid email: missing @`;
    const cut = cutText(long, MESSAGE_MAX_CHARS);
    expect(cut.length).toBeLessThan(MESSAGE_MAX_CHARS + 40);
    expect(cut).toMatch(/^x+…\[\d{3},\d{3} characters cut\]…x+` is not a valid email: missing @$/);
  });

  it("never splits a surrogate pair", () => {
    const cut = cutText("😀".repeat(300), 200);
    expect(cut).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
  });

  it("bounds what both escapers return", () => {
    const huge = "a".repeat(10_000_000);
    expect(escapeMarkdown(huge).length).toBeLessThan(TEXT_MAX_CHARS + 50);
    expect(escapeTerminal(huge).length).toBeLessThan(TEXT_MAX_CHARS + 50);
  });
});
