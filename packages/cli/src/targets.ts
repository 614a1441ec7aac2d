import { access, constants, stat } from "node:fs/promises";
import {
  CoreError,
  createMemoryVendor,
  type DesiredState,
  hasErrors,
  loadDirectorySnapshot,
  type RunMode,
  readUsersCsvFile,
  type Vendor,
  type VendorContext,
  type VendorModule,
  vendorCsvOptions,
} from "@roster/core";
import type { CommandContext } from "./command-context.js";
import type { Progress } from "./progress.js";

/**
 * Reads users.csv with the vendor's separators and every offline row rule (`vendorCsvOptions`, the
 * same as the Action's).
 */
export function readDesired(csv: string, module: VendorModule): Promise<DesiredState> {
  return readUsersCsvFile(csv, {
    ...vendorCsvOptions(module),
    // The path as typed, so `users.csv:12:3` is clickable in the terminal that typed it.
    displayName: csv,
  });
}

/**
 * Fails fast on a users.csv that cannot be opened (mistyped path, a directory), before any vendor is
 * contacted: the same CSV_UNREADABLE error the reader gives (exit 2), and no vendor read to cancel.
 */
export async function assertReadable(csv: string): Promise<void> {
  let reason: string | undefined;
  try {
    if ((await stat(csv)).isDirectory()) reason = "it is a directory";
    else await access(csv, constants.R_OK);
  } catch (error) {
    reason = error instanceof Error ? error.message : String(error);
  }
  if (reason !== undefined) throw new CoreError("CSV_UNREADABLE", `cannot read ${csv}: ${reason}`);
}

/** users.csv being parsed while the vendor is read (the two are independent; measured by `pnpm bench`). */
export interface DesiredRead {
  /** The file's state once parsed; rejects when it has errors, so no plan is made from it. */
  readonly valid: Promise<DesiredState>;
  /**
   * Call after anything failed: the file when it is invalid (reported instead, as if it had been
   * checked before any vendor was made), undefined when it is valid; rethrows its read error.
   */
  invalid(): Promise<DesiredState | undefined>;
}

export function startReadingDesired(csv: string, module: VendorModule): DesiredRead {
  const reading = readDesired(csv, module);
  const valid = reading.then((desired) => {
    if (hasErrors(desired.diagnostics)) throw new Error(`${desired.file} is invalid`);
    return desired;
  });
  // Vendor creation may throw before anything awaits `valid`; its failure is reported by `invalid()`.
  valid.catch(() => {});
  return {
    valid,
    invalid: async () => {
      const desired = await reading;
      return hasErrors(desired.diagnostics) ? desired : undefined;
    },
  };
}

/**
 * The vendors to plan against: the live vendor built from the environment (one per target, e.g.
 * per Periscope site), or, with `--state`, an in-memory vendor holding a saved Directory snapshot,
 * which needs no credentials and no network.
 */
export async function createTargets(
  module: VendorModule,
  state: string | undefined,
  mode: RunMode,
  context: CommandContext,
): Promise<Vendor[]> {
  if (state !== undefined) {
    // Labelled and limited like the real vendor, so the plan is the one the live vendor would get.
    const directory = await loadDirectorySnapshot(state);
    return [createMemoryVendor(directory, { id: module.id, capabilities: module.capabilities })];
  }
  return module.create(context.io.env, { mode, logger: context.output.logger });
}

export function vendorContext(context: CommandContext, progress: Progress, signal?: AbortSignal): VendorContext {
  return {
    logger: context.output.logger,
    ...(progress.onProgress === undefined ? {} : { onProgress: progress.onProgress }),
    ...(progress.onWait === undefined ? {} : { onWait: progress.onWait }),
    ...(signal === undefined ? {} : { signal }),
  };
}
