/**
 * Lambda entry of the shared ledger-admin function. Each tenant stack invokes it on deploy with
 * `{"tenantId", "monthlyBudgetUsd"}`; it migrates the usage ledger and provisions that tenant's ledger role
 * (see enrollTenantInLedger.ts). Configuration and the Secrets Manager client live at module scope, so a
 * misconfigured function fails its first invocation with every problem named.
 */
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { connectClient } from "../core/db/connectClient.ts";
import { createSecretsManagerSource } from "../core/secrets/secretsManagerSource.ts";
import { enrollTenantInLedger, type LedgerEnrollmentReport } from "./enrollTenantInLedger.ts";
import { loadLedgerAdminConfig } from "./ledgerAdminConfig.ts";
import { parseLedgerAdminEvent } from "./ledgerAdminEvent.ts";

const config = loadLedgerAdminConfig(process.env);
// ttlMs 0: every deploy reads the current passwords, so a rotation is applied by the next deploy.
const secrets = createSecretsManagerSource({ client: new SecretsManagerClient({}), ttlMs: 0 });

export async function handler(event: unknown): Promise<LedgerEnrollmentReport> {
  const request = parseLedgerAdminEvent(event);
  const report = await enrollTenantInLedger(
    {
      secrets,
      masterSecretId: config.secretId,
      connect: (credentials) => connectClient(config, credentials, "silo-ledger-admin"),
    },
    request,
  );
  process.stdout.write(
    `${JSON.stringify({
      level: "info",
      msg: "tenant enrolled in ledger",
      tenantId: report.tenantId,
      roleName: report.roleName,
      migrationsApplied: report.migrations.applied.length,
    })}\n`,
  );
  return report;
}
