import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type RunningSigmaSimulator,
  sigmaDemoSeed,
  sigmaSimulatorEnv,
  startSigmaSimulator,
} from "@roster/core/testing";

export interface SigmaFixture {
  readonly sim: RunningSigmaSimulator;
  readonly env: Record<string, string>;
  readonly dir: string;
  /** Writes a users.csv into the fixture's temp dir and returns its path. */
  writeCsv(text: string, name?: string): Promise<string>;
  /** Vendor requests that could change something (everything but GETs and the token exchange). */
  mutatingRequests(): { method: string; route: string }[];
  close(): Promise<void>;
}

export async function startSigmaFixture(): Promise<SigmaFixture> {
  const sim = await startSigmaSimulator({ seed: sigmaDemoSeed });
  const dir = await mkdtemp(join(tmpdir(), "roster-cli-test-"));
  return {
    sim,
    env: { ...sigmaSimulatorEnv(sim) },
    dir,
    writeCsv: async (text, name = "users.csv") => {
      const path = join(dir, name);
      await writeFile(path, text);
      return path;
    },
    mutatingRequests: () =>
      sim.requests
        .filter((request) => request.method !== "GET" && request.route !== "auth.token")
        .map(({ method, route }) => ({ method, route })),
    close: async () => {
      await sim.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
