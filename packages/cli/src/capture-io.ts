import { PassThrough } from "node:stream";
import type { CliIo } from "./io.js";

/** A `CliIo` that records what `main()` prints: for the demo's own checks and for tests. */
export interface CapturingIo extends CliIo {
  stdoutText(): string;
  stderrText(): string;
  /**
   * Simulates Ctrl+C. Sticky: a command that subscribes later is told at once, so a test need
   * not race the command to the moment it starts listening.
   */
  stop(signal?: string): void;
  /** Simulates Ctrl+C as soon as stderr contains `text` (synchronously, inside that write). */
  stopWhenStderrIncludes(text: string, signal?: string): void;
  /** Resolves once stdout contains `text`. */
  stdoutIncludes(text: string): Promise<void>;
}

export interface CapturingIoOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Pretend stdin/stderr are a terminal (the y/N prompt, the progress bar). */
  readonly tty?: boolean;
  /** What the user types, when `tty` is set. */
  readonly input?: string;
  /** Pretend stdout is a terminal too (colours). */
  readonly stdoutTty?: boolean;
}

export function createCapturingIo(options: CapturingIoOptions): CapturingIo {
  let stdout = "";
  let stderr = "";
  const watchers: (() => void)[] = [];
  const tty = options.tty === true;
  const stderrStream = Object.assign(new PassThrough(), { isTTY: tty, columns: 100 });
  const stderrTriggers: { text: string; fire: () => void }[] = [];
  stderrStream.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
    for (const trigger of stderrTriggers.filter((t) => stderr.includes(t.text))) {
      stderrTriggers.splice(stderrTriggers.indexOf(trigger), 1);
      trigger.fire();
    }
  });
  const stdin = Object.assign(new PassThrough(), { isTTY: tty });
  stdin.end(options.input ?? "");
  const stopHandlers = new Set<(signal: string) => void>();
  let stoppedWith: string | undefined;
  const stop = (signal = "SIGINT"): void => {
    stoppedWith = signal;
    for (const handler of [...stopHandlers]) {
      stopHandlers.delete(handler);
      handler(signal);
    }
  };
  return {
    env: options.env,
    stdout: {
      isTTY: options.stdoutTty === true,
      write: (chunk: string) => {
        stdout += chunk;
        for (const wake of watchers.splice(0)) wake();
        return true;
      },
    },
    stderr: stderrStream,
    stdin,
    onStop: (handler) => {
      if (stoppedWith !== undefined) {
        handler(stoppedWith);
        return () => {};
      }
      stopHandlers.add(handler);
      return () => stopHandlers.delete(handler);
    },
    stdoutText: () => stdout,
    stderrText: () => stderr,
    stop,
    stopWhenStderrIncludes: (text, signal) => {
      stderrTriggers.push({ text, fire: () => stop(signal) });
    },
    stdoutIncludes: async (text) => {
      while (!stdout.includes(text)) await new Promise<void>((resolve) => watchers.push(resolve));
    },
  };
}
