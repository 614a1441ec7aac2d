import { readFile } from "node:fs/promises";
import { ConfigError, getVendorModule, type VendorId } from "@roster/core";
import {
  type AdobeSimulatorOptions,
  adobeSimulatorEnv,
  type PeriscopeSimulatorOptions,
  periscopeDemoSeed,
  periscopeSimulatorEnv,
  type SigmaSimulatorOptions,
  sigmaSimulatorEnv,
  startAdobeSimulator,
  startPeriscopeSimulator,
  startSigmaSimulator,
} from "@roster/core/testing";
import type { CommandContext } from "../command-context.js";
import { ExitCode, type ExitCodeValue } from "../exit-codes.js";
import { waitForStop } from "../io.js";
import { parseCount } from "../options.js";
import { runSandboxAll } from "./sandbox-all.js";

export interface SandboxFlags {
  readonly vendor: string;
  readonly port?: string;
  readonly seed?: string;
}

export interface StartedSandbox {
  readonly url: string;
  /** The settings that point Roster at this simulator, in print order. */
  readonly env: Readonly<Record<string, string>>;
  close(): Promise<void>;
}

// Each simulator checks its own seed's shape; a seed file is handed over as parsed.
export type StartSandbox = (port: number, seed: unknown) => Promise<StartedSandbox>;

const sandboxes: Record<VendorId, StartSandbox> = {
  sigma: async (port, seed) => {
    const sim = await startSigmaSimulator({
      port,
      ...(seed === undefined ? {} : { seed: seed as NonNullable<SigmaSimulatorOptions["seed"]> }),
    });
    return { url: sim.url, env: sigmaSimulatorEnv(sim), close: () => sim.close() };
  },
  adobe: async (port, seed) => {
    const sim = await startAdobeSimulator({
      port,
      ...(seed === undefined ? {} : { seed: seed as NonNullable<AdobeSimulatorOptions["seed"]> }),
    });
    return { url: sim.url, env: adobeSimulatorEnv(sim), close: () => sim.close() };
  },
  periscope: async (port, seed) => {
    const periscopeSeed = (seed as PeriscopeSimulatorOptions["seed"]) ?? periscopeDemoSeed;
    const sim = await startPeriscopeSimulator({ port, seed: periscopeSeed });
    return { url: sim.url, env: periscopeSimulatorEnv(sim, periscopeSeed), close: () => sim.close() };
  },
};

export async function readSeed(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new ConfigError("--seed", `Cannot read the seed file ${path}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ConfigError("--seed", `The seed file ${path} is not valid JSON: ${(error as Error).message}`);
  }
}

/**
 * `roster sandbox --vendor <id>`: the vendor's simulator on 127.0.0.1, seeded with a demo
 * organisation. The first lines on stdout are the environment that points Roster at it, one
 * `NAME=value` per line (the sandbox's own made-up credentials, not secrets), so a script can read
 * them before the server blocks; then it serves until SIGINT/SIGTERM and closes cleanly.
 */
export async function runSandbox(flags: SandboxFlags, context: CommandContext): Promise<ExitCodeValue> {
  // `--vendor all`: the three simulators together, for roster.yml (commands/sandbox-all.ts).
  if (flags.vendor === "all") return runSandboxAll(flags, context, sandboxes);
  const { io, output } = context;
  const id = getVendorModule(flags.vendor).id;
  const port = flags.port === undefined ? 0 : parseCount("--port", flags.port);
  if (port > 65_535) throw new ConfigError("--port", `--port must be from 0 to 65535; got ${port}.`);
  const seed = flags.seed === undefined ? undefined : await readSeed(flags.seed);
  let simulator: StartedSandbox;
  try {
    simulator = await sandboxes[id](port, seed);
  } catch (error) {
    if ((error as { code?: unknown }).code === "EADDRINUSE") {
      throw new ConfigError("--port", `Port ${port} is already in use; pick another, or --port 0 for any free port.`);
    }
    // A seed the simulator rejects is the user's file at fault, not Roster.
    if (seed !== undefined) throw new ConfigError("--seed", `${flags.seed}: ${(error as Error).message}`);
    throw error;
  }
  try {
    const env = simulator.env;
    // Written directly, not through the redacting printer: these values are the point.
    io.stdout.write(
      `${Object.entries(env)
        .map(([name, value]) => `${name}=${value}`)
        .join("\n")}\n`,
    );
    output.err(
      `${id} sandbox listening on ${simulator.url} (state: ${simulator.url}/__sandbox/state). ` +
        `Export the lines above in another terminal, then run: roster plan users.csv --vendor ${id}. ` +
        "Press Ctrl+C to stop.",
    );
    const signal = await waitForStop(io);
    output.err(`${signal}: stopping the ${id} sandbox.`);
  } finally {
    await simulator.close();
  }
  return ExitCode.ok;
}
