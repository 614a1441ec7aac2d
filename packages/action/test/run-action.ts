import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Runs the BUILT bundle the way the runner does (docs/plan-in-pr.md#running-the-bundle-in-tests): `node dist/index.js` with a
 * minimal environment of INPUT_* (hyphens kept) and GITHUB_* variables, an event.json, and empty
 * GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files. Nothing from the test process's own env leaks in.
 */
export const DIST_ENTRY = fileURLToPath(new URL("../dist/index.js", import.meta.url));

export interface ActionRunOptions {
  readonly inputs: Readonly<Record<string, string>>;
  readonly eventName: string;
  readonly event: unknown;
  readonly apiUrl: string;
  readonly sha?: string;
  readonly ref?: string;
  readonly repository?: string;
  /** Files of the checked-out repository, by repo-relative path. */
  readonly files: Readonly<Record<string, string>>;
  /** Symbolic links in the checked-out repository: repo-relative path → link target, as written. */
  readonly links?: Readonly<Record<string, string>>;
  /** Files next to the workspace, outside it (`../name` from the workspace): what must never be read. */
  readonly outsideFiles?: Readonly<Record<string, string>>;
  /** Extra environment variables (test-only switches such as ROSTER_GITHUB_RETRY_MS). */
  readonly env?: Readonly<Record<string, string>>;
}

export interface ActionRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly outputs: Readonly<Record<string, string>>;
  readonly summary: string;
  /** `Date.now()` just before the process was spawned. */
  readonly spawnedAt: number;
  /** Files the run left under RUNNER_TEMP (path relative to it → text), read before cleanup. */
  readonly tempFiles: Readonly<Record<string, string>>;
}

/** Parses the `name<<delimiter` heredocs @actions/core writes into GITHUB_OUTPUT. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const pattern = /^([^\n<]+)<<(\S+)\n([\s\S]*?)\n?\2$/gm;
  for (const match of text.matchAll(pattern)) {
    if (match[1] !== undefined) outputs[match[1]] = match[3] ?? "";
  }
  return outputs;
}

async function readTree(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files[relative(dir, path)] = await readFile(path, "utf8");
  }
  return files;
}

export async function runAction(options: ActionRunOptions): Promise<ActionRun> {
  const root = await mkdtemp(join(tmpdir(), "roster-action-"));
  try {
    const workspace = join(root, "workspace");
    for (const [path, text] of Object.entries(options.files)) {
      await mkdir(dirname(join(workspace, path)), { recursive: true });
      await writeFile(join(workspace, path), text);
    }
    await mkdir(workspace, { recursive: true });
    for (const [path, target] of Object.entries(options.links ?? {})) {
      await mkdir(dirname(join(workspace, path)), { recursive: true });
      await symlink(target, join(workspace, path));
    }
    for (const [path, text] of Object.entries(options.outsideFiles ?? {})) await writeFile(join(root, path), text);
    const runnerTemp = join(root, "runner-temp");
    await mkdir(runnerTemp);
    const eventPath = join(root, "event.json");
    const outputPath = join(root, "output.txt");
    const summaryPath = join(root, "summary.md");
    await writeFile(eventPath, JSON.stringify(options.event));
    await writeFile(outputPath, "");
    await writeFile(summaryPath, "");

    const env: Record<string, string> = {
      GITHUB_ACTIONS: "true",
      GITHUB_EVENT_NAME: options.eventName,
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_REPOSITORY: options.repository ?? "acme/people",
      GITHUB_SHA: options.sha ?? "0000000000000000000000000000000000000001",
      GITHUB_REF: options.ref ?? "refs/heads/main",
      GITHUB_API_URL: options.apiUrl,
      GITHUB_SERVER_URL: "https://github.test",
      GITHUB_RUN_ID: "42",
      GITHUB_OUTPUT: outputPath,
      GITHUB_STEP_SUMMARY: summaryPath,
      GITHUB_WORKSPACE: workspace,
      RUNNER_TEMP: runnerTemp,
      ...options.env,
    };
    for (const [name, value] of Object.entries(options.inputs)) {
      env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] = value;
    }

    const spawnedAt = Date.now();
    const child = spawn(process.execPath, [DIST_ENTRY], { env, cwd: workspace, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    const [code] = (await once(child, "close")) as [number | null];
    return {
      code,
      stdout,
      stderr,
      outputs: parseOutputFile(await readFile(outputPath, "utf8")),
      summary: await readFile(summaryPath, "utf8"),
      spawnedAt,
      tempFiles: await readTree(runnerTemp),
    };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
