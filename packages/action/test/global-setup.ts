import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The end-to-end tests run the bundle, so build it first when it is missing or older than any
 * source it comes from: core's dist (tsc) and then the action's dist (ncc, as `pnpm build` does).
 * A fresh clone after turbo's `^build` only needs the ncc step.
 *
 * In CI (`CI=true`) an existing dist/ is never rebuilt: the tests then exercise the committed
 * bundle, and `check-dist` (run after the tests) still catches a bundle that is out of date.
 * Rebuilding it in place would make that check compare a fresh build with itself.
 */
const actionDir = fileURLToPath(new URL("..", import.meta.url));
const coreDir = join(actionDir, "..", "core");

function newestMtime(dir: string, filter: (name: string) => boolean): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !filter(entry.name)) continue;
    newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

function mtimeOf(file: string): number {
  return existsSync(file) ? statSync(file).mtimeMs : -1;
}

const isSource = (name: string) => name.endsWith(".ts") && !name.endsWith(".test.ts");

export function setup(): void {
  // Escape hatch while iterating on unit tests only; the end-to-end tests then use dist/ as it is.
  if (process.env.ROSTER_SKIP_DIST_BUILD === "1") return;
  const coreDist = join(coreDir, "dist", "index.js");
  if (mtimeOf(coreDist) < newestMtime(join(coreDir, "src"), isSource)) {
    execFileSync(
      process.execPath,
      [join(coreDir, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.build.json"],
      {
        cwd: coreDir,
        stdio: "inherit",
      },
    );
  }
  const actionDist = join(actionDir, "dist", "index.js");
  const inCi = process.env.CI === "true" || process.env.CI === "1";
  if (inCi && existsSync(actionDist)) return;
  const newestInput = Math.max(
    newestMtime(join(actionDir, "src"), isSource),
    newestMtime(join(coreDir, "dist"), (name) => name.endsWith(".js")),
  );
  if (mtimeOf(actionDist) < newestInput) {
    execFileSync(
      process.execPath,
      [
        join(actionDir, "node_modules", "@vercel", "ncc", "dist", "ncc", "cli.js"),
        "build",
        "src/index.ts",
        "-o",
        "dist",
        "--license",
        "licenses.txt",
        "--target",
        "es2022",
      ],
      { cwd: actionDir, stdio: "inherit" },
    );
  }
}
