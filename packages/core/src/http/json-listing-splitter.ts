/**
 * Splits a JSON listing body into its items while the bytes stream in, so a listing of 100,000
 * users never exists whole: not as bytes, not as one string, not as 100,000 raw objects at once.
 *
 * Why hand-written: the streaming JSON parsers on npm either build every value themselves in
 * JavaScript, token by token (@streamparser/json measured about 7 times slower than JSON.parse on a
 * 16 MB listing; stream-json 3.8 with `pick` and `streamArray` 18 to 29 times slower in CPU on a
 * 100,000-user listing), or build the whole value at the end (@discoveryjs/json-ext
 * `parseChunked`), which keeps all items at once. Here only the structure is tracked, byte by byte
 * in one tight loop (strings with their escapes, nesting depth), and each run of complete items in
 * a chunk is handed to the native JSON.parse as one small array, which also checks every item's
 * syntax: about 1.1 to 1.3 times the CPU of undici's `text()` and one JSON.parse on the same body.
 *
 * What it accepts is what JSON.parse accepts: the separators between items and in the envelope
 * around the list are checked here, the items and every envelope value by JSON.parse. Cuts fall
 * only on ASCII structural bytes (`,` `]` `"` `:`), never inside a multi-byte UTF-8 character,
 * and each piece is decoded as the whole body would be (Buffer's UTF-8 decoding, the `utf8Slice`
 * undici's `body.text()` uses: invalid bytes become U+FFFD, a leading byte order mark is skipped).
 *
 * The list streamed is the first array met at one of `listAt`'s places (`[]` for a bare array,
 * `["users"]`, `["data", "users"]`...); every other value of the envelope is parsed whole and given
 * back by `end()`, with an empty array where the list was, so the caller checks the envelope as it
 * would the whole body. A key on the list's path that repeats in its object (`{"users": [...],
 * "users": ...}`, which JSON.parse would read as its last value) is refused (`TwoListsError`), since
 * the first list's items are already handed on.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

/** The body is not JSON (cut short, a stray byte, trailing garbage); `offset` is the byte where it shows. */
export class MalformedJsonError extends Error {
  readonly offset: number;
  /** No byte at all (a byte order mark aside): what undici's `text()` reads as an empty string. */
  readonly empty: boolean;

  constructor(offset: number, detail: string, empty = false) {
    super(empty ? "an empty body" : `${detail} at byte ${offset}`);
    this.name = "MalformedJsonError";
    this.offset = offset;
    this.empty = empty;
  }
}

/** The body holds the list's key twice, so which list it means cannot be told before its items are used. */
export class TwoListsError extends Error {
  readonly path: readonly string[];

  constructor(path: readonly string[]) {
    super(`the key ${path.join(".")} appears twice on the way to the list`);
    this.name = "TwoListsError";
    this.path = path;
  }
}

export interface ListingSplitterOptions {
  /** Where the listing's array may sit: `[]` (the body itself), `["users"]`, `["data", "users"]`. */
  readonly listAt: readonly (readonly string[])[];
  /** A run of items, parsed, in order; `first` is the first one's index in the list. */
  readonly onItems: (items: unknown[], first: number) => void;
}

export interface SplitListing {
  /**
   * The body with an empty array where the streamed list was, or the whole body when no list was
   * streamed (a shape that fits no place, such as `{"users": "none"}`).
   */
  readonly envelope: unknown;
  /** Where the streamed list sat, `undefined` when none was. */
  readonly at: readonly string[] | undefined;
  /** Items handed on. */
  readonly count: number;
  /** Bytes read, the byte order mark included. */
  readonly bytes: number;
}

export interface ListingSplitter {
  /** Feeds the next bytes; hands on the items they complete. Throws MalformedJsonError. */
  push(chunk: Uint8Array): void;
  /** After the last chunk: what the envelope held. Throws MalformedJsonError when the body ended early. */
  end(): SplitListing;
}

/** An object of the envelope read member by member, because the list may sit inside it. */
interface Frame {
  readonly path: readonly string[];
  readonly object: Record<string, unknown>;
  readonly keys: Set<string>;
  /** The key whose value is being read. */
  key: string;
}

type Mode =
  | "value" // a value is expected (the body, or a member's)
  | "capture" // a value read whole
  | "list" // the streamed list
  | "first-key" // after `{`: a key or `}`
  | "key-start" // after `,` in an object: a key
  | "key" // inside a key
  | "colon" // after a key
  | "after-member" // after a member's value: `,` or `}`
  | "end"; // after the body's value: spaces only

type CaptureKind = "string" | "container" | "scalar";

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function samePath(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((part, index) => part === b[index]);
}

function isPrefix(prefix: readonly string[], path: readonly string[]): boolean {
  return prefix.length <= path.length && prefix.every((part, index) => part === path[index]);
}

function setMember(object: Record<string, unknown>, key: string, value: unknown): void {
  // As JSON.parse does: `__proto__` is an own member, and a repeated key keeps its first place.
  Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
}

/** The structure scanItems carries from one chunk to the next, and the last comma it saw. */
interface ListScan {
  depth: number;
  inString: boolean;
  escaped: boolean;
  /** The last comma at the list's own level in this chunk, -1 for none; the stray `}`'s place. */
  cut: number;
}

const UNEXPECTED_CLOSE = -2;

/**
 * The tight loop, on locals, in a function of its own so V8 optimises it whole (inlined into a
 * larger function, its OSR code deoptimised on every chunk for want of type feedback after the
 * loop): strings skipped to their closing quote with their escapes, depth counted, commas at the
 * list's own level noted. A backslash ending the chunk escapes the next one's first byte. Returns
 * where the list's `]` is, -1 when the chunk ends first, or UNEXPECTED_CLOSE (a `}` at `state.cut`).
 */
function scanItems(chunk: Uint8Array, from: number, state: ListScan): number {
  const length = chunk.length;
  let cut = -1;
  let close = -1;
  let i = from;
  let level = state.depth;
  let quoted = state.inString;
  let escaped = false;
  if (state.escaped) i++;
  outer: while (i < length) {
    if (quoted) {
      for (;;) {
        if (i >= length) break outer;
        const byte = chunk[i++] as number;
        // Lower-case letters and every byte of a multi-byte character: most of a string, one test.
        if (byte > BACKSLASH) continue;
        if (byte === QUOTE) break;
        if (byte === BACKSLASH) {
          if (i >= length) {
            escaped = true;
            break outer;
          }
          i++;
        }
      }
      quoted = false;
      continue;
    }
    const byte = chunk[i++] as number;
    if (byte === QUOTE) quoted = true;
    else if (byte === COMMA) {
      if (level === 0) cut = i - 1;
    } else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) level++;
    else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
      if (level > 0) level--;
      else if (byte === CLOSE_ARRAY) {
        close = i - 1;
        break;
      } else {
        cut = i - 1;
        close = UNEXPECTED_CLOSE;
        break;
      }
    }
  }
  state.depth = level;
  state.inString = quoted;
  state.escaped = escaped;
  state.cut = cut;
  return close;
}

export function createListingSplitter(options: ListingSplitterOptions): ListingSplitter {
  const { listAt, onItems } = options;
  const frames: Frame[] = [];
  let mode: Mode = "value";
  /** Bytes before the current chunk. */
  let base = 0;
  let envelope: unknown;
  let streamedAt: readonly string[] | undefined;
  let count = 0;

  // Bytes of the piece being collected (a key, a captured value, a run of items) from earlier chunks.
  let held: Buffer[] = [];
  let heldBytes = 0;

  // Structure inside a captured value or the list.
  let depth = 0;
  let inString = false;
  let escaped = false;
  let captureKind: CaptureKind = "scalar";
  /** In the list: a `,` was met since the last item, so an item must follow. */
  let itemDue = false;
  const list: ListScan = { depth: 0, inString: false, escaped: false, cut: -1 };

  /** Nothing but a byte order mark yet: the body is empty to undici's `text()`. */
  let empty = true;
  const malformed = (offset: number, detail: string, isEmpty = false): MalformedJsonError =>
    new MalformedJsonError(offset, detail, isEmpty);

  function pathOfValue(): readonly string[] {
    const frame = frames.at(-1);
    return frame === undefined ? [] : [...frame.path, frame.key];
  }

  function take(chunk: Buffer, from: number, to: number): string {
    if (heldBytes === 0) return chunk.toString("utf8", from, to);
    held.push(chunk.subarray(from, to));
    const text = Buffer.concat(held, heldBytes + to - from).toString("utf8");
    held = [];
    heldBytes = 0;
    return text;
  }

  function hold(chunk: Buffer, from: number): void {
    if (from >= chunk.length) return;
    // A copy: the rest of a chunk is usually a few bytes, and the chunk itself can then go.
    const rest = Buffer.from(chunk.subarray(from));
    held.push(rest);
    heldBytes += rest.length;
  }

  function parseAt(text: string, offset: number): unknown {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      // JSON.parse's own message quotes the text around the fault, and an answer can echo a
      // credential or a user's address: only where it failed is said (http/wire-schema.ts `describeBody`).
      throw malformed(offset, "not valid JSON");
    }
  }

  /** A value is complete: it goes to its object, or it is the body. */
  function placeValue(value: unknown): void {
    const frame = frames.at(-1);
    if (frame === undefined) {
      envelope = value;
      mode = "end";
    } else {
      setMember(frame.object, frame.key, value);
      mode = "after-member";
    }
  }

  function flushItems(text: string, offset: number, closing: boolean): void {
    const items = parseAt(`[${text}]`, offset) as unknown[];
    if (items.length === 0) {
      // `[1,]`, `[,1]`, `[1,,2]`: JSON.parse never sees the commas that ended the earlier runs.
      if (itemDue || !closing) throw malformed(offset, "an item is missing between commas");
      return;
    }
    itemDue = !closing;
    onItems(items, count);
    count += items.length;
  }

  /** The streamed list from `from`; returns where it stopped (the chunk's end, or after `]`). */
  function scanList(chunk: Buffer, from: number): number {
    list.depth = depth;
    list.inString = inString;
    list.escaped = escaped;
    const close = scanItems(chunk, from, list);
    depth = list.depth;
    inString = list.inString;
    escaped = list.escaped;
    if (close === UNEXPECTED_CLOSE) throw malformed(base + list.cut, "an unexpected }");
    if (close >= 0) {
      // The list ends at `]`: its last run of items, then the placeholder in the envelope.
      flushItems(take(chunk, from, close), base + close, true);
      placeValue([]);
      return close + 1;
    }
    const cut = list.cut;
    if (cut >= 0) {
      flushItems(take(chunk, from, cut), base + cut, false);
      hold(chunk, cut + 1);
    } else {
      hold(chunk, from);
    }
    return chunk.length;
  }

  /** A value read whole (a key's text included); returns where it stopped, or -1 at the chunk's end. */
  function scanCapture(chunk: Buffer, from: number): number {
    const length = chunk.length;
    for (let i = from; i < length; i++) {
      const byte = chunk[i] as number;
      if (inString) {
        if (escaped) escaped = false;
        else if (byte === BACKSLASH) escaped = true;
        else if (byte === QUOTE) {
          inString = false;
          if (depth === 0) return i + 1;
        }
        continue;
      }
      if (captureKind === "scalar") {
        if (
          isSpace(byte) ||
          byte === COMMA ||
          byte === CLOSE_OBJECT ||
          byte === CLOSE_ARRAY ||
          byte === COLON ||
          byte === QUOTE ||
          byte === OPEN_OBJECT ||
          byte === OPEN_ARRAY
        )
          return i;
        continue;
      }
      if (byte === QUOTE) inString = true;
      else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) depth++;
      else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
        depth--;
        if (depth === 0) return i + 1;
      }
    }
    return -1;
  }

  /** A key starts inside its string (its quote is held already); a value at its first byte. */
  function startCapture(byte: number, kind: "key" | "value"): void {
    depth = 0;
    escaped = false;
    inString = kind === "key";
    captureKind =
      kind === "key" || byte === QUOTE
        ? "string"
        : byte === OPEN_OBJECT || byte === OPEN_ARRAY
          ? "container"
          : "scalar";
  }

  function startValue(byte: number, offset: number): void {
    const path = pathOfValue();
    if (byte === OPEN_ARRAY && streamedAt === undefined && listAt.some((place) => samePath(place, path))) {
      streamedAt = path;
      mode = "list";
      depth = 0;
      inString = false;
      escaped = false;
      itemDue = false;
      return;
    }
    if (byte === OPEN_OBJECT && listAt.some((place) => place.length > path.length && isPrefix(path, place))) {
      frames.push({ path, object: {}, keys: new Set(), key: "" });
      mode = "first-key";
      return;
    }
    if (byte === CLOSE_ARRAY || byte === CLOSE_OBJECT || byte === COMMA || byte === COLON) {
      throw malformed(offset, `an unexpected ${String.fromCharCode(byte)} where a value belongs`);
    }
    startCapture(byte, "value");
    mode = "capture";
  }

  function closeFrame(): void {
    const frame = frames.pop() as Frame;
    placeValue(frame.object);
  }

  /** The body's first bytes while they could still be a byte order mark; `undefined` once decided. */
  let start: Buffer | undefined = Buffer.alloc(0);

  function push(input: Uint8Array): void {
    let chunk = asBuffer(input);
    if (start !== undefined) {
      // undici's `text()` skips a byte order mark at the body's start, wherever the chunks are cut.
      const joined = start.length === 0 ? chunk : Buffer.concat([start, chunk]);
      if (joined.length < 3 && BOM.subarray(0, joined.length).equals(joined)) {
        start = Buffer.from(joined);
        return;
      }
      start = undefined;
      chunk = joined;
      if (BOM.equals(chunk.subarray(0, 3))) {
        scan(chunk, 3);
        return;
      }
    }
    scan(chunk, 0);
  }

  function scan(chunk: Buffer, from: number): void {
    const length = chunk.length;
    let i = from;
    if (i < length) empty = false;
    while (i < length) {
      if (mode === "list") {
        const from = i;
        i = scanList(chunk, from);
        continue;
      }
      if (mode === "capture" || mode === "key") {
        const start = i;
        const stop = scanCapture(chunk, start);
        if (stop < 0) {
          hold(chunk, start);
          break;
        }
        const text = take(chunk, start, stop);
        const value = parseAt(text, base + stop);
        if (mode === "key") {
          const frame = frames.at(-1) as Frame;
          const key = value as string;
          if (frame.keys.has(key) && streamedAt !== undefined && isPrefix([...frame.path, key], streamedAt)) {
            throw new TwoListsError([...frame.path, key]);
          }
          frame.keys.add(key);
          frame.key = key;
          mode = "colon";
        } else {
          placeValue(value);
        }
        i = stop;
        continue;
      }
      const byte = chunk[i] as number;
      if (isSpace(byte)) {
        i++;
        continue;
      }
      const offset = base + i;
      switch (mode) {
        case "value":
          startValue(byte, offset);
          // A captured value and its first byte are read by scanCapture.
          if ((mode as Mode) !== "capture") i++;
          break;
        case "first-key":
        case "key-start":
          if (byte === CLOSE_OBJECT && mode === "first-key") {
            closeFrame();
          } else if (byte === QUOTE) {
            startCapture(byte, "key");
            mode = "key";
            // The opening quote is the key's first byte; scanCapture starts inside the string.
            hold(chunk.subarray(i, i + 1) as Buffer, 0);
          } else {
            throw malformed(offset, "a key expected");
          }
          i++;
          break;
        case "colon":
          if (byte !== COLON) throw malformed(offset, "a : expected after a key");
          mode = "value";
          i++;
          break;
        case "after-member":
          if (byte === COMMA) mode = "key-start";
          else if (byte === CLOSE_OBJECT) closeFrame();
          else throw malformed(offset, "a , or } expected");
          i++;
          break;
        case "end":
          throw malformed(offset, "more after the end of the JSON value");
      }
    }
    base += length;
  }

  function end(): SplitListing {
    if (start !== undefined) {
      // Fewer than three bytes, all the start of a byte order mark: not one, so not skipped.
      const bytes = start;
      start = undefined;
      scan(bytes, 0);
    }
    if (mode === "capture" && captureKind === "scalar" && frames.length === 0 && heldBytes > 0) {
      // A bare number or literal ends with the body.
      const text = Buffer.concat(held, heldBytes).toString("utf8");
      held = [];
      heldBytes = 0;
      placeValue(parseAt(text, base));
    }
    if (mode !== "end") {
      throw malformed(base, "the body ends before the JSON value does", empty);
    }
    return { envelope, at: streamedAt, count, bytes: base };
  }

  return { push, end };
}
