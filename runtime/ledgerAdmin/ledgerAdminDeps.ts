import type pg from "pg";
import type { DatabaseSecret } from "../core/secrets/parseDatabaseSecret.ts";
import type { SecretSource } from "../core/secrets/secretSource.ts";

/** A session on the ledger database as its admin. */
export type LedgerSession = pg.ClientBase & { end(): Promise<void> };

/**
 * What the ledger-admin operations (enrollTenantInLedger.ts, disableTenantInLedger.ts, sweepLedger.ts) need; the Lambda passes
 * Secrets Manager and a TLS `pg.Client`.
 */
export interface LedgerAdminDeps {
  readonly secrets: SecretSource;
  /** Name or ARN of the ledger's master secret (RDS-managed). */
  readonly masterSecretId: string;
  /**
   * The shared stack's environment qualifier (`SILO_ENVIRONMENT_QUALIFIER`), which the tenants' ledger
   * secret names carry (ledgerRoleSecretName.ts).
   * @default none: `/silo/<tenant>/ledger-role`
   */
  readonly environmentQualifier?: string;
  /** Opens one session with the given credentials. */
  readonly connect: (credentials: DatabaseSecret) => Promise<LedgerSession>;
}
