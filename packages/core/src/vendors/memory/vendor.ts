import type { Directory } from "../../model/directory.js";
import { applyChangeToDraft, draftDirectory, finishDraft } from "../../plan/apply-to-directory.js";
import type { Change } from "../../plan/types.js";
import type { Capabilities, ServerCheckResult, Vendor, VendorId, VendorModule } from "../vendor.js";
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
}

export type MemoryVendor = Vendor & {
  /** The current state, after every apply so far. */
  readonly directory: Directory;
  /** Number of `apply` calls that reached the vendor (tests assert refusals never write). */
  readonly applyCalls: number;
};

/**
 * A vendor that keeps its directory in memory: the reference implementation of the `Vendor`
 * contract (one outcome per change in plan order, stops when the session does, idempotent
 * reruns), used by engine
 * tests, property tests and demos.
 */
export function createMemoryVendor(directory: Directory, options: MemoryVendorOptions = {}): MemoryVendor {
  let state = directory;
  let applyCalls = 0;
  const capabilities: Capabilities = { ...memoryCapabilities, ...options.capabilities };

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
    async apply(plan, _directory, session): Promise<void> {
      applyCalls += 1;
      const draft = draftDirectory(state);
      for (const [index, change] of plan.changes.entries()) {
        if (session.stopped) break;
        const message = options.rejectOnApply?.(change) ?? applyChangeToDraft(draft, change);
        session.settle([index], message === undefined ? { status: "applied" } : { status: "failed", message });
      }
      state = finishDraft(draft);
    },
    async close() {},
  };
  return vendor;
}

/**
 * The memory vendor as a module, the shape the registry holds for every vendor (docs/adding-a-vendor.md):
 * no settings and no secrets; `create` hands out the one vendor over `directory`, so state persists
 * from one run to the next as it does at a real vendor. Not in the registry: it has no id of its own.
 */
export function memoryVendorModule(directory: Directory, options: MemoryVendorOptions = {}) {
  const vendor = createMemoryVendor(directory, options);
  return {
    id: vendor.id,
    secretSettings: [],
    capabilities: vendor.capabilities,
    create: () => [vendor],
  } satisfies VendorModule;
}
