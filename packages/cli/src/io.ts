/**
 * Everything the CLI touches in the outside world, passed in so `main()` can be run in-process by
 * tests and by the demo with fake streams, a fake environment and a fake "Ctrl+C".
 */
export interface OutputStream {
  write(chunk: string): unknown;
  readonly isTTY?: boolean;
}

export interface CliIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: OutputStream;
  /** A real stream on a terminal, so the progress bar can move the cursor. */
  readonly stderr: OutputStream & NodeJS.WritableStream;
  readonly stdin: NodeJS.ReadableStream & { readonly isTTY?: boolean };
  /**
   * Calls `handler` once when the user asks the process to stop (SIGINT, SIGTERM) and returns the
   * function that unsubscribes. While subscribed, the signal no longer kills the process; after the
   * first one it does again, so a second Ctrl+C always quits.
   */
  onStop(handler: (signal: string) => void): () => void;
}

/** Resolves with the signal's name when the user asks the process to stop. */
export function waitForStop(io: CliIo): Promise<string> {
  return new Promise((resolve) => {
    io.onStop(resolve);
  });
}

/**
 * `roster plan … | head -3`: once the reader has gone, writes fail with EPIPE. That is not an error
 * of the run: further output is dropped and the command carries on to its own end and exit code (an
 * apply is never cut short by a closed pipe).
 */
function dropOutputAfterClosedPipe(stream: NodeJS.WriteStream): { closed: () => boolean } {
  let closed = false;
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE" || closed) {
      closed = true;
      return;
    }
    throw error;
  });
  return { closed: () => closed };
}

export function processIo(): CliIo {
  const stdout = dropOutputAfterClosedPipe(process.stdout);
  dropOutputAfterClosedPipe(process.stderr);
  return {
    env: process.env,
    stdout: {
      isTTY: process.stdout.isTTY,
      write: (chunk: string) => (stdout.closed() ? false : process.stdout.write(chunk)),
    },
    stderr: process.stderr,
    stdin: process.stdin,
    onStop: (handler) => {
      const unsubscribe = (): void => {
        process.off("SIGINT", stop);
        process.off("SIGTERM", stop);
      };
      const stop = (signal: string): void => {
        unsubscribe();
        handler(signal);
      };
      process.on("SIGINT", stop);
      process.on("SIGTERM", stop);
      return unsubscribe;
    },
  };
}
