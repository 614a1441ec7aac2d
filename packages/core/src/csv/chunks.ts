/** Size of the pieces a large in-memory input is cut into, so it streams like a file. */
const CHUNK = 64 * 1024;

export type CsvInput = string | Uint8Array | AsyncIterable<string | Uint8Array>;

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** UTF-8 bytes of a string, in pieces, never splitting a surrogate pair between pieces. */
function* encodeString(text: string): Generator<Buffer> {
  let start = 0;
  while (start < text.length) {
    let end = Math.min(start + CHUNK, text.length);
    if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end--;
    yield Buffer.from(text.slice(start, end), "utf8");
    start = end;
  }
}

/**
 * Any accepted input as a stream of byte chunks: csv-parse works on bytes, and so do the UTF-8
 * check and the line index, so everything sees the same offsets. Strings from an async source
 * may end in half a surrogate pair; that half waits for the next string.
 */
export async function* byteChunks(input: CsvInput): AsyncGenerator<Buffer> {
  if (typeof input === "string") {
    yield* encodeString(input);
    return;
  }
  if (input instanceof Uint8Array) {
    for (let start = 0; start < input.length; start += CHUNK) {
      yield toBuffer(input.subarray(start, start + CHUNK));
    }
    return;
  }
  let carry = "";
  for await (const chunk of input) {
    if (typeof chunk !== "string") {
      if (carry !== "") {
        yield Buffer.from(carry, "utf8");
        carry = "";
      }
      yield toBuffer(chunk);
      continue;
    }
    let text = carry + chunk;
    carry = "";
    if (text.length > 0 && isHighSurrogate(text.charCodeAt(text.length - 1))) {
      carry = text.slice(-1);
      text = text.slice(0, -1);
    }
    if (text !== "") yield* encodeString(text);
  }
  if (carry !== "") yield Buffer.from(carry, "utf8");
}
