import { describe, expect, it } from "vitest";
import { escapeMarkdown, escapeTerminal, escapeUrl } from "./escape.js";

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
