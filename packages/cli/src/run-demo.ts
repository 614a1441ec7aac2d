import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sigmaDemoSeed, sigmaSimulatorEnv, startSigmaSimulator } from "@roster/core/testing";
import { createCapturingIo } from "./capture-io.js";
import { runCompanyDemo } from "./demo-company.js";
import { DEMO_USERS_CSV } from "./demo-csv.js";
import type { CliIo } from "./io.js";
import { main } from "./main.js";
import { singleTarget } from "./single-target.js";

const USER_COMMANDS = `What you would type yourself:

  # terminal 1: a local Sigma with the same demo organisation
  roster sandbox --vendor sigma --port 4010
  # terminal 2: paste the export SIGMA_... lines it printed, then
  roster validate examples/sigma-users.csv --vendor sigma
  roster plan examples/sigma-users.csv --vendor sigma
  roster apply examples/sigma-users.csv --vendor sigma        # asks y/N; --yes in scripts
  roster plan examples/sigma-users.csv --vendor sigma --json  # machine-readable plan
  roster plan examples/sigma-users.csv --vendor sigma --state examples/sigma-snapshot.json  # offline
`;

/**
 * `pnpm demo`: the whole loop against the Sigma simulator in this process, no credentials and no
 * network: validate, plan, apply, and a second plan that is empty because apply converged.
 * Returns the exit code (non-zero if any step did not do what the demo claims).
 */
export async function runDemo(io: CliIo): Promise<number> {
  const simulator = await startSigmaSimulator({ seed: sigmaDemoSeed });
  const dir = await mkdtemp(join(tmpdir(), "roster-demo-"));
  const cwd = process.cwd();
  try {
    await writeFile(join(dir, "users.csv"), DEMO_USERS_CSV);
    // Run from the temp dir so every report says `users.csv:12`, as it would for a user.
    process.chdir(dir);
    const csv = "users.csv";
    const env = { ...io.env, ...sigmaSimulatorEnv(simulator) };
    const demoIo: CliIo = { ...io, env };
    const say = (text: string): void => {
      io.stdout.write(`${text}\n`);
    };
    const step = async (title: string, args: string[], expected: number): Promise<boolean> => {
      say(`\n=== ${title}\n$ roster ${args.join(" ")}\n`);
      const code = await main(args, demoIo);
      say(`(exit ${code})`);
      return code === expected;
    };

    say(`Sigma simulator with the demo organisation at ${simulator.url}; users.csv written to ${dir}:\n`);
    say(DEMO_USERS_CSV);
    const ok =
      (await step("1. validate the file (offline)", ["validate", csv, "--vendor", "sigma"], 0)) &&
      (await step("2. plan: what would change (read-only)", ["plan", csv, "--vendor", "sigma"], 0)) &&
      (await step("3. apply", ["apply", csv, "--vendor", "sigma", "--yes"], 0)) &&
      (await step("4. plan again: nothing left to do", ["plan", csv, "--vendor", "sigma"], 0));

    // The claim of step 4, checked rather than eyeballed.
    const check = createCapturingIo({ env });
    await main(["plan", csv, "--vendor", "sigma", "--json"], check);
    const changes = singleTarget<{ changes: unknown[] }>(check.stdoutText()).changes.length;
    say(`\nSecond plan: ${changes} changes.${changes === 0 ? " Apply converged." : " Expected none!"}`);
    say(`\n${USER_COMMANDS}`);
    // roster.yml: the same loop for three vendors from one users.csv (demo-company.ts).
    const company = await runCompanyDemo(io);
    return ok && changes === 0 && company === 0 ? 0 : 1;
  } finally {
    process.chdir(cwd);
    await simulator.close();
    await rm(dir, { recursive: true, force: true });
  }
}
