import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The end-to-end tests run `node packages/cli/bin/roster.js`, which loads compiled JavaScript:
 * cli's dist always, and core's dist (turbo's `^build` makes it before `test`; when vitest is run
 * by hand and core's sources are newer than its dist, it is rebuilt here).
 */
const cliDir = fileURLToPath(new URL("../..", import.meta.url));
const coreDir = join(cliDir, "..", "core");
const tsc = createRequire(join(cliDir, "package.json")).resolve("typescript/bin/tsc");

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts"))
      newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function build(dir: string): void {
  try {
    execFileSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { cwd: dir, stdio: "pipe" });
  } catch (error) {
    // tsc still emits on type errors; a missing entry point below is the failure that matters.
    const output = (error as { stdout?: Buffer }).stdout?.toString() ?? String(error);
    process.stderr.write(`tsc in ${dir} reported errors:\n${output.slice(0, 4000)}\n`);
  }
}

export function setup(): void {
  const coreEntry = join(coreDir, "dist", "index.js");
  if (!existsSync(coreEntry) || statSync(coreEntry).mtimeMs < newestSource(join(coreDir, "src"))) build(coreDir);
  build(cliDir);
  for (const entry of [coreEntry, join(cliDir, "dist", "main.js")]) {
    if (!existsSync(entry)) throw new Error(`${entry} was not built`);
  }
}
