// Rebuilds the bundle into a temporary directory and compares it with the committed dist/
// (actions/typescript-action check-dist.yml, without needing git). Exit 1 when they differ.
// Both this check and `pnpm build` run ncc with --no-cache: with its cache ncc may emit tslib's
// helpers in another place, so a warm and a cold build of the same sources differed.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const actionDir = fileURLToPath(new URL("..", import.meta.url));
const distDir = join(actionDir, "dist");
const ncc = join(actionDir, "node_modules", "@vercel", "ncc", "dist", "ncc", "cli.js");

function listFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

// Git may check dist/ out with CRLF on Windows; compare as the repo stores it (eol=lf).
const read = (file) => readFileSync(file, "utf8").replace(/\r\n/g, "\n");

const outDir = mkdtempSync(join(tmpdir(), "roster-check-dist-"));
try {
  execFileSync(
    process.execPath,
    [
      ncc,
      "build",
      "src/index.ts",
      "-o",
      outDir,
      "--license",
      "licenses.txt",
      "--target",
      "es2022",
      "--quiet",
      "--no-cache",
    ],
    { cwd: actionDir, stdio: "inherit" },
  );
  const expected = listFiles(outDir);
  const actual = listFiles(distDir);
  const problems = [];
  for (const file of expected) {
    if (!actual.includes(file)) problems.push(`missing: dist/${file}`);
    else if (read(join(outDir, file)) !== read(join(distDir, file))) problems.push(`differs: dist/${file}`);
  }
  for (const file of actual) if (!expected.includes(file)) problems.push(`not produced by the build: dist/${file}`);
  if (problems.length > 0) {
    console.error("packages/action/dist is out of date with its sources:");
    for (const problem of problems) console.error(`  ${problem}`);
    console.error("Rebuild with `pnpm --filter @roster/action build` (after building @roster/core) and commit dist/.");
    process.exitCode = 1;
  } else {
    console.log(`packages/action/dist matches a fresh build (${expected.length} files).`);
  }
} finally {
  rmSync(outDir, { recursive: true, force: true });
}
