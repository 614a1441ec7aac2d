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

/** The places where `needle` shows (empty when it shows nowhere), for a readable failure. */
export function placesShowing(run: ActionRun, github: FakeGitHub | undefined, needle: string): string[] {
  return Object.entries(visibleTexts(run, github))
    .filter(([, text]) => text.includes(needle))
    .map(([place]) => place);
}
