/**
 * True when the top-level JSON object in `json` names the same key twice (after unescaping, so
 * `"tenant_id"` and `"tenant\u005fid"` are the same key). `JSON.parse` silently keeps the last one, while
 * another parser in the path might keep the first: a signed token with duplicate claims is ambiguous, so
 * the authorizer refuses it. Expects text that `JSON.parse` already accepted.
 *
 * @example
 * hasDuplicateKeys('{"tenant_id":"a","tenant_id":"b"}'); // true
 */
export function hasDuplicateKeys(json: string): boolean {
  const seen = new Set<string>();
  let depth = 0;
  let expectKey = false;
  for (let index = 0; index < json.length; index++) {
    const char = json[index];
    if (char === '"') {
      const end = endOfString(json, index);
      if (depth === 1 && expectKey) {
        const key = JSON.parse(json.slice(index, end + 1)) as string;
        if (seen.has(key)) return true;
        seen.add(key);
        expectKey = false;
      }
      index = end;
    } else if (char === "{" || char === "[") {
      depth++;
      expectKey = depth === 1 && char === "{";
    } else if (char === "}" || char === "]") {
      depth--;
    } else if (char === "," && depth === 1) {
      expectKey = true;
    }
  }
  return false;
}

/** Index of the quote closing the string that opens at `start`. */
function endOfString(json: string, start: number): number {
  let index = start + 1;
  while (index < json.length) {
    const char = json[index];
    if (char === "\\") index += 2;
    else if (char === '"') return index;
    else index++;
  }
  return json.length - 1;
}
