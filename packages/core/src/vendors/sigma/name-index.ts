/** Looks names up case-sensitively first, then ignoring case: Sigma keeps case, users type loosely. */
export interface NameIndex {
  set(name: string, id: string): void;
  get(name: string): string | undefined;
}

export function createNameIndex(entries: Iterable<readonly [string, string]>): NameIndex {
  const exact = new Map<string, string>();
  const loose = new Map<string, string>();
  const index: NameIndex = {
    set(name, id) {
      exact.set(name, id);
      if (!loose.has(name.toLowerCase())) loose.set(name.toLowerCase(), id);
    },
    get: (name) => exact.get(name) ?? loose.get(name.toLowerCase()),
  };
  for (const [name, id] of entries) index.set(name, id);
  return index;
}
