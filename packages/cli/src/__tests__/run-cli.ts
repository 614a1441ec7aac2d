import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export const ROSTER_BIN = fileURLToPath(new URL("../../bin/roster.js", import.meta.url));

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface SpawnedCli {
  readonly child: ReturnType<typeof spawn>;
  /** Resolves with the first `count` lines of stdout. */
  firstLines(count: number): Promise<string[]>;
  readonly exited: Promise<CliRun>;
}

/**
 * Starts `node packages/cli/bin/roster.js <args>` as its own process with only the given
 * environment (plus PATH): no SIGMA_* leaks in from the developer's shell. Asynchronous on purpose:
 * the simulator it talks to runs in the test process's event loop.
 */
export function spawnCli(args: readonly string[], env: Readonly<Record<string, string>> = {}): SpawnedCli {
  const child = spawn(process.execPath, [ROSTER_BIN, ...args], {
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  child.stdin.end();
  let stdout = "";
  let stderr = "";
  const waiters: (() => void)[] = [];
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
    for (const wake of waiters.splice(0)) wake();
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<CliRun>((resolve) => {
    child.on("close", (code) => {
      for (const wake of waiters.splice(0)) wake();
      resolve({ code, stdout, stderr });
    });
  });
  const firstLines = async (count: number): Promise<string[]> => {
    for (;;) {
      const lines = stdout.split("\n");
      if (lines.length > count) return lines.slice(0, count);
      if (child.exitCode !== null) throw new Error(`roster exited (${child.exitCode}) early:\n${stdout}\n${stderr}`);
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };
  return { child, firstLines, exited };
}

export function runCli(args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<CliRun> {
  return spawnCli(args, env).exited;
}

/** `export NAME=value` lines (as `roster sandbox` prints them, unquoted values) → an environment. */
export function parseExportLines(lines: readonly string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of lines) {
    const match = /^export ([A-Z0-9_]+)=(.*)$/.exec(line);
    if (match?.[1] === undefined || match[2] === undefined) throw new Error(`not an export line: ${line}`);
    env[match[1]] = match[2];
  }
  return env;
}

export { singleTarget } from "../single-target.js";
