/**
 * How deep a parsed JSON value nests (a scalar is 0, `[]` and `{}` are 1, `[[1]]` is 2), counted without
 * recursion and without looking further than `limit + 1`: a body nested thousands of levels deep must be
 * refused before code that walks it recursively (schema checks, `JSON.stringify`) overflows the stack.
 *
 * @example
 * jsonDepth({ a: [1, { b: 2 }] }, 64); // 3
 */
export function jsonDepth(value: unknown, limit: number): number {
  let deepest = 0;
  const pending: [unknown, number][] = [[value, 0]];
  while (pending.length > 0) {
    const [current, depth] = pending.pop() as [unknown, number];
    if (typeof current !== "object" || current === null) continue;
    const inner = depth + 1;
    if (inner > deepest) deepest = inner;
    if (deepest > limit) return deepest;
    for (const child of Array.isArray(current) ? current : Object.values(current)) {
      if (typeof child === "object" && child !== null) pending.push([child, inner]);
    }
  }
  return deepest;
}
