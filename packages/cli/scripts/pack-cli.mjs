// `pnpm --filter @roster/cli pack-cli`: the installable `roster` command as an npm tarball,
// packages/cli/roster-cli-<version>.tgz, that `npm install -g` and `npx` can run.
//
// @roster/cli itself cannot be published as it is: it depends on the private workspace package
// @roster/core (`workspace:*`). So the compiled CLI (dist/main.js, core included) is bundled with
// ncc into one file, and packed with bin/roster.js (the Node version check) and a manifest that
// has no dependencies. The bundle carries the simulators too, for `roster sandbox`.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const cliDir = fileURLToPath(new URL("..", import.meta.url));
const releaseDir = join(cliDir, "release");
const manifest = JSON.parse(readFileSync(join(cliDir, "package.json"), "utf8"));
const ncc = createRequire(join(cliDir, "package.json")).resolve("@vercel/ncc/dist/ncc/cli.js");

rmSync(releaseDir, { recursive: true, force: true });
mkdirSync(join(releaseDir, "bin"), { recursive: true });
execFileSync(
  process.execPath,
  [ncc, "build", join(cliDir, "dist", "main.js"), "-o", join(releaseDir, "dist"), "--target", "es2022", "--quiet"],
  { stdio: "inherit" },
);
// bin/roster.js imports ../dist/main.js, in the workspace and in the package alike.
renameSync(join(releaseDir, "dist", "index.js"), join(releaseDir, "dist", "main.js"));
// ... and ../dist/heap.js before it (the heap options' relaunch, src/heap.ts), bundled on its own so
// the relaunch happens before the CLI is loaded.
execFileSync(
  process.execPath,
  [ncc, "build", join(cliDir, "dist", "heap.js"), "-o", join(releaseDir, "heap"), "--target", "es2022", "--quiet"],
  { stdio: "inherit" },
);
renameSync(join(releaseDir, "heap", "index.js"), join(releaseDir, "dist", "heap.js"));
rmSync(join(releaseDir, "heap"), { recursive: true, force: true });
copyFileSync(join(cliDir, "bin", "roster.js"), join(releaseDir, "bin", "roster.js"));

const release = {
  name: "roster-cli",
  version: manifest.version,
  description: manifest.description,
  license: "MIT",
  type: "module",
  engines: manifest.engines,
  bin: { roster: "bin/roster.js" },
  files: ["bin", "dist"],
};
writeFileSync(join(releaseDir, "package.json"), `${JSON.stringify(release, null, 2)}\n`);
// ncc relocates the package.json that main.ts reads its version from next to the bundle; that copy
// is the workspace manifest (private, workspace:* dependencies), so it is replaced by the release one.
writeFileSync(join(releaseDir, "dist", "package.json"), `${JSON.stringify(release, null, 2)}\n`);

const packed = execFileSync("npm", ["pack", "--pack-destination", cliDir, "--silent"], {
  cwd: releaseDir,
  encoding: "utf8",
}).trim();
process.stdout.write(`${join(cliDir, packed)}\n`);
