import type { DesiredState } from "../../model/desired.js";
import type { Policy } from "../../model/policy.js";
import type { FaultSpec, LoggedRequest, SimRoute } from "../../simulator/types.js";
import type { Logger, Vendor, VendorModule } from "../../vendors/vendor.js";

/**
 * What a vendor gives the shared reliability suites (reliability/faults.test.ts, read-only.test.ts,
 * corrupt-reads.test.ts, secrets.test.ts) and the contract suite (vendors/contract.test.ts): how to
 * start its simulator, make a vendor against it, the data to seed and the file to apply, and the
 * routes to fault. One entry per vendor (or per API family) in subjects/index.ts; a new vendor
 * gets every suite by adding its entry (docs/adding-a-vendor.md).
 */
export interface ReliabilitySubject {
  /** For test names: "Sigma", "Adobe UMAPI", "Periscope v1 (users + groups)". */
  readonly name: string;
  /** For printed stats: "sigma", "adobe", "periscope v1". */
  readonly label: string;
  /** The name `VENDOR_PROTOCOL` errors carry (`error.vendor`). */
  readonly protocolVendor: string;
  readonly module: VendorModule;
  /** The delivery suite: a few hundred changes through faults and corrupt answers. */
  readonly faults: FaultScenario;
  /** The plan-mode guard: every mutating route of the simulator is refused (once per HTTP client). */
  readonly readOnly?: ReadOnlyScenario;
  /** Reads that cannot be trusted stop the plan before anything is planned or written. */
  readonly corruptReads: CorruptReadScenario;
  /** No secret in any output, even when the vendor echoes it. */
  readonly secrets: SecretScenario;
}

/** A running simulator as the fault suites drive it. */
export interface FaultableSim {
  clearFaults(): void;
  addFault(fault: FaultSpec): void;
  readonly requests: readonly LoggedRequest[];
}

/** The vendor's users and groups as its simulator holds them, for checks after a run. */
export interface HeldState {
  readonly users: readonly {
    readonly email: string;
    readonly firstName?: string | undefined;
    readonly active: boolean;
  }[];
  readonly groupNames: readonly string[];
}

export interface TransportSeams {
  readonly random: () => number;
  readonly timeoutMs: number;
}

export interface FaultRun extends AsyncDisposable {
  readonly sim: FaultableSim;
  makeVendor(logger: Logger, transport: TransportSeams): Vendor;
  held(): HeldState;
}

export interface FaultScenario {
  /** The size of the file's plan, for the test name ("~360 changes"). */
  readonly changes: number;
  readonly usersCsv: string;
  readonly policy: Policy;
  /** Seed of the client's backoff jitter. */
  readonly randomSeed: number;
  /** `corrupt`: smaller pages, so a read is several pages each a corrupt answer can meet. */
  start(options: { readonly faultSeed: number; readonly corrupt: boolean }): Promise<FaultRun>;
  /** Injected faults and drops the run must have met, given the first applied plan's size. */
  minInjected(firstPlanChanges: number | undefined): number;
  /** Vendor-specific checks of the state once the fault run converged. */
  checkConverged?(held: HeldState, desired: DesiredState): void;
  readonly corrupt: {
    /** The read routes a corrupt answer is planted on, one per run. */
    readonly readRoutes: readonly string[];
    readonly writeRate: number;
    readonly maxRuns: number;
    /** Vendor-specific checks of the state once the corrupt-answer run converged. */
    checkConverged?(held: HeldState): void;
  };
}

export interface ReadOnlyScenario {
  /** The describe title: "Sigma plan mode refuses every mutating route". */
  readonly title: string;
  /** Every mutating route of the simulator. */
  readonly routes: readonly SimRoute[];
  /** Asserts the list is complete enough (a count or the names that must be there). */
  expectRoutes(routes: readonly SimRoute[]): void;
  /** Probes one route in plan mode and asserts it was refused (or reached only the allowed way). */
  probe(route: SimRoute): Promise<void>;
}

export interface CorruptReadScenario {
  /** A small org to plan against, with its simulator's fault hooks. */
  start(): Promise<CorruptReadRun>;
  /**
   * Each read route the plan uses: its label, the simulator route, the request the error must
   * name (a pattern where ids vary) and extra fault fields (`skip: 1` spoils page 2 alone).
   */
  readonly readRoutes: readonly {
    readonly label: string;
    readonly route: string;
    readonly request: string | RegExp;
    readonly fault?: Partial<FaultSpec>;
  }[];
  /**
   * The users listing answering nobody at all, not even the credentials' own user or the admin:
   * the route, that answer, the request the error names and what its message says. Absent for a
   * vendor whose org may hold no user that Roster knows of (Adobe).
   */
  readonly emptyUsers?: {
    readonly route: string;
    readonly body: unknown;
    readonly request: string | RegExp;
    readonly message: string;
  };
}

export interface CorruptReadRun extends AsyncDisposable {
  readonly sim: FaultableSim;
  /** Plans the scenario's file (the vendor made, used and closed inside). */
  plan(): Promise<unknown>;
  /** The writes the simulator received (a stopped plan must have sent none). */
  writes(): readonly LoggedRequest[];
}

export interface SecretScenario {
  /** Runs that meet a vendor echoing its secrets; each returns every text a user could see. */
  readonly cases: readonly SecretCase[];
}

export interface SecretCase {
  readonly name: string;
  run(): Promise<{ readonly texts: readonly string[]; readonly secrets: Readonly<Record<string, string>> }>;
  /** A phrase the texts must contain, so the run met the failure it is about. */
  readonly expectText: RegExp | string;
}
