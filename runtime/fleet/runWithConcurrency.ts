/**
 * Runs `run` for every item, at most `limit` at a time, in order of the items, and resolves with the results
 * in the same order once all have finished. A rejection does not stop the others: the first one is thrown
 * again after every item has run (callers that must isolate failures catch inside `run`).
 *
 * @example
 * const results = await runWithConcurrency(stacks, 4, (stack) => deployStack(stack));
 */
export async function runWithConcurrency<Item, Result>(
  items: readonly Item[],
  limit: number,
  run: (item: Item, index: number) => Promise<Result>,
): Promise<Result[]> {
  if (!Number.isInteger(limit) || limit < 1)
    throw new RangeError(`concurrency must be at least 1, got ${limit}`);
  const results: Result[] = new Array(items.length);
  const errors: unknown[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      try {
        results[index] = await run(items[index] as Item, index);
      } catch (error) {
        errors.push(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (errors.length > 0) throw errors[0];
  return results;
}
