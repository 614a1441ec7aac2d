/**
 * The one element of a `--json` array from a single-target run (Sigma, Adobe, one Periscope site):
 * `--json` always prints an array (print.ts), whatever the number of targets.
 */
export function singleTarget<T>(json: string): T {
  const parsed = JSON.parse(json) as unknown;
  if (!Array.isArray(parsed) || parsed.length !== 1) {
    throw new Error(`expected a JSON array with one target, got: ${json.slice(0, 200)}`);
  }
  return parsed[0] as T;
}
