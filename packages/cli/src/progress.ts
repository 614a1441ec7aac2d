import type { ProgressEvent } from "@roster/core";
import cliProgress from "cli-progress";
import type { OutputStream } from "./io.js";

/**
 * A progress bar on stderr, fed by `VendorContext.onProgress`, for long reads and applies. Only on
 * a terminal: when stderr is piped or redirected (CI logs, `2> file`) nothing is drawn, so logs
 * stay free of carriage returns.
 */
export interface Progress {
  /** Undefined when no bar is drawn, so vendors skip the bookkeeping. */
  readonly onProgress?: (event: ProgressEvent) => void;
  /** Erases the bar; call before printing anything else. Safe to call twice. */
  stop(): void;
}

const phaseLabels: Record<ProgressEvent["phase"], string> = {
  read: "Reading",
  check: "Checking",
  apply: "Applying",
};

// While a vendor pages through a listing whose size it does not announce, show a count, not a bar
// that pretends to know the end.
const formatLine: cliProgress.GenericFormatter = (options, params, payload: { label: string; known: boolean }) => {
  if (!payload.known) return `${payload.label} ${params.value}…`;
  const bar = cliProgress.Format.BarFormat(params.progress, options);
  return `${payload.label} ${bar} ${params.value}/${params.total}`;
};

export function createProgress(stream: OutputStream & NodeJS.WritableStream): Progress {
  if (stream.isTTY !== true) return { stop: () => {} };
  let bar: cliProgress.SingleBar | undefined;
  let phase: ProgressEvent["phase"] | undefined;
  const stop = (): void => {
    bar?.stop();
    bar = undefined;
    phase = undefined;
  };
  const onProgress = (event: ProgressEvent): void => {
    const payload = { label: phaseLabels[event.phase], known: event.total !== undefined };
    const total = event.total ?? event.done;
    if (bar === undefined || phase !== event.phase) {
      stop();
      bar = new cliProgress.SingleBar({ stream, format: formatLine, clearOnComplete: true, hideCursor: true });
      bar.start(Math.max(total, 1), event.done, payload);
      phase = event.phase;
      return;
    }
    bar.setTotal(Math.max(total, 1));
    bar.update(event.done, payload);
  };
  return { onProgress, stop };
}

/** Runs one vendor stage with a bar on a terminal, erased before anything else is printed. */
export async function withProgress<T>(
  stream: OutputStream & NodeJS.WritableStream,
  stage: (progress: Progress) => Promise<T>,
): Promise<T> {
  const progress = createProgress(stream);
  try {
    return await stage(progress);
  } finally {
    progress.stop();
  }
}
