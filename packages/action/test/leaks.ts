import type { FakeGitHub } from "./fake-github.js";
import type { ActionRun } from "./run-action.js";

/**
 * Everything a run makes visible, one entry per place: the log (stdout without the `::add-mask::`
 * lines, which the runner consumes and never shows), stderr, the job summary, the step outputs,
 * every comment body sent to GitHub, and the files it left for upload under RUNNER_TEMP.
 */
export function visibleTexts(run: ActionRun, github?: FakeGitHub): Record<string, string> {
  const log = run.stdout
    .split("\n")
    .filter((line) => !line.startsWith("::add-mask::"))
    .join("\n");
  const sent = (github?.requests ?? []).map((request) => JSON.stringify(request.body ?? "")).join("\n");
  return {
    log,
    stderr: run.stderr,
    summary: run.summary,
    outputs: JSON.stringify(run.outputs),
    comments: (github?.comments ?? []).map((comment) => comment.body).join("\n"),
    "requests to GitHub": sent,
    "files under RUNNER_TEMP": Object.values(run.tempFiles).join("\n"),
  };
}

/**
 * The text as a reader sees it: Markdown reports escape characters as HTML entities (`&#95;`) or
 * with a backslash, and workflow commands escape `%`, CR and LF; a secret escaped is still shown.
 */
export function asRead(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_m, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_m, code: string) => String.fromCodePoint(Number.parseInt(code, 16)))
    .replace(/&(amp|lt|gt|quot);/g, (_m, name: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"' })[name] ?? "")
    .replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/g, "$1")
    .replace(/%0A/g, "\n")
    .replace(/%0D/g, "\r")
    .replace(/%25/g, "%");
}

/** The places where `needle` shows, as written or as read (empty when nowhere), for a readable failure. */
export function placesShowing(run: ActionRun, github: FakeGitHub | undefined, needle: string): string[] {
  return Object.entries(visibleTexts(run, github))
    .filter(([, text]) => text.includes(needle) || asRead(text).includes(needle))
    .map(([place]) => place);
}
