/**
 * An empty record without a prototype, for keys that come from a request (header names, query parameter
 * names). On a plain `{}`, a key such as `valueOf`, `constructor` or `__proto__` already "exists" (an
 * inherited function) or changes the object's prototype instead of holding a value, so code that reads
 * `record[name] ?? []` or `name in record` goes wrong for exactly those names.
 *
 * @example
 * const query = emptyRecord<string[]>();
 * query.valueOf = ["1e9"]; // an own entry, as any other name
 */
export function emptyRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}
