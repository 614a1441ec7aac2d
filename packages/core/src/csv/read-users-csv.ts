import { open } from "node:fs/promises";
import { pipeline } from "node:stream/promises";
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import type { CsvError, InfoRecord } from "csv-parse";
import { parse } from "csv-parse";
import { CoreError } from "../errors.js";
import type { DesiredState } from "../model/desired.js";
import type { CsvInput } from "./chunks.js";
import { byteChunks } from "./chunks.js";
import { LineIndex } from "./line-index.js";
import { malformedMessage } from "./malformed.js";
import type { ReadUsersCsvOptions } from "./options.js";
import { UsersBuilder } from "./users-builder.js";
import { Utf8Check } from "./utf8.js";

/** Bytes csv-parse is given at a time (about 250 rows, a millisecond or two of parsing). */
const PARSE_PIECE = 16 * 1024;

/** Context csv-parse attaches to each CsvError (its `__infoField()`). */
interface ErrorContext {
  readonly bytes?: number;
  readonly index?: number;
  readonly comment_lines?: number;
  readonly empty_lines?: number;
}

/** Line breaks inside a record's fields (quoted newlines), a CRLF counting once. */
function breaksIn(record: readonly string[]): number {
  let breaks = 0;
  for (const field of record) {
    for (let i = 0; i < field.length; i++) {
      const c = field.charCodeAt(i);
      if (c === 10) breaks++;
      else if (c === 13 && field.charCodeAt(i + 1) !== 10) breaks++;
    }
  }
  return breaks;
}

/**
 * Reads users.csv into the desired state, reporting every problem in one pass. Streams: the input
 * is consumed chunk by chunk, and no chunk is kept after csv-parse has read it.
 *
 * Decisions a user sees (README.md#userscsv-reference):
 * - A blank cell is unmanaged. `-` alone in `groups` means "no groups", in an `attr:` cell "unset".
 * - `status` accepts `active` (also `activate`, `enabled`) and `deactivated` (also `deactivate`,
 *   `inactive`, `disabled`, `archived`), any case; `isArchived` accepts True/False.
 * - `name` fills `first_name`/`last_name` only when that column is absent: the last word is the
 *   last name, the rest the first name; a single word is a first name only.
 * - A row with a different field count than the header is an error, never guessed at, and so is
 *   a value under a header cell left blank. Rows of empty cells (`,,,,`) are skipped.
 * - Every diagnostic is an error except "`name` ignored" (a warning). A row with an error adds no
 *   user; the file's other rows are still checked.
 *
 * Lines: csv-parse reports the byte offset where each record ends and counts comment and blank
 * lines. A record that directly follows another starts on the line after the previous record's
 * end, plus the comment and blank lines skipped in between. After a record csv-parse dropped for
 * an error, a record's start is its end line minus the line breaks inside its quoted fields.
 */
export async function readUsersCsv(
  source: { file: string; input: CsvInput },
  options: ReadUsersCsvOptions = {},
): Promise<DesiredState> {
  const builder = new UsersBuilder(source.file, options);
  await readCsvRecords(source, builder);
  return builder.finish();
}

/** What receives the records of a CSV file with their physical start lines (UsersBuilder, multi-vendor reader). */
export interface CsvRecordSink {
  record(record: string[], line: number): void;
  report(code: "CSV_MALFORMED" | "CSV_INVALID_UTF8", message: string, line: number): void;
}

/**
 * The records of a CSV file, each with the physical line it starts on, and the file-level problems
 * (malformed quoting, invalid UTF-8), handed to `sink` as they are parsed.
 */
export async function readCsvRecords(source: { file: string; input: CsvInput }, builder: CsvRecordSink): Promise<void> {
  const lines = new LineIndex();
  const utf8 = new Utf8Check();
  let boundary = 0; // byte offset after the last record csv-parse emitted
  let skipped = 0; // comment + blank lines csv-parse had skipped at the last record or error
  let afterError = false;
  let lastErrorBytes = -1;
  let records = 0;

  const onRecord = (record: string[], context: InfoRecord): null => {
    const skips = context.comment_lines + context.empty_lines;
    const line = afterError
      ? lines.lineAt(context.bytes - 1) - breaksIn(record)
      : lines.lineAt(boundary) + (skips - skipped);
    boundary = context.bytes;
    skipped = skips;
    afterError = false;
    builder.record(record, line);
    if (++records % 8192 === 0) lines.forgetBefore(boundary);
    // Returning null keeps csv-parse from buffering records nobody reads.
    return null;
  };

  const onSkip = (error: CsvError | undefined): undefined => {
    if (error === undefined) return;
    const context = error as CsvError & ErrorContext;
    const bytes = context.bytes ?? boundary;
    // Once a quote goes wrong csv-parse may report the same record again further on; the first
    // report is the one to fix.
    if (afterError && bytes === lastErrorBytes) return;
    const skips = (context.comment_lines ?? 0) + (context.empty_lines ?? 0);
    let line: number;
    if (!afterError) line = lines.lineAt(boundary) + (skips - skipped);
    else if (context.index === 0) line = lines.lineAt(bytes) + (skips - skipped);
    else line = lines.lineAt(bytes);
    afterError = true;
    lastErrorBytes = bytes;
    skipped = skips;
    builder.report("CSV_MALFORMED", malformedMessage(error), line);
  };

  const parser = parse({
    bom: true,
    // trim covers NBSP and U+3000 since csv-parse 7 (docs/csv-edge-cases.md#whitespace); quoted values are trimmed
    // again by cleanCell.
    trim: true,
    comment: "#",
    // `#` starts a comment only at the start of a line, so `#` inside a value survives.
    comment_no_infix: true,
    skip_empty_lines: true,
    // Roster checks the field count itself, to word the message and to skip all-empty rows.
    relax_column_count: true,
    // Keep going after a malformed record so every problem comes out of one pass.
    skip_records_with_error: true,
    // All three endings, so a file mixing them (edited on several systems) still splits per line.
    record_delimiter: ["\r\n", "\n", "\r"],
    on_record: onRecord,
    on_skip: onSkip,
  });

  let utf16 = false;
  async function* feed(): AsyncGenerator<Buffer> {
    let first = true;
    for await (const chunk of byteChunks(source.input)) {
      if (first && chunk.length >= 2) {
        first = false;
        // Excel's "Unicode Text" and some exports are UTF-16, recognisable by their byte order mark.
        utf16 = (chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff);
      }
      lines.add(chunk);
      const invalid = utf8.add(chunk);
      if (invalid !== undefined) reportInvalidUtf8(invalid);
      // csv-parse handles a piece in one go; between pieces, pending I/O runs. A caller that reads
      // the vendor while the file parses (the CLI, the Action) would otherwise see each response
      // wait behind a whole read: a buffered stream hands over the next chunk without returning to
      // the event loop. Reading stays in 64 KB chunks (each read is a thread-pool round trip).
      for (let start = 0; start < chunk.length; start += PARSE_PIECE) {
        yield chunk.subarray(start, start + PARSE_PIECE);
        await yieldToEventLoop();
      }
    }
    lines.finish();
    const invalid = utf8.finish();
    if (invalid !== undefined) reportInvalidUtf8(invalid);
  }

  function reportInvalidUtf8(offset: number): void {
    const line = lines.lineAt(offset);
    const what = utf16
      ? "the file is UTF-16, not UTF-8"
      : `line ${line} is not valid UTF-8: the file was probably saved in an older encoding (Excel's "CSV (Comma delimited)" is Windows-1252)`;
    builder.report("CSV_INVALID_UTF8", `${what}; re-save it as "CSV UTF-8 (Comma delimited)"`, utf16 ? 0 : line);
  }

  await pipeline(feed(), parser, async (rows: AsyncIterable<unknown>) => {
    for await (const _ of rows) {
      // on_record returns null, so nothing arrives here; draining lets the pipeline end.
    }
  });
}

/**
 * Reads users.csv from disk, streaming. `displayName` (default: `path`) is the file name in
 * diagnostics, e.g. the repository-relative path in the Action. A file that cannot be read is a
 * `CoreError` with code `CSV_UNREADABLE`; problems inside the file are diagnostics.
 */
export async function readUsersCsvFile(
  path: string,
  options: ReadUsersCsvOptions & { displayName?: string } = {},
): Promise<DesiredState> {
  const { displayName, ...readOptions } = options;
  const file = displayName ?? path;
  const builder = new UsersBuilder(file, readOptions);
  await readCsvFileRecords(path, file, builder);
  return builder.finish();
}

/** `readCsvRecords` on a file from disk, streaming; an unreadable file is a `CSV_UNREADABLE` CoreError. */
export async function readCsvFileRecords(path: string, file: string, sink: CsvRecordSink): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, "r");
  } catch (cause) {
    throw unreadable(file, cause);
  }
  const stream = handle.createReadStream({ highWaterMark: 64 * 1024 });
  try {
    await readCsvRecords({ file, input: stream }, sink);
  } catch (cause) {
    // File system errors carry `syscall` (EISDIR surfaces on the first read, not on open).
    if (typeof cause === "object" && cause !== null && "syscall" in cause) throw unreadable(file, cause);
    throw cause;
  } finally {
    stream.destroy();
    await handle.close().catch(() => undefined);
  }
}

function unreadable(file: string, cause: unknown): CoreError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new CoreError("CSV_UNREADABLE", `cannot read ${file}: ${reason}`, { cause });
}
