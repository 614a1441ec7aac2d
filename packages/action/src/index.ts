/** The entry point GitHub runs (action.yml `runs.main`, bundled to dist/index.js): only starts run(). */
import * as core from "@actions/core";
import { describeHeap } from "@roster/core/heap";
import { guardProcessOutput } from "./output-guard.js";
import { run } from "./run.js";
import { redactText } from "./secrets.js";

// Before anything can log: every line goes through the redactor (output-guard.ts).
guardProcessOutput(redactText);
// The Action keeps Node's heap unless the step's `env:` sets NODE_OPTIONS (README "Memory"): unlike
// the CLI it does not relaunch itself with Roster's heap options, which would cost every run a
// second Node start (about 55 ms of the start-up target's 300) on a runner with 7-16 GB. The last
// debug line says which heap it ran with and how much it used.
void run().finally(() => core.debug(describeHeap()));
