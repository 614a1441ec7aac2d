/** The entry point GitHub runs (action.yml `runs.main`, bundled to dist/index.js): only starts run(). */
import { limitHeapGrowth } from "@roster/core";
import { guardProcessOutput } from "./output-guard.js";
import { run } from "./run.js";
import { redactText } from "./secrets.js";

// Before anything can log: every line goes through the redactor (output-guard.ts).
guardProcessOutput(redactText);
// Memory before speed: a plan holds the whole file and directory at once (core/src/engine/heap-growth.ts).
limitHeapGrowth();
void run();
