import { ConfigError, ExitCode, type ExitCodeValue, VENDOR_IDS, type VendorId } from "@roster/core";
import type { CommandContext } from "../command-context.js";
import { waitForStop } from "../io.js";
import { exportLine, type SandboxFlags, type StartedSandbox, type StartSandbox } from "./sandbox.js";

/**
 * `roster sandbox --vendor all`: Sigma, Periscope and Adobe simulators together, each on its own
 * free port, their demo organisations seeded, and every variable printed first (one
 * `export NAME=value` a line, as the one-vendor sandbox prints them), so `roster plan` with a roster.yml naming the three vendors just works in another
 * terminal. `--port` and `--seed` name one simulator, so they are refused here.
 */
export async function runSandboxAll(
  flags: SandboxFlags,
  context: CommandContext,
  sandboxes: Readonly<Record<VendorId, StartSandbox>>,
): Promise<ExitCodeValue> {
  const { io, output } = context;
  if (flags.seed !== undefined)
    throw new ConfigError("--seed", "--seed seeds one simulator: use it with --vendor <id>, not --vendor all.");
  if (flags.port !== undefined && flags.port !== "0") {
    throw new ConfigError("--port", "--port names one port: with --vendor all each simulator takes a free port.");
  }
  const started: StartedSandbox[] = [];
  try {
    for (const id of VENDOR_IDS) started.push(await sandboxes[id](0, undefined, []));
    const lines = started.flatMap((sim) => Object.entries(sim.env).map(([name, value]) => exportLine(name, value)));
    // Written directly, not through the redacting printer: these made-up values are the point.
    io.stdout.write(`${lines.join("\n")}\n`);
    output.err(
      `Sandboxes listening: ${VENDOR_IDS.map((id, i) => `${id} ${started[i]?.url ?? ""}`).join(", ")}. ` +
        "Paste the export lines above into another terminal, then run: roster plan (with a roster.yml naming the three vendors). " +
        "Press Ctrl+C to stop.",
    );
    const signal = await waitForStop(io);
    output.err(`${signal}: stopping the sandboxes.`);
  } finally {
    await Promise.all(started.map((sim) => sim.close()));
  }
  return ExitCode.ok;
}
