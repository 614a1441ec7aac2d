import type { TokenTransportOptions } from "../../http/types.js";
import type { Directory } from "../../model/directory.js";
import { handPlan as sharedHandPlan } from "../../plan/test-builders.js";
import type { Change, NewUser, Plan } from "../../plan/types.js";
import type { LoggedRequest } from "../../simulator/types.js";
import type { Logger, RunMode, VendorContext } from "../vendor.js";
import { type RunningSigmaSimulator, type SigmaSimulatorOptions, startSigmaSimulator } from "./simulator/index.js";
import { sigmaSimulatorEnv } from "./testing.js";
import { createSigmaVendor } from "./vendor.js";

/** Shared by the Sigma tests: a simulator, a vendor pointed at it, no real waiting. */
export const silentLogger: Logger = { info() {}, warn() {}, debug() {} };
export const quietContext: VendorContext = { logger: silentLogger };

export async function startSigmaHarness(
  simOptions: SigmaSimulatorOptions = {},
  mode: RunMode = "apply",
  transport: TokenTransportOptions & { readonly sleepMovesSimClock?: boolean } = {},
) {
  const sim: RunningSigmaSimulator = await startSigmaSimulator(simOptions);
  const sleeps: number[] = [];
  const logs: string[] = [];
  const logger: Logger = { info: (m) => logs.push(m), warn: (m) => logs.push(m), debug: (m) => logs.push(m) };
  const vendor = createSigmaVendor(
    sigmaSimulatorEnv(sim),
    { mode, logger },
    {
      // Waits are recorded, never slept; optionally they move the simulator clock instead.
      sleep: async (ms) => {
        sleeps.push(ms);
        if (transport.sleepMovesSimClock === true) sim.advanceClock(ms);
      },
      random: () => 0.5,
      ...transport,
    },
  );
  return {
    sim,
    vendor,
    sleeps,
    /** Every line the vendor and its HTTP clients logged. */
    logs,
    async [Symbol.asyncDispose]() {
      await vendor.close();
      await sim.close();
    },
  };
}

/** A Sigma plan built by hand (the planner has its own tests): changes as given, counts derived. */
export function handPlan(changes: readonly Change[]): Plan {
  return sharedHandPlan(changes, { vendor: "sigma" });
}

export const isWrite = (request: LoggedRequest) => request.method !== "GET" && request.route !== "auth.token";
export const byRoute = (requests: readonly LoggedRequest[], route: string) => requests.filter((r) => r.route === route);

/** The id Sigma gave a member of the read directory. */
export function idOf(directory: Directory, email: string): string {
  const user = directory.users.find((candidate) => candidate.email === email);
  if (!user) throw new Error(`no ${email} in the directory`);
  return user.id;
}

/** A new member as the planner would describe it. */
export function newUser(email: string, extra: Partial<NewUser> = {}): NewUser {
  return {
    email,
    emailAsWritten: email,
    firstName: "New",
    lastName: "Person",
    groups: [],
    attributes: {},
    status: "active",
    ...extra,
  };
}
