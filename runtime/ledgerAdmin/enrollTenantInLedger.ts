import { SiloError } from "../core/errors/siloError.ts";
import { ledgerMigrations } from "../core/ledger/ledgerMigrations.ts";
import { provisionTenantLedgerRole, tenantLedgerRoleName } from "../core/ledger/provisionTenantLedgerRole.ts";
import { type MigrationReport, runMigrations } from "../core/migrations/runMigrations.ts";
import { parseDatabaseSecret } from "../core/secrets/parseDatabaseSecret.ts";
import type { LedgerAdminDeps } from "./ledgerAdminDeps.ts";
import type { LedgerEnrollmentRequest } from "./ledgerAdminEvent.ts";
import { ledgerRoleSecretName } from "./ledgerRoleSecretName.ts";

/** What an enrollment did; holds no secret. */
export interface LedgerEnrollmentReport {
  readonly tenantId: string;
  readonly roleName: string;
  readonly migrations: MigrationReport;
}

/**
 * Enrolls one tenant in the usage ledger, idempotently: brings the ledger schema up to date, then creates or
 * updates the tenant's ledger role with the password from its secret (`/silo/<tenant>/ledger-role`, `/<qualifier>/silo/<tenant>/ledger-role` behind a qualified shared stack) and
 * registers its budget (a budget already registered is kept). Safe to run on every deploy and concurrently
 * (the migration runner takes an advisory lock). A rotated password is picked up by running it again.
 *
 * @example
 * const report = await enrollTenantInLedger(deps, { tenantId: "acme", monthlyBudgetUsd: 100, markupPercent: 0 });
 */
export async function enrollTenantInLedger(
  deps: LedgerAdminDeps,
  request: LedgerEnrollmentRequest,
): Promise<LedgerEnrollmentReport> {
  const master = parseDatabaseSecret(await deps.secrets.getSecret(deps.masterSecretId), deps.masterSecretId);
  const tenantSecretId = ledgerRoleSecretName(request.tenantId, deps.environmentQualifier);
  const tenant = parseDatabaseSecret(await deps.secrets.getSecret(tenantSecretId), tenantSecretId);
  const expectedRole = tenantLedgerRoleName(request.tenantId);
  if (tenant.username !== expectedRole) {
    throw new SiloError(
      "LEDGER_ROLE_SECRET_MISMATCH",
      `secret ${tenantSecretId} is for user "${tenant.username}", but tenant ${request.tenantId}'s ledger role is "${expectedRole}"; ` +
        `set its username to ${expectedRole} (the tenant stack writes it so)`,
    );
  }
  const session = await deps.connect(master);
  try {
    const migrations = await runMigrations(session, ledgerMigrations, { lockName: "silo:ledger" });
    const { roleName } = await provisionTenantLedgerRole(session, {
      tenantId: request.tenantId,
      password: tenant.password,
      monthlyBudgetUsd: request.monthlyBudgetUsd,
      markupPercent: request.markupPercent,
    });
    return { tenantId: request.tenantId, roleName, migrations };
  } finally {
    await session.end();
  }
}
