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
 * the authorizer refuses it. `parsed` is what `JSON.parse` made of `json`: it holds one own property per
 * distinct key (`__proto__` included), so the text names a key twice exactly when it has more members than
 * `parsed` has keys. Counting members needs no key strings, no unescaping and no set, which matters on a
 * path run once per unique token.
 *
 * @example
 * const json = '{"tenant_id":"a","tenant_id":"b"}';
 * hasDuplicateKeys(json, JSON.parse(json)); // true
 */
export function hasDuplicateKeys(json: string, parsed: object): boolean {
  return countTopLevelMembers(json) !== Object.keys(parsed).length;
}

/** Members of the top-level object of `json`, text that `JSON.parse` accepted. */
function countTopLevelMembers(json: string): number {
  let members = 0;
  let depth = 0;
  let expectKey = false;
  for (let index = 0; index < json.length; index++) {
    const code = json.charCodeAt(index);
    if (code === quote) {
      let end = index + 1;
      for (;;) {
        end = json.indexOf('"', end);
        if (end === -1) return members;
        let backslashes = 0;
        while (json.charCodeAt(end - 1 - backslashes) === backslash) backslashes++;
        if (backslashes % 2 === 0) break;
        end++;
      }
      if (depth === 1 && expectKey) {
        members++;
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
  return members;
}
