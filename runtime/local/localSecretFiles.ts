/** A file or folder of the local platform's data directory, and whether it holds a secret. */
export interface LocalDataDirEntry {
  /** Relative to the data directory, `/`-separated; `<tenant>` stands for any tenant id, a trailing `/` for a folder. */
  readonly path: string;
  /** The row of docs/secrets.md that covers it; undefined for an entry that holds no secret. */
  readonly inventoryId: string | undefined;
  /** What it is, for the error a test prints when the platform writes something not listed here. */
  readonly holds: string;
}

/**
 * Everything the local platform writes into its data directory, with the secrets marked by their row in
 * docs/secrets.md. A test starts the platform and fails on any file it finds that is not listed here, so a
 * new secret file cannot appear without its inventory row.
 */
export const localDataDirEntries: readonly LocalDataDirEntry[] = [
  {
    path: "postgres/",
    inventoryId: "local-postgres-superuser",
    holds:
      "the embedded Postgres cluster: every tenant database, the ledger, and the superuser's password hash",
  },
  {
    path: "postgres-superuser.json",
    inventoryId: "local-postgres-superuser",
    holds: "the embedded Postgres superuser's password, generated per data directory",
  },
  {
    path: "local-secrets.json",
    inventoryId: "local-tenant-db-passwords",
    holds: "each tenant's database and ledger-role passwords, as the platform generated them",
  },
  {
    path: "secrets/<tenant>.json",
    inventoryId: "local-tenant-secrets",
    holds:
      "one tenant process's secrets (its database and ledger credentials), as Secrets Manager holds them in AWS",
  },
  {
    path: "idp/signing-key.jwk.json",
    inventoryId: "local-signing-key",
    holds: "the dev identity provider's private signing key",
  },
  {
    path: "idp/clients.json",
    inventoryId: "local-oauth-clients",
    holds: "the local OpenID Provider's clients and their secrets",
  },
  {
    path: "ledger-finance.json",
    inventoryId: "local-finance-login",
    holds: "the local ledger's finance login and its password",
  },
];

/**
 * The entry that covers `relativePath` (a file inside the data directory, `/`-separated), or undefined.
 *
 * @example
 * localDataDirEntryOf("secrets/globex.json")?.inventoryId; // "local-tenant-secrets"
 */
export function localDataDirEntryOf(relativePath: string): LocalDataDirEntry | undefined {
  return localDataDirEntries.find((entry) =>
    entry.path.endsWith("/")
      ? relativePath.startsWith(entry.path)
      : new RegExp(`^${entry.path.replace(/[.]/g, "\\.").replace("<tenant>", "[a-z0-9-]+")}$`).test(
          relativePath,
        ),
  );
}
