/**
 * `Promise.all(items.map(run))` with at most `limit` calls in flight, results in the items' order. Rejects
 * with the first failure and starts nothing after it (calls in flight are the caller's to abort).
 *
 * @example
 * const vectors = await mapConcurrently(texts, 4, (text) => embedOne(text));
 */
export async function mapConcurrently<Item, Result>(
  items: readonly Item[],
  limit: number,
  run: (item: Item, index: number) => Promise<Result>,
): Promise<Result[]> {
  const results = new Array<Result>(items.length);
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next < items.length) {
      const index = next++;
      try {
        results[index] = await run(items[index] as Item, index);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
