import type { Directory } from "../../model/directory.js";
import { applyChangeToDraft, draftDirectory, finishDraft } from "../../plan/apply-to-directory.js";
import type { AppliedChange, ApplyResult, Change } from "../../plan/types.js";
import type { Capabilities, ServerCheckResult, Vendor, VendorId } from "../vendor.js";
import { memoryCapabilities } from "./capabilities.js";

export interface MemoryVendorOptions {
  readonly capabilities?: Partial<Capabilities>;
  /** The vendor id plans are labelled with (default `sigma`; the memory vendor has no id of its own). */
  readonly id?: VendorId;
  readonly target?: string;
  /** Make apply fail one change with this message, as a vendor rejecting it would. */
  readonly rejectOnApply?: (change: Change) => string | undefined;
  /** Make the server-side check reject one change with this message. */
  readonly rejectOnCheck?: (change: Change) => string | undefined;
  /** Milliseconds clock for `durationMs` (injected so tests never depend on real time). */
  readonly now?: () => number;
}

export type MemoryVendor = Vendor & {
  /** The current state, after every apply so far. */
  readonly directory: Directory;
  /** Number of `apply` calls that reached the vendor (tests assert refusals never write). */
  readonly applyCalls: number;
};

/**
 * A vendor that keeps its directory in memory: the reference implementation of the `Vendor`
 * contract (outcome per change in plan order, stop on error, idempotent reruns), used by engine
 * tests, property tests and demos.
 */
export function createMemoryVendor(directory: Directory, options: MemoryVendorOptions = {}): MemoryVendor {
  let state = directory;
  let applyCalls = 0;
  const capabilities: Capabilities = { ...memoryCapabilities, ...options.capabilities };
  const now = options.now ?? (() => Date.now());

  const vendor: MemoryVendor = {
    id: options.id ?? "sigma",
    ...(options.target === undefined ? {} : { target: options.target }),
    capabilities,
    get directory() {
      return state;
    },
    get applyCalls() {
      return applyCalls;
    },
    async read(context) {
      context.onProgress?.({ phase: "read", done: state.users.length, total: state.users.length });
      // A deep copy, so a caller cannot mutate the vendor's state through the snapshot.
      return structuredClone(state);
    },
    async check(plan): Promise<ServerCheckResult> {
      const rejections: { index: number; message: string }[] = [];
      plan.changes.forEach((change, index) => {
        const message = options.rejectOnCheck?.(change);
        if (message !== undefined) rejections.push({ index, message });
      });
      return { rejections, requests: 1 };
    },
    async apply(plan, _directory, applyOptions, context): Promise<ApplyResult> {
      applyCalls += 1;
      const started = now();
      const draft = draftDirectory(state);
      const results: AppliedChange[] = [];
      let stopped = false;
      for (const change of plan.changes) {
        if (stopped || context.signal?.aborted) {
          results.push({
            change,
            outcome: { status: "skipped", reason: stopped ? "an earlier change failed" : "cancelled" },
          });
          continue;
        }
        const message = options.rejectOnApply?.(change) ?? applyChangeToDraft(draft, change);
        if (message === undefined) results.push({ change, outcome: { status: "applied" } });
        else {
          results.push({ change, outcome: { status: "failed", message } });
          stopped = applyOptions.stopOnError;
        }
        context.onProgress?.({ phase: "apply", done: results.length, total: plan.changes.length });
      }
      state = finishDraft(draft);
      const count = (status: string) => results.filter((r) => r.outcome.status === status).length;
      return {
        plan,
        results,
        counts: { applied: count("applied"), failed: count("failed"), skipped: count("skipped") },
        durationMs: Math.max(0, now() - started),
      };
    },
    async close() {},
  };
  return vendor;
}
