import { setFlagsFromString } from "node:v8";

/**
 * The V8 settings Roster's entry points run with (the CLI's bin, the Action's entry, the
 * benchmark's worker): memory before speed, because a plan holds the whole users.csv and the whole
 * directory at once and V8's defaults size the heap for throughput on a large machine.
 *
 * - `--semi-space-growth-factor=1`: the young generation grows a 256 KB page at a time instead of
 *   doubling. By default V8 doubles it, up to two 64 MB semi-spaces on a machine with 16 GB or more,
 *   whenever many new objects survive, and every row and every directory user does: 128 MB of a
 *   100,000-user plan's peak was the young generation; with this setting it stays at the 16 MB it
 *   reached while the modules loaded, or below (V8 also shrinks it).
 * - `--heap-growing-percent=20`: the old generation is collected again once it has grown 20% past
 *   what the last full collection kept, instead of V8's factor of up to 4 on a large machine, so
 *   the pages and rows that died in between are freed before they add up.
 *
 * Measured on a 100,000-user plan (docs/benchmarks.md#memory): peak RSS Sigma 389 -> about 205 MB,
 * Periscope 452 -> 211, Adobe 335 -> 185, for about 10% more CPU time while reading.
 *
 * Both are heuristics V8 reads each time it decides to grow, so setting them after start takes
 * effect at the next collection (the sizes fixed at start, such as `--max-semi-space-size`, would
 * not). A setting the user gave Node (NODE_OPTIONS or the command line) wins: that flag is left
 * as given, so `NODE_OPTIONS=--semi-space-growth-factor=2` gives V8's speed-first young
 * generation back.
 */
export const HEAP_GROWTH_FLAGS: readonly string[] = ["--semi-space-growth-factor=1", "--heap-growing-percent=20"];

/** What the user gave Node; read from the process unless a test passes its own. */
export interface NodeFlagSources {
  readonly execArgv: readonly string[];
  readonly nodeOptions: string | undefined;
}

/** The flags of `HEAP_GROWTH_FLAGS` the user did not set, in the order they are applied. */
export function heapGrowthFlagsToApply(sources: NodeFlagSources): string[] {
  const given = [...sources.execArgv, ...(sources.nodeOptions ?? "").split(/\s+/)].map(flagName);
  return HEAP_GROWTH_FLAGS.filter((flag) => !given.includes(flagName(flag)));
}

/** `--heap-growing-percent` from `--heap-growing-percent=20`; `_` and `-` are the same to V8. */
function flagName(flag: string): string {
  return flag.split("=", 1)[0]?.replace(/_/g, "-") ?? "";
}

/**
 * Applies `HEAP_GROWTH_FLAGS` to this process (those the user did not set) and returns the flags
 * applied. Call it once, first thing in an entry point; a library caller that wants V8's defaults
 * simply does not call it.
 */
export function limitHeapGrowth(
  sources: NodeFlagSources = { execArgv: process.execArgv, nodeOptions: process.env.NODE_OPTIONS },
): string[] {
  const flags = heapGrowthFlagsToApply(sources);
  for (const flag of flags) setFlagsFromString(flag);
  return flags;
}
