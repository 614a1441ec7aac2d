/**
 * Text from users.csv or a vendor is data, never markup. In a GitHub comment a display name like
 * `<img src=x> | @octocat #1` must render as those characters: no HTML, no broken table, no
 * notification, no cross-reference (docs/plan-in-pr.md#where-reports-go).
 */
const ENTITIES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  "|": "&#124;",
  "`": "&#96;",
  "*": "&#42;",
  _: "&#95;",
  "~": "&#126;",
  "[": "&#91;",
  "]": "&#93;",
  "\\": "&#92;",
  // GitHub renders $...$ as math.
  $: "&#36;",
};

// Bidirectional overrides can make a name read differently from what it is ("trojan source").
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;
/** Replaces C0/C1 control characters (except those `keep` allows); a loop, not a regex, to keep them out of the source. */
function replaceControls(
  text: string,
  replace: (char: string) => string,
  keep: (code: number) => boolean = () => false,
): string {
  let out = "";
  for (const char of text) {
    const code = char.charCodeAt(0);
    const control = code < 0x20 || (code >= 0x7f && code <= 0x9f);
    out += control && !keep(code) ? replace(char) : char;
  }
  return out;
}

export function escapeMarkdown(text: string): string {
  // A line break would end a table row or a list item.
  return (
    replaceControls(text.replace(/[\r\n\t]+/g, " "), () => "")
      .replace(BIDI, "")
      .replace(/[&<>|`*_~[\]\\$]/g, (char) => ENTITIES[char] ?? char)
      // @mention: GitHub links `@name` unless a word character precedes it (so emails stay as they are).
      .replace(/(?<![A-Za-z0-9])@/g, "@\u200b")
      // Issue references: #123, GH-123.
      // (`&#` is one of the entities above: raw `&` was already encoded as `&amp;`.)
      .replace(/(?<!&)#(?=\d)/g, "#\u200b")
      .replace(/\bGH-(?=\d)/gi, (match) => `${match.slice(0, 2)}\u200b-`)
      // Bare URLs would be autolinked.
      .replace(/:\/\//g, "&#58;//")
      .replace(/\bwww\./gi, (match) => `${match.slice(0, 3)}&#46;`)
  );
}

/** A URL inside `[text](url)` in a table: characters that would end the link or the cell are encoded. */
export function escapeUrl(url: string): string {
  return url.replace(
    /[\s()<>|"`\\[\]]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`,
  );
}

/**
 * For a terminal: control characters (ANSI escape sequences could rewrite the screen or the
 * title) are shown as `\xNN`, line breaks inside a value as spaces.
 */
export function escapeTerminal(text: string): string {
  const shown = replaceControls(
    text.replace(/[\r\n]+/g, " "),
    (char) => `\\x${char.charCodeAt(0).toString(16).padStart(2, "0")}`,
    (code) => code === 0x09,
  );
  return shown.replace(BIDI, "");
}
