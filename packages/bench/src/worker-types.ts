/** A job for `worker.js` (one measured Roster run in its own process). */
export interface WorkerJob {
  readonly vendor: string;
  readonly env: Readonly<Record<string, string>>;
  readonly csv: string;
  readonly mode: "plan" | "apply";
  /** Destructive changes the scenario expects; the worker lifts the removal threshold for them. */
  readonly allowRemovals?: number;
  /** Where to write the plan's changes (JSON) for the independent minimum. */
  readonly planOut: string;
}

export interface WorkerResult {
  /** Parsing users.csv; the vendor read runs at the same time (as in the CLI). */
  readonly csvMs: number;
  /** From the parsed CSV to the plan: the rest of the vendor read, then planning. */
  readonly planMs: number;
  readonly applyMs: number;
  readonly totalMs: number;
  readonly changes: number;
  readonly applied: number;
  readonly failed: number;
  readonly skipped: number;
  readonly errors: readonly string[];
  readonly unsafe: boolean;
  readonly firstFailure?: string;
  readonly peakRssMb: number;
}
