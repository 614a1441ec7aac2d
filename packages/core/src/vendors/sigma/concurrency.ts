/**
 * Requests Roster keeps in flight at once against Sigma. Sigma documents rate limits only for the
 * token endpoint, exports, sends and downloads (docs/vendors/sigma.md#errors-and-rate-limits), none on members, teams or user
 * attributes; 8 matches the shared connection pool (http/shared-agent.ts). With 50 ms per request
 * this turns 10,000 one-at-a-time invitations from about 8 minutes into about 1.
 */
export const SIGMA_CONCURRENCY = 8;

/** Runs `task` over `items` with at most `limit` running at once; resolves when all are done. */
export async function forEachBounded<T>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failed = false;
  const lane = async (): Promise<void> => {
    // After a thrown (fatal) error the other lanes start nothing new.
    while (!failed && next < items.length) {
      const item = items[next++] as T;
      try {
        await task(item);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
}

/** Maps with at most `limit` calls in flight, keeping the input order in the result. */
export async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  const indexed = items.map((item, index) => ({ item, index }));
  await forEachBounded(indexed, limit, async ({ item, index }) => {
    results[index] = await task(item);
  });
  return results;
}
