const quote = 0x22;
const backslash = 0x5c;
const openBrace = 0x7b;
const closeBrace = 0x7d;
const openBracket = 0x5b;
const closeBracket = 0x5d;
const comma = 0x2c;

/**
 * True when the top-level JSON object in `json` names the same key twice (after unescaping, so
 * `"tenant_id"` and `"tenant\u005fid"` are the same key). `JSON.parse` silently keeps the last one, while
 * another parser in the path might keep the first: a signed token with duplicate claims is ambiguous, so
 * the authorizer refuses it. Expects text that `JSON.parse` already accepted. Runs on every unique token,
 * so it scans char codes and unescapes only keys that contain a backslash.
 *
 * @example
 * hasDuplicateKeys('{"tenant_id":"a","tenant_id":"b"}'); // true
 */
export function hasDuplicateKeys(json: string): boolean {
  const seen = new Set<string>();
  let depth = 0;
  let expectKey = false;
  for (let index = 0; index < json.length; index++) {
    const code = json.charCodeAt(index);
    if (code === quote) {
      let end = index + 1;
      for (;;) {
        end = json.indexOf('"', end);
        if (end === -1) return false;
        let backslashes = 0;
        while (json.charCodeAt(end - 1 - backslashes) === backslash) backslashes++;
        if (backslashes % 2 === 0) break;
        end++;
      }
      if (depth === 1 && expectKey) {
        const raw = json.slice(index + 1, end);
        const key = raw.includes("\\") ? (JSON.parse(`"${raw}"`) as string) : raw;
        if (seen.has(key)) return true;
        seen.add(key);
        expectKey = false;
      }
      index = end;
    } else if (code === openBrace || code === openBracket) {
      depth++;
      expectKey = depth === 1 && code === openBrace;
    } else if (code === closeBrace || code === closeBracket) {
      depth--;
    } else if (code === comma && depth === 1) {
      expectKey = true;
    }
  }
  return false;
}
