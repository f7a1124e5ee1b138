import type { TenantConfig } from "../../../../tenants/schema.ts";
import { toRuntimeTenant } from "../../../../tenants/toRuntimeTenant.ts";
import type { TestDatabase } from "../../../support/postgres/testDatabase.ts";

/** Arguments of {@link tenantHandlerEnv}. */
export interface TenantHandlerEnvArgs {
  readonly tenant: TenantConfig;
  /** The tenant's database (its owner's credentials go into the local secrets). */
  readonly tenantDatabase: TestDatabase;
  /** The ledger database, with the tenant's ledger role. */
  readonly ledgerDatabase: TestDatabase;
  readonly ledgerRole: { readonly roleName: string; readonly password: string };
  /** More local secrets, e.g. `/silo/<tenant>/providers/<model key>` for an upstream's key. */
  readonly secrets?: Readonly<Record<string, string>>;
}

/**
 * The environment the tenant stack (or the local platform) gives each handler Lambda: config, where the
 * databases are, and which secrets hold their credentials; the secrets themselves are local-only here.
 */
export function tenantHandlerEnv(args: TenantHandlerEnvArgs): Record<string, string> {
  const { tenant } = args;
  const tenantUrl = new URL(args.tenantDatabase.url);
  const ledgerUrl = new URL(args.ledgerDatabase.url);
  return {
    SILO_TENANT_ID: tenant.id,
    SILO_TENANT_CONFIG: JSON.stringify(toRuntimeTenant(tenant)),
    SILO_ENVIRONMENT: "test",
    SILO_DB_HOST: tenantUrl.hostname,
    SILO_DB_PORT: tenantUrl.port,
    SILO_DB_NAME: args.tenantDatabase.name,
    SILO_DB_SECRET_ID: `/silo/${tenant.id}/database`,
    SILO_DB_SSL: "disable",
    SILO_LEDGER_DB_HOST: ledgerUrl.hostname,
    SILO_LEDGER_DB_PORT: ledgerUrl.port,
    SILO_LEDGER_DB_NAME: args.ledgerDatabase.name,
    SILO_LEDGER_DB_SECRET_ID: `/silo/${tenant.id}/ledger`,
    SILO_LEDGER_DB_SSL: "disable",
    SILO_EXPORT_DOWNLOAD_BASE_URL: `http://127.0.0.1:8080/${tenant.id}/v1/exports`,
    SILO_LOCAL_SECRETS: JSON.stringify({
      [`/silo/${tenant.id}/database`]: JSON.stringify({
        username: decodeURIComponent(tenantUrl.username),
        password: decodeURIComponent(tenantUrl.password),
      }),
      [`/silo/${tenant.id}/ledger`]: JSON.stringify({
        username: args.ledgerRole.roleName,
        password: args.ledgerRole.password,
      }),
      ...args.secrets,
    }),
  };
}
