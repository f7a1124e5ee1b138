const maxScopes = 64;
const scopePattern = /^[\x21-\x7e]{1,128}$/;

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
  const entries = typeof claim === "string" ? claim.split(" ") : Array.isArray(claim) ? claim : [];
  const kept: string[] = [];
  for (const entry of entries) {
    if (typeof entry === "string" && scopePattern.test(entry)) kept.push(entry);
    if (kept.length === maxScopes) break;
  }
  // A well-formed scope string is already the answer: nothing dropped, single spaces.
  return typeof claim === "string" && kept.length === entries.length ? claim : kept.join(" ");
}
