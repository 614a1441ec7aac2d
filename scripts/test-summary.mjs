// Adds up the vitest JSON reports of every package into one closing line, "N passed, N failed",
// so CI logs end with a count that does not depend on turbo's interleaved output.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
let passed = 0;
let failed = 0;
let skipped = 0;
const missing = [];
for (const pkg of readdirSync(join(root, "packages"))) {
  const manifest = join(root, "packages", pkg, "package.json");
  if (!existsSync(manifest) || JSON.parse(readFileSync(manifest, "utf8")).scripts?.test === undefined) continue;
  const file = join(root, "packages", pkg, ".vitest-results.json");
  // A package whose tests ran without the JSON reporter would drop out of the count unnoticed.
  if (!existsSync(file)) {
    missing.push(pkg);
    continue;
  }
  const report = JSON.parse(readFileSync(file, "utf8"));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
}
if (missing.length > 0)
  console.log(`No test report from: ${missing.join(", ")} (vitest.config must use vitest.shared.ts)`);
console.log(`Tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exitCode = failed > 0 || passed === 0 || missing.length > 0 ? 1 : 0;
