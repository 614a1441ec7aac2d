const NO_GROUPS: readonly string[] = Object.freeze([]);

/**
 * One shared, frozen array for every user whose groups are the same list. A vendor's read maps
 * each user's groups into an array of its own; on a 100,000-user org most users share a handful
 * of lists, and one array per user (each with room to grow) was the largest single part of the
 * directory in memory (docs/benchmarks.md#memory). `CurrentUser.groups` is read-only everywhere.
 */
export class SharedGroupLists {
  private readonly lists = new Map<string, readonly string[]>();

  /** A frozen list equal to `groups` (same names, same order), shared with every equal list seen. */
  share(groups: readonly string[]): readonly string[] {
    if (groups.length === 0) return NO_GROUPS;
    const key = groups.length === 1 ? (groups[0] as string) : groups.join("\n");
    const known = this.lists.get(key);
    // The key is only a hint (a name may contain the separator): share only an equal list.
    if (known !== undefined && sameList(known, groups)) return known;
    const list = Object.freeze([...groups]);
    // Bounded, so an org where every user's list differs does not keep a second copy of them all.
    if (known === undefined && this.lists.size < 10_000) this.lists.set(key, list);
    return list;
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
