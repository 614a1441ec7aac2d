#!/usr/bin/env node
// `pnpm demo` (node packages/cli/dist/demo.js): see run-demo.ts.
import { processIo } from "./io.js";
import { runDemo } from "./run-demo.js";

process.exitCode = await runDemo(processIo());
