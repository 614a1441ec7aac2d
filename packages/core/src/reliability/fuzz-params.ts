import type fc from "fast-check";

/**
 * fast-check settings for the fuzz suite (reliability/pipeline-property.test.ts): a fixed seed in CI so a run is reproducible
 * (FUZZ_SEED replays any seed), and FUZZ_RUNS for the larger `pnpm fuzz` run.
 */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20_261_122);

export function fuzzParams<T>(defaultRuns: number): fc.Parameters<T> {
  return { numRuns: Number(process.env.FUZZ_RUNS ?? defaultRuns), seed: FUZZ_SEED };
}
