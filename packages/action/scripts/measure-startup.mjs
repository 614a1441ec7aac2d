// Measures the bundle: its size, and the time from spawning `node dist/index.js` to the first
// request the vendor (the Sigma simulator) receives, on a scheduled dry run. Needs dist/ and
// @roster/core's dist/ built. Usage: node scripts/measure-startup.mjs [--runs N] [--quick]
// `pnpm bench -- <flags>` hands every package's bench script the same flags, so this script reads
// its own (--runs, --quick: 3 runs) and says which others it leaves to the benchmark package.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { startSigmaSimulator } from "@roster/core/testing";

const entry = fileURLToPath(new URL("../dist/index.js", import.meta.url));
const { values, tokens } = parseArgs({
  options: { runs: { type: "string" }, quick: { type: "boolean", default: false } },
  strict: false,
  allowPositionals: true,
  tokens: true,
});
const ignored = tokens.filter((t) => t.kind !== "option" || (t.name !== "runs" && t.name !== "quick"));
if (ignored.length > 0) {
  const shown = ignored.map((t) => (t.kind === "option" ? t.rawName : t.kind === "positional" ? t.value : "--"));
  console.log(`measure-startup: ignoring ${shown.join(" ")} (not options of this script)`);
}
const asked = values.runs;
const runs = asked === undefined ? (values.quick === true ? 3 : 7) : Number(asked);
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`measure-startup: --runs must be a whole number of runs, 1 or more (got ${JSON.stringify(asked)})`);
  process.exit(2);
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const sim = await startSigmaSimulator();
const root = mkdtempSync(join(tmpdir(), "roster-measure-"));
const firstRequest = [];
const total = [];
try {
  writeFileSync(join(root, "users.csv"), "email,first_name,last_name,role\nnew@acme.test,New,User,viewer\n");
  writeFileSync(join(root, "event.json"), "{}");
  writeFileSync(join(root, "out"), "");
  writeFileSync(join(root, "summary"), "");
  for (let i = 0; i < runs; i += 1) {
    sim.clearRequests();
    const env = {
      GITHUB_EVENT_NAME: "schedule",
      GITHUB_EVENT_PATH: join(root, "event.json"),
      GITHUB_REPOSITORY: "acme/people",
      GITHUB_SHA: "1".repeat(40),
      GITHUB_REF: "refs/heads/main",
      GITHUB_API_URL: "http://127.0.0.1:9",
      GITHUB_OUTPUT: join(root, "out"),
      GITHUB_STEP_SUMMARY: join(root, "summary"),
      GITHUB_WORKSPACE: root,
      INPUT_VENDOR: "sigma",
      "INPUT_SIGMA-CLIENT-ID": sim.clientId,
      "INPUT_SIGMA-CLIENT-SECRET": sim.clientSecret,
      "INPUT_SIGMA-BASE-URL": sim.url,
      INPUT_COMMENT: "false",
    };
    const started = Date.now();
    const child = spawn(process.execPath, [entry], { env, stdio: process.env.MEASURE_DEBUG ? "inherit" : "ignore" });
    const [code] = await once(child, "close");
    total.push(Date.now() - started);
    if (code !== 0) throw new Error(`run ${i} exited with ${code}`);
    firstRequest.push(sim.requests[0].time - started);
  }
} finally {
  await sim.close();
  rmSync(root, { recursive: true, force: true });
}
console.log(`bundle: dist/index.js ${statSync(entry).size} bytes`);
console.log(`spawn -> first vendor request: median ${median(firstRequest)} ms (runs: ${firstRequest.join(", ")})`);
console.log(`whole dry run (spawn -> exit): median ${median(total)} ms`);
