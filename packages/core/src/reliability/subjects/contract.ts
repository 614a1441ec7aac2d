import type { Directory } from "../../model/directory.js";
import { defaultPolicy, type Policy } from "../../model/policy.js";
import { directoryOf } from "../../plan/test-builders.js";
import { adobeSimulatorEnv, startAdobeSimulator } from "../../vendors/adobe/simulator/index.js";
import { adobeVendor } from "../../vendors/adobe/vendor.js";
import { memoryVendorModule } from "../../vendors/memory/vendor.js";
import { periscopeDemoSeed, periscopeSimulatorEnv, startPeriscopeSimulator } from "../../vendors/periscope/testing.js";
import { periscopeVendor } from "../../vendors/periscope/vendor.js";
import { sigmaDemoSeed, sigmaSimulatorEnv, startSigmaSimulator } from "../../vendors/sigma/testing.js";
import { sigmaVendor } from "../../vendors/sigma/vendor.js";
import type { VendorModule, VendorSettings } from "../../vendors/vendor.js";

/** A vendor's backend for the contract suite (vendors/contract.test.ts): its simulator, or memory. */
export interface ContractBackend extends AsyncDisposable {
  /** The module to run against this backend (the memory vendor's holds the backend itself). */
  readonly module: VendorModule;
  /** What points the module at the backend (the settings the CLI reads from the environment). */
  readonly settings: VendorSettings;
  /** Writes the backend received so far (a plan-mode run must add none). */
  writes(): number;
}

/**
 * What the contract suite needs from a vendor: its module, a backend to run it against, and a
 * users.csv that changes a name and creates a user there. The memory vendor is one, with no HTTP.
 */
export interface ContractSubject {
  readonly name: string;
  readonly module: VendorModule;
  start(): Promise<ContractBackend>;
  readonly csv: string;
  readonly policy: Policy;
}

const policy: Policy = { ...defaultPolicy, removalThreshold: { percent: 100, floor: 100 } };

const memoryDirectory: Directory = directoryOf([
  { email: "ann@memory.test", firstName: "Ann", lastName: "Old", groups: ["Sales"] },
  { email: "bob@memory.test", firstName: "Bob", lastName: "Other" },
]);

function memorySubject(): ContractSubject {
  return {
    name: "memory (no HTTP)",
    module: memoryVendorModule(memoryDirectory),
    async start() {
      // A fresh directory per test, as a fresh simulator is for the others.
      const module = memoryVendorModule(structuredClone(memoryDirectory));
      const [vendor] = module.create();
      return {
        module,
        settings: {},
        writes: () => vendor?.applyCalls ?? 0,
        [Symbol.asyncDispose]: async () => {},
      };
    },
    csv: "email,first_name,last_name,groups\nann@memory.test,Ann,Contract,Sales\nnew.person@memory.test,New,Person,Sales\n",
    policy,
  };
}

/** Non-GET requests in a simulator's log, token exchanges aside. */
const writesIn = (requests: readonly { method: string; route: string }[]) =>
  requests.filter((r) => r.method !== "GET" && !r.route.endsWith("token")).length;

export const CONTRACT_SUBJECTS: readonly ContractSubject[] = [
  {
    name: "Sigma",
    module: sigmaVendor,
    async start() {
      const sim = await startSigmaSimulator({ seed: sigmaDemoSeed });
      return {
        module: sigmaVendor,
        settings: sigmaSimulatorEnv(sim),
        writes: () => writesIn(sim.requests),
        [Symbol.asyncDispose]: () => sim.close(),
      };
    },
    csv: "email,first_name,last_name\nada.lovelace@acme.example,Ada,Contract\nnew.person@acme.example,New,Person\n",
    policy,
  },
  {
    name: "Adobe UMAPI",
    module: adobeVendor,
    async start() {
      const sim = await startAdobeSimulator({ rateLimits: false });
      return {
        module: adobeVendor,
        settings: { ...adobeSimulatorEnv(sim), ADOBE_RATE_LIMITS: "off" },
        // testOnly=true is Adobe's server-side check, which persists nothing.
        writes: () => writesIn(sim.requests.filter((r) => !r.query.includes("testOnly=true"))),
        [Symbol.asyncDispose]: () => sim.close(),
      };
    },
    csv: "email,first_name,last_name,country,type\nalice@example.com,Alice,Contract,US,federatedID\nnew.person@example.com,New,Person,US,federatedID\n",
    policy,
  },
  {
    name: "Periscope (both demo sites)",
    module: periscopeVendor,
    async start() {
      const sim = await startPeriscopeSimulator({ seed: periscopeDemoSeed });
      return {
        module: periscopeVendor,
        settings: periscopeSimulatorEnv(sim, periscopeDemoSeed),
        // test_mode=true is Periscope's server-side check, which persists nothing.
        writes: () => writesIn(sim.requests.filter((r) => !r.query.includes("test_mode=true"))),
        [Symbol.asyncDispose]: () => sim.close(),
      };
    },
    csv: "email,first_name,last_name\ngrace.hopper@acme.example,Grace,Contract\nnew.person@acme.example,New,Person\n",
    policy,
  },
  memorySubject(),
];
