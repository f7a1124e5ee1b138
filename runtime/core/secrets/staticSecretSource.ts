import type { SecretSource } from "./secretSource.ts";
import { SecretUnavailableError } from "./secretUnavailableError.ts";

/** A {@link SecretSource} whose values are held in memory and can be replaced, as a rotation would. */
export interface StaticSecretSource extends SecretSource {
  /** Replaces (or adds) a secret's value; the next `getSecret` returns it. */
  set(secretId: string, value: string): void;
}

/**
 * A secret source over a fixed map of secret id to value, for the local platform (built from its own
 * configuration, never from a cloud account) and for tests. It behaves like the Secrets Manager source where
 * callers can tell: an unknown id rejects with `SecretUnavailableError` (reason `not_found`), and
 * `invalidate` is accepted (a no-op: there is no cache to drop). The map is copied; use `set` to change a
 * value afterwards.
 *
 * @example
 * const secrets = createStaticSecretSource({
 *   "/silo/acme/db": JSON.stringify({ username: "silo_acme", password: "local-only" }),
 * });
 */
export function createStaticSecretSource(
  values: Readonly<Record<string, string | undefined>>,
): StaticSecretSource {
  const secrets = new Map<string, string>();
  for (const [secretId, value] of Object.entries(values)) {
    if (value !== undefined) secrets.set(secretId, value);
  }
  return {
    async getSecret(secretId) {
      const value = secrets.get(secretId);
      if (value === undefined) {
        const known = [...secrets.keys()].map((id) => JSON.stringify(id)).join(", ") || "none";
        throw new SecretUnavailableError(
          secretId,
          "not_found",
          `is not in the static secret source (it holds ${known}): add it to the values the source is built from`,
        );
      }
      return value;
    },
    invalidate() {
      // Nothing is cached: every getSecret reads the map.
    },
    set(secretId, value) {
      secrets.set(secretId, value);
    },
  };
}
