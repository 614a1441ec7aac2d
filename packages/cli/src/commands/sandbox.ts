import { readFile } from "node:fs/promises";
import { ConfigError, ExitCode, type ExitCodeValue, getVendorModule, type VendorId } from "@roster/core";
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
import { waitForStop } from "../io.js";
import { parseCount } from "../options.js";
import { runSandboxAll } from "./sandbox-all.js";

export interface SandboxFlags {
  readonly vendor: string;
  readonly port?: string;
  readonly seed?: string;
  /** Periscope: print the settings of these sites only (the simulator still serves every site). */
  readonly site?: readonly string[];
}

export interface StartedSandbox {
  readonly url: string;
  /** The settings that point Roster at this simulator, in print order. */
  readonly env: Readonly<Record<string, string>>;
  close(): Promise<void>;
}

// Each simulator checks its own seed's shape; a seed file is handed over as parsed.
export type StartSandbox = (port: number, seed: unknown, sites: readonly string[]) => Promise<StartedSandbox>;

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
  periscope: async (port, seed, sites) => {
    const periscopeSeed = (seed as PeriscopeSimulatorOptions["seed"]) ?? periscopeDemoSeed;
    const printed = selectSites(periscopeSeed, sites);
    const sim = await startPeriscopeSimulator({ port, seed: periscopeSeed });
    return { url: sim.url, env: periscopeSimulatorEnv(sim, printed), close: () => sim.close() };
  },
};

type PeriscopeSimSeed = NonNullable<PeriscopeSimulatorOptions["seed"]>;

/**
 * The demo organisation has a v1 site and an RBAC site, and one users.csv suits only one family (v1
 * groups or RBAC roles): `--site` prints the settings of the sites a file is written for.
 */
function selectSites(seed: PeriscopeSimSeed, sites: readonly string[]): PeriscopeSimSeed {
  if (sites.length === 0) return seed;
  const known = seed.sites.map((site) => site.name);
  const unknown = sites.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw new ConfigError("--site", `Unknown sandbox site "${unknown[0]}"; the sites are ${known.join(", ")}.`);
  }
  return { ...seed, sites: seed.sites.filter((site) => sites.includes(site.name)) };
}

/**
 * `export NAME=value`, pasteable into sh, bash and zsh (values from a seed file are quoted when they
 * hold anything a shell would interpret).
 */
export function exportLine(name: string, value: string): string {
  const safe = /^[\w@%+=:,./-]*$/.test(value);
  return `export ${name}=${safe ? value : `'${value.replaceAll("'", `'\\''`)}'`}`;
}

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
 * `export NAME=value` per line (the sandbox's own made-up credentials, not secrets), so a person can
 * paste them and a script can read them before the server blocks; then it serves until SIGINT/SIGTERM and closes cleanly.
 */
export async function runSandbox(flags: SandboxFlags, context: CommandContext): Promise<ExitCodeValue> {
  // `--vendor all`: the three simulators together, for roster.yml (commands/sandbox-all.ts).
  if (flags.vendor === "all") return runSandboxAll(flags, context, sandboxes);
  const { io, output } = context;
  const id = getVendorModule(flags.vendor).id;
  const port = flags.port === undefined ? 0 : parseCount("--port", flags.port);
  if (port > 65_535) throw new ConfigError("--port", `--port must be from 0 to 65535; got ${port}.`);
  const seed = flags.seed === undefined ? undefined : await readSeed(flags.seed);
  const sites = flags.site ?? [];
  if (sites.length > 0 && id !== "periscope") throw new ConfigError("--site", "--site is for --vendor periscope only.");
  let simulator: StartedSandbox;
  try {
    simulator = await sandboxes[id](port, seed, sites);
  } catch (error) {
    if (error instanceof ConfigError) throw error;
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
        .map(([name, value]) => exportLine(name, value))
        .join("\n")}\n`,
    );
    output.err(
      `${id} sandbox listening on ${simulator.url} (state: ${simulator.url}/__sandbox/state). ` +
        `Paste the export lines above into another terminal, then run: roster plan users.csv --vendor ${id}. ` +
        "Press Ctrl+C to stop.",
    );
    const signal = await waitForStop(io);
    output.err(`${signal}: stopping the ${id} sandbox.`);
  } finally {
    await simulator.close();
  }
  return ExitCode.ok;
}
