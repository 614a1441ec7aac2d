/**
 * Streaming UTF-8 validation. Excel's plain "CSV (Comma delimited)" is Windows-1252, which turns
 * "José" into mojibake unless caught (docs/csv-edge-cases.md#non-utf-8). A fatal
 * TextDecoder in streaming mode checks each chunk (a character split across chunks is fine); only
 * when it fails does Roster re-scan that chunk to find the exact byte, so the line can be named.
 */
export class Utf8Check {
  private readonly decoder = new TextDecoder("utf-8", { fatal: true });
  /** Bytes checked before the current chunk. */
  private offset = 0;
  private previous: Uint8Array | undefined;
  private done = false;

  /** Checks the next chunk; returns the file offset of the first invalid byte, once. */
  add(chunk: Uint8Array): number | undefined {
    if (this.done) return undefined;
    let invalidAt: number | undefined;
    try {
      this.decoder.decode(chunk, { stream: true });
    } catch {
      this.done = true;
      const pending = this.previous === undefined ? 0 : incompleteTail(this.previous);
      const combined = new Uint8Array(pending + chunk.length);
      if (this.previous !== undefined && pending > 0) {
        combined.set(this.previous.subarray(this.previous.length - pending), 0);
      }
      combined.set(chunk, pending);
      const at = firstInvalidByte(combined);
      invalidAt = this.offset - pending + (at === -1 ? 0 : at);
    }
    this.previous = chunk;
    this.offset += chunk.length;
    return invalidAt;
  }

  /** End of input: a character cut off by the end of the file is invalid too. */
  finish(): number | undefined {
    if (this.done) return undefined;
    this.done = true;
    try {
      this.decoder.decode();
      return undefined;
    } catch {
      const pending = this.previous === undefined ? 0 : incompleteTail(this.previous);
      return this.offset - Math.max(pending, 1);
    }
  }
}

/** Length of the sequence a lead byte starts, or 0 when it cannot start one. */
function sequenceLength(b: number): number {
  if (b < 0x80) return 1;
  if (b >= 0xc2 && b <= 0xdf) return 2;
  if (b >= 0xe0 && b <= 0xef) return 3;
  if (b >= 0xf0 && b <= 0xf4) return 4;
  return 0;
}

/** How many bytes at the end of `bytes` start a character that the next chunk completes. */
function incompleteTail(bytes: Uint8Array): number {
  for (let back = 1; back <= 3 && back <= bytes.length; back++) {
    const b = bytes[bytes.length - back] ?? 0;
    if ((b & 0xc0) === 0x80) continue;
    return sequenceLength(b) > back ? back : 0;
  }
  return 0;
}

/**
 * Offset of the first byte that starts an invalid sequence (overlong forms, surrogates and code
 * points above U+10FFFF included), or -1 when every complete sequence is valid.
 */
export function firstInvalidByte(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i] ?? 0;
    if (b < 0x80) {
      i++;
      continue;
    }
    const len = sequenceLength(b);
    if (len === 0) return i;
    if (i + len > n) {
      // Cut off by the end of the buffer: invalid only if what is there is already wrong.
      for (let k = 1; i + k < n; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
      return -1;
    }
    const second = bytes[i + 1] ?? 0;
    let lo = 0x80;
    let hi = 0xbf;
    if (b === 0xe0) lo = 0xa0;
    else if (b === 0xed) hi = 0x9f;
    else if (b === 0xf0) lo = 0x90;
    else if (b === 0xf4) hi = 0x8f;
    if (second < lo || second > hi) return i;
    for (let k = 2; k < len; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += len;
  }
  return -1;
}
