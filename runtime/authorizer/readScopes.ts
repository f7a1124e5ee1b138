const maxScopes = 64;
const scopePattern = /^[\x21-\x7e]{1,128}$/;

/**
 * The scopes in a token claim: a space-separated string (OAuth `scope`) or an array of strings (e.g.
 * Auth0's `permissions`). Anything else, and any entry that is not a short printable token, counts as no
 * scope; the result is bounded so a huge claim cannot make scope checks expensive.
 *
 * @example
 * readScopes("models:read chat:write"); // ["models:read", "chat:write"]
 * readScopes(["models:read"]); // ["models:read"]
 */
export function readScopes(claim: unknown): string[] {
  const entries = typeof claim === "string" ? claim.split(" ") : Array.isArray(claim) ? claim : [];
  const result: string[] = [];
  for (const entry of entries) {
    if (typeof entry === "string" && scopePattern.test(entry)) result.push(entry);
    if (result.length === maxScopes) break;
  }
  return result;
}
