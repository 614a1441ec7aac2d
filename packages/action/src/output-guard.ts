/**
 * The log is written by @actions/core (`core.info`, `warning`, `error`, `setFailed`, annotations)
 * and by anything else in the process (a library's console.error, Node's own crash report), all
 * through `process.stdout.write` / `process.stderr.write`. Guarding those two writes runs every
 * log line through the run's redactor, whoever wrote it, so no call site can forget.
 *
 * `::add-mask::` lines pass untouched: they are how the runner learns a secret, and it consumes
 * them instead of showing them.
 */
const ADD_MASK = "::add-mask::";

export function redactLogText(text: string, redact: (text: string) => string): string {
  return text
    .split("\n")
    .map((line) => (line.startsWith(ADD_MASK) ? line : redact(line)))
    .join("\n");
}

type Write = NodeJS.WriteStream["write"];

function guardStream(stream: NodeJS.WriteStream, redact: (text: string) => string): void {
  const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    if (typeof chunk === "string") return write(redactLogText(chunk, redact), ...rest);
    if (chunk instanceof Uint8Array) {
      // Text written as bytes (a string encoding argument does not apply to a buffer).
      return write(Buffer.from(redactLogText(Buffer.from(chunk).toString("utf8"), redact), "utf8"), ...rest);
    }
    return write(chunk, ...rest);
  }) as Write;
}

let installed = false;

/** Routes stdout and stderr through `redact` for the rest of the process. Idempotent. */
export function guardProcessOutput(redact: (text: string) => string): void {
  if (installed) return;
  installed = true;
  guardStream(process.stdout, redact);
  guardStream(process.stderr, redact);
}
