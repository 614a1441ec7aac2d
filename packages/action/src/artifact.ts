import { mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as core from "@actions/core";
import { renderPlanMarkdown } from "@roster/core";
import { reportHeading, type TargetReport } from "./report.js";
import { redactText, runSecrets } from "./secrets.js";

/**
 * The full plan, whatever its size: a comment holds about 60,000 characters and the job summary
 * 1 MiB, so past a few thousand changes both are shortened. The whole plan (JSON for tools,
 * Markdown for people) is written under RUNNER_TEMP, uploaded as a workflow artifact with
 * @actions/artifact, and linked from the comment and the summary; the `full-plan-path` output
 * names the JSON file for later steps.
 *
 * - An upload that fails is a warning, never a failed run: the plan is still in the file, and
 *   the summary says it was not uploaded and why.
 * - Without an artifact service (ACTIONS_RUNTIME_TOKEN unset: a local runner, the tests) nothing
 *   is uploaded and the summary says so; the comment then names no place it cannot link to.
 * - @actions/artifact is loaded only when uploading (a dynamic import that ncc bundles as its
 *   own file), so a run that uploads nothing does not load it.
 * - The artifact's name holds the vendor, the users.csv path and the job, so two Roster steps in
 *   one run (two vendors) do not collide; names must be unique within a run.
 */
export interface FullPlanFiles {
  readonly jsonPath: string;
  readonly markdownPath: string;
  /** The uploaded artifact, when one was. */
  readonly artifact?: { readonly name: string; readonly url: string };
  /** One line for the job summary: where the full plan is, or why it was not uploaded. */
  readonly note: string;
}

export interface FullPlanContext {
  readonly vendor: string;
  readonly csv: string;
  readonly mode: string;
  readonly repository: string;
  readonly sha: string;
  readonly serverUrl: string;
  readonly csvUrl: string;
}

/** Artifact names refuse `" : < > | * ? \ /` and control characters; keep a readable slug. */
export function artifactName(vendor: string, csv: string, job: string | undefined): string {
  const slug = (text: string) =>
    text
      .replace(/[^A-Za-z0-9._-]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60);
  return ["roster-plan", slug(vendor), slug(csv), ...(job ? [slug(job)] : [])].filter((p) => p !== "").join("-");
}

function documentOf(reports: readonly TargetReport[], context: FullPlanContext): string {
  const targets = reports.map((report) => ({
    vendor: report.key.vendor,
    ...(report.key.target === undefined ? {} : { target: report.key.target }),
    csv: report.key.csv,
    plan: report.plan,
    ...(report.result === undefined ? {} : { result: report.result }),
    ...(report.origins === undefined ? {} : { origins: report.origins }),
    ...(report.refused === undefined ? {} : { refused: report.refused }),
  }));
  const { mode, repository, sha } = context;
  return `${JSON.stringify({ roster: 1, mode, repository, sha, targets }, null, 2)}\n`;
}

function markdownOf(reports: readonly TargetReport[], context: FullPlanContext): string {
  return reports
    .map((report) =>
      renderPlanMarkdown({
        plan: report.plan,
        ...(report.result === undefined ? {} : { result: report.result }),
        ...(report.origins === undefined ? {} : { origins: report.origins }),
        ...(report.refused === undefined ? {} : { refused: report.refused }),
        csvUrl: (line: number) => `${context.csvUrl}#L${line}`,
        heading: reportHeading(report.key),
        // Never shortened: this file is where the whole plan is.
        maxChars: Number.MAX_SAFE_INTEGER,
      }),
    )
    .join("\n\n");
}

async function upload(name: string, files: string[], dir: string): Promise<{ id: number | undefined }> {
  const { DefaultArtifactClient } = await import("@actions/artifact");
  const response = await new DefaultArtifactClient().uploadArtifact(name, files, dir);
  return { id: response.id };
}

/** Writes the full plan files and uploads them; never throws for a failed upload. */
export async function saveFullPlan(
  reports: readonly TargetReport[],
  context: FullPlanContext,
  env: NodeJS.ProcessEnv = process.env,
): Promise<FullPlanFiles> {
  const name = artifactName(context.vendor, context.csv, env.GITHUB_JOB);
  const dir = join(env.RUNNER_TEMP || tmpdir(), `${name}-${env.GITHUB_RUN_ID ?? "local"}`);
  await mkdir(dir, { recursive: true });
  const jsonPath = join(dir, "plan.json");
  const markdownPath = join(dir, "plan.md");
  // Report data is redacted already (run.ts); the rendered text once more, as everything written.
  await writeFile(jsonPath, redactText(documentOf(reports, context)));
  await writeFile(markdownPath, redactText(markdownOf(reports, context)));
  const files = { jsonPath, markdownPath };

  if (!env.ACTIONS_RUNTIME_TOKEN || !env.ACTIONS_RESULTS_URL) {
    const note = `📄 The full plan was written to \`${jsonPath}\` (and \`plan.md\` beside it) on the runner, and not uploaded: this run has no artifact service (ACTIONS_RUNTIME_TOKEN is not set).`;
    core.info(note);
    return { ...files, note };
  }
  // The runner masks it already; registered all the same, as every credential the run holds.
  runSecrets.add(env.ACTIONS_RUNTIME_TOKEN);
  try {
    const { id } = await upload(name, [jsonPath, markdownPath], dir);
    const runUrl = `${context.serverUrl}/${context.repository}/actions/runs/${env.GITHUB_RUN_ID ?? ""}`;
    const url = id === undefined ? runUrl : `${runUrl}/artifacts/${id}`;
    core.info(`Full plan uploaded as the artifact ${name}: ${url}`);
    return {
      ...files,
      artifact: { name, url },
      note: `📎 Full plan (JSON and Markdown): the [\`${name}\`](${url}) artifact of this run.`,
    };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    core.warning(
      `Could not upload the full plan as an artifact (${reason}). It is in ${jsonPath} on the runner; the comment and the job summary are unaffected.`,
    );
    return {
      ...files,
      note: `📄 The full plan was written to \`${jsonPath}\` on the runner; uploading it as an artifact failed (see the warning in the log).`,
    };
  }
}
