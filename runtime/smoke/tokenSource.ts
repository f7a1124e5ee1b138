import type { Scope } from "../api/scopes.ts";

/** Where the suite gets its access tokens: the local dev IdP, or a command that asks the real IdP. */
export interface TokenSource {
  /** One line for the report header, e.g. "local dev IdP (/tmp/silo-kit-local)". */
  readonly description: string;
  /** A valid token for `tenantId` carrying exactly `scopes`. */
  token(tenantId: string, scopes: readonly Scope[]): Promise<string>;
  /**
   * A token for `tenantId` that has expired, or a sentence saying why this source has none (the check is
   * then skipped with it).
   */
  expiredToken(tenantId: string): Promise<{ token: string } | { unavailable: string }>;
}
