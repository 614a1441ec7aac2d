// CI check of the installable CLI (run after `pack-cli`, on any Node): installs the packed tarball
// with npm into a temp directory, as a user would (`npm install -g`, and `npx` from the tarball),
// and runs the installed `roster` from there, outside the workspace. On a Node the CLI supports,
// `roster --version` and `roster validate` must work; on an older one, `roster --version` must say
// in one line which Node it needs and exit 2.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const cliDir = fileURLToPath(new URL("..", import.meta.url));
const example = fileURLToPath(new URL("../../../examples/sigma-users.csv", import.meta.url));
const { version, engines } = JSON.parse(readFileSync(join(cliDir, "package.json"), "utf8"));
const tarball = join(cliDir, `roster-cli-${version}.tgz`);
const minimum = engines.node.replace(/^>=/, "");
const supported = compare(process.versions.node, minimum) >= 0;

function compare(a, b) {
  const [x, y] = [a, b].map((v) => v.split(".").map(Number));
  for (let i = 0; i < 3; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}

function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, encoding: "utf8" });
  return { code: result.status, stdout: result.stdout ?? "", stderr: result.stderr ?? "" };
}

function expect(ok, what, result) {
  if (ok) {
    process.stdout.write(`ok: ${what}\n`);
    return;
  }
  process.stderr.write(`FAILED: ${what}\n${JSON.stringify(result, null, 2)}\n`);
  process.exitCode = 1;
}

const dir = mkdtempSync(join(tmpdir(), "roster-package-"));
try {
  const prefix = join(dir, "global");
  const install = run("npm", ["install", "-g", "--prefix", prefix, "--no-audit", "--no-fund", tarball], dir);
  expect(install.code === 0, `npm install -g ${tarball}`, install);
  const roster = join(prefix, "bin", "roster");
  const shown = run(roster, ["--version"], dir);
  if (supported) {
    expect(shown.code === 0 && shown.stdout.trim() === version, `roster --version prints ${version}`, shown);
    const valid = run(roster, ["validate", example, "--vendor", "sigma"], dir);
    expect(valid.code === 0 && valid.stdout.includes("valid for sigma"), "roster validate (installed)", valid);
    const npx = run("npx", ["--yes", "--package", tarball, "--", "roster", "--version"], dir);
    expect(npx.code === 0 && npx.stdout.trim() === version, "npx --package <tarball> roster --version", npx);
  } else {
    const oneLine = shown.stderr.trim().split("\n").length === 1 && shown.stderr.includes(`Node.js ${minimum}`);
    expect(
      shown.code === 2 && oneLine && shown.stdout === "",
      `Node ${process.versions.node}: one line, exit 2`,
      shown,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
