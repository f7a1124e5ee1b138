import { readScopes } from "../readScopes.ts";
import { compileClaimPath } from "./claimPath.ts";
import { clerkPermissions } from "./clerkPermissions.ts";
import type { ScopeFormat } from "./identityProfiles.ts";

/** The settings {@link createScopeReader} needs. */
export interface ScopeReaderSettings {
  readonly scopeClaims: readonly string[];
  readonly scopePrefix: string;
  readonly scopeFormat: ScopeFormat;
}

/**
 * Builds the reader of a verified payload's scopes, as one space-separated string (see {@link readScopes}):
 * the scopes of every configured claim together (Entra: delegated `scp` and app-only `roles`), or Clerk's
 * organisation permissions. With a prefix, only the entries carrying it count, without it (Cognito's
 * `silo/chat:write` is `chat:write`; `openid` or another API's `other/chat:write` grant nothing).
 *
 * @example
 * createScopeReader({ scopeClaims: ["scp", "roles"], scopePrefix: "", scopeFormat: "standard" })(
 *   { scp: "chat:write", roles: ["usage:read"] }); // "chat:write usage:read"
 */
export function createScopeReader(
  settings: ScopeReaderSettings,
): (payload: Record<string, unknown>) => string {
  const { scopePrefix } = settings;
  const strip = (scopes: string): string => {
    if (scopePrefix === "" || scopes === "") return scopes;
    return readScopes(
      scopes
        .split(" ")
        .filter((scope) => scope.startsWith(scopePrefix))
        .map((scope) => scope.slice(scopePrefix.length)),
    );
  };
  if (settings.scopeFormat === "clerk") return (payload) => strip(readScopes(clerkPermissions(payload)));
  const readers = settings.scopeClaims.map(compileClaimPath);
  if (readers.length === 1) {
    const [read] = readers;
    // The usual case: one claim, read without allocating when already well formed.
    return (payload) => {
      const value = read?.(payload);
      return value === undefined ? "" : strip(readScopes(value));
    };
  }
  return (payload) => {
    const parts: string[] = [];
    for (const read of readers) {
      const value = read(payload);
      if (value === undefined) continue;
      const scopes = readScopes(value);
      if (scopes !== "") parts.push(scopes);
    }
    return strip(readScopes(parts.join(" ")));
  };
}
