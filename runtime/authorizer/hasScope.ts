const space = 0x20;

/**
 * True when `scope` is one of the space-separated entries of `scopes` (as {@link readScopes} returns them):
 * a whole entry, never a prefix or part of one, so `chat:write` is not found in `chat:writer`.
 *
 * @example
 * hasScope("models:read chat:write", "chat:write"); // true
 * hasScope("models:read chat:writer", "chat:write"); // false
 */
export function hasScope(scopes: string, scope: string): boolean {
  if (scope.length === 0) return false;
  for (let at = scopes.indexOf(scope); at !== -1; at = scopes.indexOf(scope, at + 1)) {
    const end = at + scope.length;
    const startsEntry = at === 0 || scopes.charCodeAt(at - 1) === space;
    const endsEntry = end === scopes.length || scopes.charCodeAt(end) === space;
    if (startsEntry && endsEntry) return true;
  }
  return false;
}
