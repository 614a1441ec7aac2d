const LF = 0x0a;
const CR = 0x0d;

/**
 * Physical line numbers by byte offset. csv-parse's own `info.lines` counts a CRLF inside a quoted
 * field as two lines, and it only knows where a record ends, so Roster scans the bytes it feeds the
 * parser for line breaks (LF, CRLF or a lone CR, as editors and GitHub display them) and maps the
 * parser's byte offsets to lines itself. Queries never look behind the earliest offset still
 * needed, so consumed line starts are dropped and memory stays flat on large files.
 */
export class LineIndex {
  /** Byte offsets where lines 2, 3... start, from `dropped` onwards. */
  private starts: number[] = [];
  /** How many line starts were discarded from the front of `starts`. */
  private dropped = 0;
  /** Total bytes scanned. */
  private length = 0;
  private pendingCr = false;

  /** Scans the next chunk of the file. */
  add(chunk: Uint8Array): void {
    const base = this.length;
    const n = chunk.length;
    let i = 0;
    if (this.pendingCr) {
      this.pendingCr = false;
      if (n > 0 && chunk[0] === LF) {
        this.starts.push(base + 1);
        i = 1;
      } else {
        this.starts.push(base);
      }
    }
    for (; i < n; i++) {
      const b = chunk[i];
      if (b === LF) {
        this.starts.push(base + i + 1);
      } else if (b === CR) {
        if (i + 1 === n) {
          this.pendingCr = true;
        } else if (chunk[i + 1] === LF) {
          this.starts.push(base + i + 2);
          i++;
        } else {
          this.starts.push(base + i + 1);
        }
      }
    }
    this.length = base + n;
  }

  /** No more input: a final lone CR still ends its line. */
  finish(): void {
    if (this.pendingCr) {
      this.pendingCr = false;
      this.starts.push(this.length);
    }
  }

  /** 1-based line containing the byte at `offset` (a line break belongs to the line it ends). */
  lineAt(offset: number): number {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid + 1;
      else hi = mid;
    }
    return 1 + this.dropped + lo;
  }

  /** Forget line starts before `offset`: no later query will ask about them. */
  forgetBefore(offset: number): void {
    const starts = this.starts;
    if (starts.length < 8192) return;
    let keep = 0;
    while (keep < starts.length && (starts[keep] ?? 0) <= offset) keep++;
    // Dropped starts are all at or before `offset`, so `dropped` still counts them for lineAt.
    if (keep < 4096) return;
    this.starts = starts.slice(keep);
    this.dropped += keep;
  }
}
