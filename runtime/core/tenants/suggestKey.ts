/**
 * The known key closest to a mistyped one (case-insensitive edit distance, counting a swap of two
 * neighbouring letters as one edit, of at most a third of its length), or undefined when nothing is close
 * enough to be a likely typo.
 *
 * @example
 * suggestKey("monthlyBudgetUSD", ["monthlyBudgetUsd", "burst"]); // "monthlyBudgetUsd"
 */
export function suggestKey(typed: string, known: readonly string[]): string | undefined {
  let best: { key: string; distance: number } | undefined;
  for (const key of known) {
    const distance = editDistance(typed.toLowerCase(), key.toLowerCase());
    if (best === undefined || distance < best.distance) best = { key, distance };
  }
  if (best === undefined) return undefined;
  return best.distance <= Math.max(1, Math.floor(best.key.length / 3)) ? best.key : undefined;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const columns = b.length + 1;
  const table = new Uint16Array(rows * columns);
  const cell = (i: number, j: number) => table[i * columns + j] ?? 0;
  for (let i = 0; i < rows; i++) table[i * columns] = i;
  for (let j = 0; j < columns; j++) table[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < columns; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let distance = Math.min(cell(i - 1, j) + 1, cell(i, j - 1) + 1, cell(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        distance = Math.min(distance, cell(i - 2, j - 2) + 1);
      }
      table[i * columns + j] = distance;
    }
  }
  return cell(a.length, b.length);
}
