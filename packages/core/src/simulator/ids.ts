/** Deterministic ids (`usr_000001`, `usr_000002`, …) so tests and fixtures can name them. */
export interface IdGenerator {
  (): string;
  /** Starts again from 1 (simulator reset). */
  reset(): void;
}

export function createIdGenerator(prefix: string, width = 6): IdGenerator {
  let counter = 0;
  const next = (() => {
    counter++;
    return `${prefix}${String(counter).padStart(width, "0")}`;
  }) as IdGenerator;
  next.reset = () => {
    counter = 0;
  };
  return next;
}
