// What bin/roster.js loads before the CLI itself: the heap options' relaunch (core's runtime/heap.ts)
// on its own, so the re-run happens before the CLI's modules are loaded, not after.
export { relaunchWithRosterHeap } from "@roster/core/heap";
