/** What the entry point (index.ts) starts once the process runs with Roster's heap options. */
import * as core from "@actions/core";
import { describeHeap } from "@roster/core/heap";
import { guardProcessOutput } from "./output-guard.js";
import { run } from "./run.js";
import { redactText } from "./secrets.js";

export function start(): Promise<void> {
  // Before anything can log: every line goes through the redactor (output-guard.ts).
  guardProcessOutput(redactText);
  return run().finally(() => core.debug(describeHeap()));
}
