/**
 * The Secrets Manager name of a tenant's usage-ledger credentials: `{"username": "<ledger role>", "password":
 * "..."}`. The tenant stack creates the secret (encrypted with the tenant's key); the ledger-admin Lambda
 * reads it to provision the role, and the tenant's handlers read it to connect (`SILO_LEDGER_DB_SECRET_ID`).
 * The ledger admin derives the name from the tenant id rather than taking it from its event, so an event
 * can never point it at another secret. A stack qualified with an environment (components/common/resourceNames.ts)
 * puts the qualifier in front.
 *
 * @example
 * ledgerRoleSecretName("acme-health"); // "/silo/acme-health/ledger-role"
 * ledgerRoleSecretName("acme-health", "staging"); // "/staging/silo/acme-health/ledger-role"
 */
export function ledgerRoleSecretName(tenantId: string, environmentQualifier?: string): string {
  return `${environmentQualifier === undefined ? "" : `/${environmentQualifier}`}/silo/${tenantId}/ledger-role`;
}
