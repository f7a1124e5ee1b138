import { readFile } from "node:fs/promises";
import type { SecretSource } from "../core/secrets/secretSource.ts";
import { SecretUnavailableError } from "../core/secrets/secretUnavailableError.ts";

/**
 * A {@link SecretSource} over one JSON file of secret id to value: a tenant process's own secrets on the
 * local platform (`<data dir>/secrets/<tenant>.json`, mode 0600, written by the platform). The file is read
 * on first use and again after `invalidate`, like the Secrets Manager source after a rotation: when the
 * database refuses a password, `createDatabase` invalidates the secret and the next read sees the file's
 * new value, so a rotation needs no restart. Errors name the file and the secret id, never a value.
 *
 * @example
 * const secrets = createFileSecretSource("/tmp/silo-kit-local/secrets/acme-health.json");
 * const json = await secrets.getSecret("/silo/acme-health/database");
 */
export function createFileSecretSource(file: string): SecretSource {
  let values: Promise<Record<string, string>> | undefined;
  const load = (secretId: string): Promise<Record<string, string>> => {
    const loading = readFile(file, "utf8").then(
      (text) => JSON.parse(text) as Record<string, string>,
      (error: unknown) => {
        throw new SecretUnavailableError(
          secretId,
          "unreachable",
          `could not be read: the local secrets file ${file} is unreadable (${(error as NodeJS.ErrnoException).code ?? "error"}): restart the local platform to rewrite it`,
          { cause: error },
        );
      },
    );
    // A failed read is not kept, so the next call reads the file again.
    loading.catch(() => {
      if (values === loading) values = undefined;
    });
    return loading;
  };
  return {
    async getSecret(secretId) {
      values ??= load(secretId);
      const value = (await values)[secretId];
      if (typeof value !== "string") {
        throw new SecretUnavailableError(
          secretId,
          "not_found",
          `is not in the local secrets file ${file}: restart the local platform to rewrite it`,
        );
      }
      return value;
    },
    invalidate() {
      values = undefined;
    },
  };
}
