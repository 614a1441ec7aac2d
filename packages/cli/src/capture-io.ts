import { PassThrough } from "node:stream";
import type { CliIo } from "./io.js";

/** A `CliIo` that records what `main()` prints: for the demo's own checks and for tests. */
export interface CapturingIo extends CliIo {
  stdoutText(): string;
  stderrText(): string;
  /** Simulates Ctrl+C for a command waiting in `waitForStop()`. */
  stop(signal?: string): void;
  /** Resolves once stdout contains `text`. */
  stdoutIncludes(text: string): Promise<void>;
}

export interface CapturingIoOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Pretend stdin/stderr are a terminal (the y/N prompt, the progress bar). */
  readonly tty?: boolean;
  /** What the user types, when `tty` is set. */
  readonly input?: string;
}

export function createCapturingIo(options: CapturingIoOptions): CapturingIo {
  let stdout = "";
  let stderr = "";
  const watchers: (() => void)[] = [];
  const tty = options.tty === true;
  const stderrStream = Object.assign(new PassThrough(), { isTTY: tty, columns: 100 });
  stderrStream.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  const stdin = Object.assign(new PassThrough(), { isTTY: tty });
  stdin.end(options.input ?? "");
  let stopped: ((signal: string) => void) | undefined;
  const stopPromise = new Promise<string>((resolve) => {
    stopped = resolve;
  });
  return {
    env: options.env,
    stdout: {
      isTTY: false,
      write: (chunk: string) => {
        stdout += chunk;
        for (const wake of watchers.splice(0)) wake();
        return true;
      },
    },
    stderr: stderrStream,
    stdin,
    waitForStop: () => stopPromise,
    stdoutText: () => stdout,
    stderrText: () => stderr,
    stop: (signal = "SIGINT") => stopped?.(signal),
    stdoutIncludes: async (text) => {
      while (!stdout.includes(text)) await new Promise<void>((resolve) => watchers.push(resolve));
    },
  };
}
