/** The entry point GitHub runs (action.yml `runs.main`, bundled to dist/index.js): only starts run(). */
import { guardProcessOutput } from "./output-guard.js";
import { run } from "./run.js";
import { redactText } from "./secrets.js";

// Before anything can log: every line goes through the redactor (output-guard.ts).
guardProcessOutput(redactText);
void run();
