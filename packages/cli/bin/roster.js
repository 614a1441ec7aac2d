#!/usr/bin/env node
// The Node check runs before anything heavy is loaded: on an older Node the dependencies fail while
// loading (undici 8 needs 22.19, commander 15 needs 22.12), with a stack trace instead of a reason.
// Written for any Node that runs ES modules: no top-level await, no newer syntax. Kept equal to
// package.json "engines" by bin.test.ts.
const MINIMUM_NODE = "22.19.0";

function atLeast(version, minimum) {
  const have = version.split(".").map(Number);
  const need = minimum.split(".").map(Number);
  for (let i = 0; i < need.length; i++) {
    if ((have[i] || 0) !== need[i]) return (have[i] || 0) > need[i];
  }
  return true;
}

if (!atLeast(process.versions.node, MINIMUM_NODE)) {
  process.stderr.write(
    `roster: needs Node.js ${MINIMUM_NODE} or newer (Node 24 recommended); this is Node ${process.versions.node}.\n`,
  );
  process.exitCode = 2;
} else {
  // First, before anything is loaded or written: re-run with Roster's heap options (src/heap.ts).
  import("../dist/heap.js")
    .then(({ relaunchWithRosterHeap }) => {
      relaunchWithRosterHeap();
      return import("../dist/main.js");
    })
    .then(async ({ main }) => {
      process.exitCode = await main(process.argv.slice(2));
    });
}
