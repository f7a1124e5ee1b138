const maxScopes = 64;
const scopePattern = /^[\x21-\x7e]{1,128}$/;
/** A claim that is already well formed: 1-64 printable entries of 1-128 characters, single spaces. */
const wellFormedScopes = /^[\x21-\x7e]{1,128}(?: [\x21-\x7e]{1,128}){0,63}$/;

/**
 * The scopes in a token claim, as one space-separated string (the form the authorizer's context hands the
 * runtime, and one string is cheaper to keep in the decision memo than an array of them). The claim is a
 * space-separated string (OAuth `scope`) or an array of strings (e.g. Auth0's `permissions`). Anything
 * else, and any entry that is not a short printable token, counts as no scope; the result is bounded so a
 * huge claim cannot make scope checks expensive. Test membership with {@link hasScope}.
 *
 * @example
 * readScopes("models:read chat:write"); // "models:read chat:write"
 * readScopes(["models:read", 7, "chat:write"]); // "models:read chat:write"
 */
export function readScopes(claim: unknown): string {
  // The usual claim, checked in one pass with nothing allocated: it is already the answer.
  if (typeof claim === "string" && wellFormedScopes.test(claim)) return claim;
  const entries = typeof claim === "string" ? claim.split(" ") : Array.isArray(claim) ? claim : [];
  const kept: string[] = [];
  for (const entry of entries) {
    if (typeof entry === "string" && scopePattern.test(entry)) kept.push(entry);
    if (kept.length === maxScopes) break;
  }
  return kept.join(" ");
}
