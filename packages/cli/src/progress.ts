import type { ProgressEvent, WaitEvent } from "@roster/core";
import cliProgress from "cli-progress";
import type { OutputStream } from "./io.js";
import type { Output } from "./output.js";

/**
 * Progress on stderr for long reads and applies, fed by `VendorContext.onProgress` and `onWait`.
 * - On a terminal: a bar, which says why it stalls ("waiting for Adobe's rate limit (42 s)").
 * - Without one (CI logs, `2> file`): a plain line every few seconds while something moves or
 *   waits, so a log shows the run is alive; quick runs print none. No carriage returns.
 * - `--quiet`: nothing.
 */
export interface Progress {
  /** Undefined when nothing is shown, so vendors skip the bookkeeping. */
  readonly onProgress?: (event: ProgressEvent) => void;
  readonly onWait?: (event: WaitEvent) => void;
  /** Erases the bar before other output; the next event draws it again. Safe to call twice. */
  clear(): void;
  /**
   * Stops for good, at once (Ctrl+C): the bar is erased and later events are ignored. Returns what
   * was in progress ("Applying 41/120"), for the message that says what is finishing.
   */
  halt(): string | undefined;
}

export interface ProgressOptions {
  readonly quiet?: boolean;
  /** Without a terminal: how often a progress line is printed (default 5 s). */
  readonly intervalMs?: number;
  readonly now?: () => number;
}

const phaseLabels: Record<ProgressEvent["phase"], string> = {
  read: "Reading",
  check: "Checking",
  apply: "Applying",
};

interface State {
  event?: ProgressEvent;
  /** A deliberate wait in progress: why, and until when. */
  wait?: { readonly reason: string; readonly until: number };
}

function describe(state: State, now: number): string | undefined {
  const { event, wait } = state;
  const counts =
    event === undefined
      ? undefined
      : `${phaseLabels[event.phase]} ${event.done}${event.total === undefined ? "…" : `/${event.total}`}`;
  if (wait !== undefined && wait.until > now) {
    const waiting = `waiting for ${wait.reason} (${Math.ceil((wait.until - now) / 1000)} s)`;
    return counts === undefined ? waiting : `${counts}, ${waiting}`;
  }
  return counts;
}

// While a vendor pages through a listing whose size it does not announce, show a count, not a bar
// that pretends to know the end.
const formatLine: cliProgress.GenericFormatter = (options, params, payload: { line: string; known: boolean }) => {
  if (!payload.known) return payload.line;
  const bar = cliProgress.Format.BarFormat(params.progress, options);
  return `${bar} ${payload.line}`;
};

export function createProgress(stream: OutputStream & NodeJS.WritableStream, options: ProgressOptions = {}): Progress {
  const now = options.now ?? Date.now;
  let halted = false;
  const state: State = {};
  const inProgress = (): string | undefined =>
    state.event === undefined ? undefined : describe({ event: state.event }, now());
  if (options.quiet === true) {
    return { clear: () => {}, halt: () => undefined };
  }
  if (stream.isTTY !== true)
    return createLogLines(
      stream,
      state,
      options.intervalMs ?? 5_000,
      now,
      () => halted,
      () => {
        halted = true;
        return inProgress();
      },
    );

  let bar: cliProgress.SingleBar | undefined;
  let ticker: NodeJS.Timeout | undefined;
  const clear = (): void => {
    bar?.stop();
    bar = undefined;
    if (ticker !== undefined) clearInterval(ticker);
    ticker = undefined;
  };
  const draw = (): void => {
    if (halted) return;
    const line = describe(state, now());
    if (line === undefined) return;
    const event = state.event;
    const known = event?.total !== undefined;
    const total = Math.max(event?.total ?? event?.done ?? 1, 1);
    const payload = { line, known };
    if (bar === undefined) {
      bar = new cliProgress.SingleBar({ stream, format: formatLine, clearOnComplete: true, hideCursor: true });
      bar.start(total, event?.done ?? 0, payload);
    } else {
      bar.setTotal(total);
      bar.update(event?.done ?? 0, payload);
    }
  };
  return {
    onProgress: (event) => {
      if (state.event?.phase !== event.phase) clear();
      state.event = event;
      if (state.wait !== undefined && state.wait.until <= now()) delete state.wait;
      draw();
    },
    onWait: (wait) => {
      state.wait = { reason: wait.reason, until: now() + wait.ms };
      draw();
      // The countdown moves once a second while the wait lasts.
      if (ticker === undefined && wait.ms >= 1_000) {
        ticker = setInterval(() => {
          if (state.wait === undefined || state.wait.until <= now()) {
            clearInterval(ticker);
            ticker = undefined;
          }
          draw();
        }, 1_000);
        ticker.unref();
      }
    },
    clear,
    halt: () => {
      const doing = inProgress();
      halted = true;
      clear();
      return doing;
    },
  };
}

/** No terminal: one line every `intervalMs` while there is news, from the first interval on. */
function createLogLines(
  stream: OutputStream,
  state: State,
  intervalMs: number,
  now: () => number,
  isHalted: () => boolean,
  halt: () => string | undefined,
): Progress {
  let timer: NodeJS.Timeout | undefined;
  let lastPrinted: string | undefined;
  let moved = false;
  const tick = (): void => {
    if (isHalted()) return;
    const waiting = state.wait !== undefined && state.wait.until > now();
    if (!moved && !waiting) return;
    const line = describe(state, now());
    if (line === undefined || line === lastPrinted) return;
    lastPrinted = line;
    moved = false;
    stream.write(`${line}\n`);
  };
  const start = (): void => {
    if (timer !== undefined || isHalted()) return;
    timer = setInterval(tick, intervalMs);
    timer.unref();
  };
  const stopTimer = (): void => {
    if (timer !== undefined) clearInterval(timer);
    timer = undefined;
  };
  return {
    onProgress: (event) => {
      state.event = event;
      moved = true;
      start();
    },
    onWait: (wait) => {
      state.wait = { reason: wait.reason, until: now() + wait.ms };
      start();
    },
    clear: () => {
      // Between stages: the next stage's events start the lines again.
      stopTimer();
      delete state.event;
      delete state.wait;
      lastPrinted = undefined;
      moved = false;
    },
    halt: () => {
      stopTimer();
      return halt();
    },
  };
}

/** Runs one vendor stage with progress, cleared before anything else is printed. */
export async function withProgress<T>(progress: Progress, stage: (progress: Progress) => Promise<T>): Promise<T> {
  try {
    return await stage(progress);
  } finally {
    progress.clear();
  }
}

/** The run's progress on stderr, erased whenever a log line is printed there. */
export function createRunProgress(stream: OutputStream & NodeJS.WritableStream, output: Output): Progress {
  const progress = createProgress(stream, { quiet: output.quiet });
  if (stream.isTTY === true) output.beforeErr(() => progress.clear());
  return progress;
}
