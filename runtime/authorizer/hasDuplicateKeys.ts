const quote = 0x22;
const backslash = 0x5c;
const openBrace = 0x7b;
const closeBrace = 0x7d;
const openBracket = 0x5b;
const closeBracket = 0x5d;
const comma = 0x2c;

/**
 * Payload segments up to this many characters (every token under the authorizer's 8 KB bound) decode into
 * one reused buffer instead of a new one per token.
 */
const maxScratchChars = 8192;
const scratch = Buffer.allocUnsafe((maxScratchChars * 3) / 4);

/**
 * True when the top-level JSON object in `base64urlJson` (a JWS payload segment) names the same key twice
 * (after unescaping, so `"tenant_id"` and `"tenant\u005fid"` are the same key). `JSON.parse` silently keeps
 * the last one, while another parser in the path might keep the first: a signed token with duplicate claims
 * is ambiguous, so the authorizer refuses it. `parsed` is what `JSON.parse` made of the decoded text: it
 * holds one own property per distinct key (`__proto__` included), so the text names a key twice exactly
 * when it has more members than `parsed` has keys.
 *
 * This runs once per unique token, so it is lean: counting members needs no key strings, no unescaping and
 * no set; the bytes are read as they are (in UTF-8 every byte of a multi-byte character is 0x80 or above,
 * so none is mistaken for a quote, backslash, bracket or comma); and they are decoded into a buffer reused
 * across calls (decoding and counting are synchronous, so concurrent requests never share it mid-call).
 *
 * @example
 * const json = '{"tenant_id":"a","tenant_id":"b"}';
 * hasDuplicateKeys(Buffer.from(json).toString("base64url"), JSON.parse(json)); // true
 */
export function hasDuplicateKeys(base64urlJson: string, parsed: object): boolean {
  const fits = base64urlJson.length <= maxScratchChars;
  const json = fits ? scratch : Buffer.from(base64urlJson, "base64url");
  const length = fits ? scratch.write(base64urlJson, 0, "base64url") : json.length;
  return countTopLevelMembers(json, length) !== Object.keys(parsed).length;
}

/** Members of the top-level object in the first `length` bytes of `json`, text `JSON.parse` accepted. */
function countTopLevelMembers(json: Uint8Array, length: number): number {
  let members = 0;
  let depth = 0;
  let expectKey = false;
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
