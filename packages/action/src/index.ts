/** The entry point GitHub runs (action.yml `runs.main`, bundled to dist/index.js): only starts start.ts. */
import { relaunchWithRosterHeap } from "@roster/core/heap";

// First, before anything is loaded or written: re-run with Roster's heap options (core's
// runtime/heap.ts). The Action itself is imported afterwards, from its own chunk of the bundle, so a
// relaunch starts from this small file and does not load the Action twice.
relaunchWithRosterHeap();
void import("./start.js").then(({ start }) => start());
