/**
 * The one place text from users.csv, a vendor, another bot or GitHub becomes report text. Every
 * report that reaches a reader goes through one of two escapers here: `escapeMarkdown` for
 * Markdown (pull request comments, job summaries) and `escapeTerminal` for plain text (log lines,
 * annotations, the CLI). Both cut what they are given to a bounded length first, so a
 * 200 MB one-line users.csv cannot become a 200 MB annotation (escape.test.ts, "cutText").
 *
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

/** How much of one quoted value (a cell, a vendor message) a report shows. */
export const CELL_MAX_CHARS = 200;
/** How much of one diagnostic message (which quotes a cell) a report shows. */
export const MESSAGE_MAX_CHARS = 400;
/**
 * The backstop for any one text handed to an escaper: a composed line (a user's group list, a
 * message) is still readable, and nothing unbounded reaches GitHub or a terminal.
 */
export const TEXT_MAX_CHARS = 4_000;

/**
 * Cuts `text` to at most about `max` characters, keeping its start and its end (a message that
 * quotes a long cell keeps the reason that follows the cell) with a marker saying how much was
 * cut. Never splits a surrogate pair. Cut cells, never rows: callers cut each value, not lists.
 */
export function cutText(text: string, max: number = CELL_MAX_CHARS): string {
  if (text.length <= max) return text;
  const tailLength = Math.floor(max * 0.3);
  let head = text.slice(0, max - tailLength);
  let tail = text.slice(text.length - tailLength);
  if (/[\ud800-\udbff]$/.test(head)) head = head.slice(0, -1);
  if (/^[\udc00-\udfff]/.test(tail)) tail = tail.slice(1);
  const cut = text.length - head.length - tail.length;
  return `${head}…[${cut.toLocaleString("en-US")} characters cut]…${tail}`;
}

export function escapeMarkdown(text: string, max: number = TEXT_MAX_CHARS): string {
  // A line break would end a table row or a list item.
  return (
    replaceControls(cutText(text, max).replace(/[\r\n\t]+/g, " "), () => "")
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
export function escapeTerminal(text: string, max: number = TEXT_MAX_CHARS): string {
  const shown = replaceControls(
    cutText(text, max).replace(/[\r\n]+/g, " "),
    (char) => `\\x${char.charCodeAt(0).toString(16).padStart(2, "0")}`,
    (code) => code === 0x09,
  );
  return shown.replace(BIDI, "");
}
