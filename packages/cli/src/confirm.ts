import { createInterface } from "node:readline";
import type { CliIo } from "./io.js";

/**
 * Asks a y/N question on the terminal. Anything but `y`/`yes` (or end of input) is a no: applying
 * changes to a live directory needs an explicit yes, as with `terraform apply`.
 */
export function confirm(io: CliIo, question: string): Promise<boolean> {
  const rl = createInterface({ input: io.stdin, output: io.stderr });
  return new Promise((resolve) => {
    let answered = false;
    rl.on("close", () => {
      if (!answered) resolve(false);
    });
    // Ctrl+C at the prompt is a no (readline swallows it on a terminal and would otherwise pause).
    rl.on("SIGINT", () => rl.close());
    rl.question(`${question} [y/N] `, (answer) => {
      answered = true;
      rl.close();
      resolve(/^y(es)?$/i.test(answer.trim()));
    });
  });
}
