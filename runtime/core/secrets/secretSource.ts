/**
 * Where the runtime reads secrets from: Secrets Manager in AWS ({@link createSecretsManagerSource}), a fixed
 * map on the local platform and in tests ({@link createStaticSecretSource}). Code that needs a secret takes a
 * `SecretSource` and never knows which one it has.
 *
 * Implementations reject with `SecretUnavailableError` (code `SECRET_UNAVAILABLE`) and never put a secret's
 * value in an error or a log line.
 *
 * @example
 * const credentials = parseDatabaseSecret(await secrets.getSecret(config.secretId), config.secretId);
 */
export interface SecretSource {
  /** The secret's current string value, by name or ARN. May be served from a cache. */
  getSecret(secretId: string): Promise<string>;
  /**
   * Forgets any cached value, so the next {@link getSecret} reads the secret again. Call it when the value
   * turned out to be stale, e.g. the database refused the password after a rotation.
   */
  invalidate(secretId: string): void;
}
