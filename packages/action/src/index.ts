/** The entry point GitHub runs (action.yml `runs.main`, bundled to dist/index.js): only starts start.ts. */
import { relaunchWithRosterHeap } from "@roster/core/heap";

// First, before anything is loaded or written: re-run with Roster's heap options (core's
// runtime/heap.ts). The Action itself is imported afterwards, so a relaunch does not load it twice;
// "eager" keeps it in dist/index.js (ncc's webpack), where it is only run, not split into a chunk.
relaunchWithRosterHeap();
void import(/* webpackMode: "eager" */ "./start.js").then(({ start }) => start());
