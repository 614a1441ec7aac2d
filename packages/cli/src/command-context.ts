import type { CliIo } from "./io.js";
import type { Output } from "./output.js";

/** What every command receives: the outside world and the redacting printer built from it. */
export interface CommandContext {
  readonly io: CliIo;
  readonly output: Output;
}
