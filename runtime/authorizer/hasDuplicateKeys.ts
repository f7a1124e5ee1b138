const quote = 0x22;
const backslash = 0x5c;
const openBrace = 0x7b;
const closeBrace = 0x7d;
const openBracket = 0x5b;
const closeBracket = 0x5d;
const comma = 0x2c;

/**
 * True when the top-level JSON object in `json` (UTF-8 bytes) names the same key twice (after unescaping,
 * so `"tenant_id"` and `"tenant\u005fid"` are the same key). `JSON.parse` silently keeps the last one,
 * while another parser in the path might keep the first: a signed token with duplicate claims is ambiguous,
 * so the authorizer refuses it. `parsed` is what `JSON.parse` made of `json`: it holds one own property per
 * distinct key (`__proto__` included), so the text names a key twice exactly when it has more members than
 * `parsed` has keys. Counting members needs no key strings, no unescaping and no set, and reading bytes
 * needs no decoding (in UTF-8 every byte of a multi-byte character is 0x80 or above, so none is mistaken
 * for a quote, backslash, bracket or comma), which matters on a path run once per unique token.
 *
 * @example
 * const json = '{"tenant_id":"a","tenant_id":"b"}';
 * hasDuplicateKeys(Buffer.from(json), JSON.parse(json)); // true
 */
export function hasDuplicateKeys(json: Uint8Array, parsed: object): boolean {
  return countTopLevelMembers(json) !== Object.keys(parsed).length;
}

/** Members of the top-level object of `json`, text that `JSON.parse` accepted. */
function countTopLevelMembers(json: Uint8Array): number {
  let members = 0;
  let depth = 0;
  let expectKey = false;
  const length = json.length;
  for (let index = 0; index < length; index++) {
    const code = json[index];
    if (code === quote) {
      // Skip the string: to the next quote not escaped by a backslash.
      let end = index + 1;
      while (end < length && json[end] !== quote) end += json[end] === backslash ? 2 : 1;
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
