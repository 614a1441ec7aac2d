import { getHeapStatistics } from "node:v8";

// The V8 heap the CLI runs in (bin/roster.js), one home for it and for the benchmark's worker, so
// what `pnpm bench` measures is what `roster` runs. The Action keeps Node's heap unless its step
// sets NODE_OPTIONS (packages/action/src/index.ts says why) and reports it with `describeHeap`.
//
// Why: Node sizes V8's heap from the machine's memory. On a machine with 16 GB or more the young
// generation grows to two 64 MB semi-spaces, and the old generation may grow 4x between full
// collections (V8's heap controller allows that factor once the heap limit is 2 GB or more,
// https://github.com/v8/v8/blob/main/src/heap/heap-controller.cc `MaxGrowingFactor`). A plan
// keeps every users.csv row and every directory user alive, so nearly everything it allocates
// survives and is promoted: planning 100,000 users peaked at 330-400 MiB with V8's defaults while
// its live heap was 55-60 MB (docs/benchmarks.md#memory). With a 2 MB semi-space and a 1 GB old
// generation (which also lowers the growing factor to about 1.6), and glibc's malloc arenas capped
// (MALLOC_ARENAS below), the same plans peak at 184-195 MiB, for 24-42% more CPU time in the
// extra collections (docs/benchmarks.md#memory).
//
// Only documented Node options are used (https://nodejs.org/api/cli.html#--max-old-space-sizesize-in-mib,
// https://nodejs.org/api/cli.html#--max-semi-space-sizesize-in-mib). They must be given when the
// process starts, so the CLI re-runs itself with them through `process.execve`
// (https://nodejs.org/api/process.html#processexecvefile-args-env): the same process id, open files,
// terminal and signals, no second process. Where execve is missing (Windows) or fails, it runs on
// as it was started, with V8's defaults.

/** Young generation: each of V8's two semi-spaces, in MiB. */
export const SEMI_SPACE_MB = 2;

/**
 * Old generation ceiling, in MiB. A plan of 1,000,000 Sigma users fits: live heap 445 MB, peak RSS
 * 857 MB (docs/benchmarks.md#memory); past about a million users a plan may need more, and a heap
 * size the user chooses replaces Roster's (`heapRelaunchArgs`). A machine that V8 already gives
 * less keeps its own limit.
 */
export const OLD_SPACE_MB = 1024;

/**
 * glibc's malloc arenas: by default each thread that allocates may get its own (up to 8 per core),
 * and Node's threads (libuv's pool, V8's collector helpers) each keep theirs resident. Two keep
 * 13-20 MB less of a 100,000-user plan resident (2 alternating runs per vendor, docs/benchmarks.md#memory);
 * https://www.gnu.org/software/libc/manual/html_node/Memory-Allocation-Tunables.html. Other C
 * libraries ignore it.
 */
const MALLOC_ARENAS = "2";

const HEAP_OPTIONS = ["--max-old-space-size", "--max-semi-space-size"];

/** What the decision reads of the running process (the real `process` satisfies it). */
export interface HeapProcess {
  readonly execPath: string;
  readonly execArgv: readonly string[];
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  /** V8's heap limit now (`v8.getHeapStatistics().heap_size_limit`), in bytes. */
  readonly heapSizeLimit: number;
}

/** The heap options Roster starts Node with on a machine whose V8 heap limit is `heapSizeLimit`. */
export function rosterHeapFlags(heapSizeLimit: number): string[] {
  const flags = [`--max-semi-space-size=${SEMI_SPACE_MB}`];
  // A small machine (V8 gives it less than 1 GB) keeps V8's own, lower, limit.
  if (heapSizeLimit > OLD_SPACE_MB * 1024 * 1024) flags.push(`--max-old-space-size=${OLD_SPACE_MB}`);
  return flags;
}

/** Whether `arg` sets one of the heap options (V8 reads `-` and `_` alike). */
function setsHeapOption(arg: string): boolean {
  const name = arg.split("=")[0]?.replaceAll("_", "-");
  return name !== undefined && HEAP_OPTIONS.includes(name);
}

/** The heap options a process was started with, on its command line or in NODE_OPTIONS. */
function heapOptionsGiven(execArgv: readonly string[], env: Readonly<Record<string, string | undefined>>): string[] {
  const nodeOptions = env.NODE_OPTIONS?.split(/\s+/) ?? [];
  return [...execArgv, ...nodeOptions].filter(setsHeapOption);
}

/**
 * The argument list to re-run this process with Roster's heap options, or `undefined` to run on as
 * it is: when it already runs with them, or when the user chose a heap size (on the command line or
 * in NODE_OPTIONS), which Roster leaves alone.
 */
export function heapRelaunchArgs(current: HeapProcess): string[] | undefined {
  if (heapOptionsGiven(current.execArgv, current.env).length > 0) return undefined;
  return [current.execPath, ...current.execArgv, ...rosterHeapFlags(current.heapSizeLimit), ...current.argv.slice(1)];
}

/** The environment of the re-run: the same, with glibc's arenas capped unless the user set them. */
export function heapRelaunchEnv(env: Readonly<Record<string, string | undefined>>): Record<string, string | undefined> {
  return { ...env, MALLOC_ARENA_MAX: env.MALLOC_ARENA_MAX ?? MALLOC_ARENAS };
}

/**
 * Re-runs this process with Roster's heap options (see the top of this file), or returns when it
 * runs on as it is. Call it first thing, before anything is written or read: execve replaces the
 * process, and output still queued for a pipe would be lost.
 */
export function relaunchWithRosterHeap(): void {
  if (typeof process.execve !== "function") return;
  const args = heapRelaunchArgs({
    execPath: process.execPath,
    execArgv: process.execArgv,
    argv: process.argv,
    env: process.env,
    heapSizeLimit: getHeapStatistics().heap_size_limit,
  });
  if (args === undefined) return;
  try {
    process.execve(process.execPath, args, heapRelaunchEnv(process.env));
  } catch {
    // Not supported here (Windows) or refused by the system: V8's defaults work, with more memory.
  }
}

/**
 * The heap this process ran with, for a debug line at the end of a run: its heap options (Roster's
 * or the user's), V8's limit and the peak resident memory so far.
 */
export function describeHeap(): string {
  const options = heapOptionsGiven(process.execArgv, process.env);
  const limit = Math.round(getHeapStatistics().heap_size_limit / (1024 * 1024));
  const peak = Math.round(process.resourceUsage().maxRSS / 1024);
  const chosen = options.length > 0 ? options.join(" ") : "Node's defaults";
  return `V8 heap: ${chosen} (limit ${limit} MiB), peak RSS ${peak} MiB`;
}
