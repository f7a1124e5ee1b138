import type { TenantConfig } from "../../tenants/schema.ts";

/** The Postgres engine every silo database and the usage ledger run. */
export const postgresEngine = {
  engine: "postgres",
  /** A major version: RDS picks the latest minor and upgrades minors in the maintenance window. */
  engineVersion: "17",
  parameterGroupFamily: "postgres17",
} as const;

/**
 * Parameters of every kit database: `rds.force_ssl` refuses any connection without TLS, so no client (and
 * no misconfigured `SILO_DB_SSL`) can talk to it in plain text.
 */
export const databaseParameters = [{ name: "rds.force_ssl", value: "1" }] as const;

/** How a tenant's RDS instance is sized and protected, from its tenant file. */
export interface TenantDatabaseSettings {
  readonly instanceClass: string;
  readonly allocatedStorageGb: number;
  /** Storage autoscaling ceiling. */
  readonly maxAllocatedStorageGb: number;
  readonly backupRetentionDays: number;
  readonly multiAz: boolean;
  readonly deletionProtection: boolean;
  /** Whether deleting the instance first takes a final snapshot. */
  readonly finalSnapshot: boolean;
}

/**
 * The tenant's database settings. A final snapshot is taken on deletion whenever the tenant protects its
 * database (and always for tier regulated), so turning deletion protection off and deleting the stack still
 * leaves the data recoverable; only an unprotected standard tenant is deleted without one.
 *
 * @example
 * tenantDatabaseSettings(tenant).finalSnapshot; // true for acme-health
 */
export function tenantDatabaseSettings(
  tenant: Pick<TenantConfig, "tier" | "database">,
): TenantDatabaseSettings {
  const { database } = tenant;
  return {
    instanceClass: database.instanceClass,
    allocatedStorageGb: database.allocatedStorageGb,
    maxAllocatedStorageGb: Math.min(database.allocatedStorageGb * 4, 65_536),
    backupRetentionDays: database.backupRetentionDays,
    multiAz: database.multiAz,
    deletionProtection: database.deletionProtection,
    finalSnapshot: database.deletionProtection || tenant.tier === "regulated",
  };
}
