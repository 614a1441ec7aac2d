/** The entry point GitHub runs (action.yml `runs.main`, bundled to dist/index.js): only starts run(). */
import { run } from "./run.js";

void run();
