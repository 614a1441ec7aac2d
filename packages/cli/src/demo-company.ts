import { cp, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startDemoSimulators } from "@roster/core/testing";
import { createCapturingIo } from "./capture-io.js";
import type { CliIo } from "./io.js";
import { main } from "./main.js";

const EXAMPLE = new URL("../../../examples/company/", import.meta.url);

const COMPANY_COMMANDS = `What you would type yourself:

  roster sandbox --vendor all          # terminal 1: the three simulators; export the lines it prints
  cd examples/company                  # terminal 2: roster.yml + users.csv for the three vendors
  roster plan                          # every vendor and site roster.yml names
  roster plan --vendor sigma           # just one
  roster export -o users.csv           # the live vendors as one users.csv (plans to 0 changes)
`;

/**
 * The `pnpm demo` section for roster.yml: examples/company (one users.csv, company groups mapped to
 * each vendor) against the Sigma, Periscope (two sites) and Adobe simulators: plan every vendor at
 * once, apply, plan again (empty), export. Returns the exit code.
 */
export async function runCompanyDemo(io: CliIo): Promise<number> {
  const simulators = await startDemoSimulators();
  const dir = await mkdtemp(join(tmpdir(), "roster-demo-company-"));
  const cwd = process.cwd();
  try {
    await cp(EXAMPLE, dir, { recursive: true });
    process.chdir(dir);
    const env = { ...io.env, ...simulators.env };
    // The demo is read as one story: what the commands say on stderr (export's count) goes with it.
    const demoIo: CliIo = { ...io, env, stderr: io.stdout as CliIo["stderr"] };
    const say = (text: string): void => {
      io.stdout.write(`${text}\n`);
    };
    const step = async (title: string, args: string[]): Promise<boolean> => {
      say(`\n=== ${title}\n$ roster ${args.join(" ")}\n`);
      const code = await main(args, demoIo);
      say(`(exit ${code})`);
      return code === 0;
    };
    say("\n\n##### One file, every vendor: examples/company (roster.yml + users.csv)\n");
    say(await readFile("roster.yml", "utf8"));
    say(await readFile("users.csv", "utf8"));
    const ok =
      (await step("5. plan every vendor and site roster.yml names (read-only, read at once)", ["plan"])) &&
      (await step("6. apply them all", ["apply", "--yes"])) &&
      (await step("7. export the live vendors as one users.csv", ["export", "-o", "exported.csv"]));
    say(await readFile("exported.csv", "utf8"));
    // The claim that the export plans to zero changes, checked rather than eyeballed.
    const check = createCapturingIo({ env });
    await main(["plan", "exported.csv", "--json"], check);
    const plans = JSON.parse(check.stdoutText()) as { changes: unknown[] }[];
    const changes = plans.reduce((sum, plan) => sum + plan.changes.length, 0);
    say(`Plan of the exported file: ${changes} changes across ${plans.length} vendors and sites.`);
    say(`\n${COMPANY_COMMANDS}`);
    return ok && changes === 0 ? 0 : 1;
  } finally {
    process.chdir(cwd);
    await simulators.close();
    await rm(dir, { recursive: true, force: true });
  }
}
