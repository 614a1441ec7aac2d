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
  /** Resolves with the signal name when the user asks the process to stop (SIGINT, SIGTERM). */
  waitForStop(): Promise<string>;
}

export function processIo(): CliIo {
  return {
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    waitForStop: () =>
      new Promise((resolve) => {
        const stop = (signal: string): void => {
          process.off("SIGINT", stop);
          process.off("SIGTERM", stop);
          resolve(signal);
        };
        process.on("SIGINT", stop);
        process.on("SIGTERM", stop);
      }),
  };
}
