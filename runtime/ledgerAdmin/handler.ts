/**
 * Lambda entry of the shared ledger-admin function. Each tenant stack invokes it with
 * `{"tenantId", "monthlyBudgetUsd", "tf": {"action"}}`: on deploy (`create`, `update`) it migrates the usage
 * ledger and provisions that tenant's ledger role (see enrollTenantInLedger.ts); on destroy (`delete`) it
 * disables that role and keeps the rows (see disableTenantInLedger.ts). The shared stack's schedule invokes it every few minutes with
 * `{"action": "sweep"}`: it expires dangling reservations (see sweepLedger.ts). Configuration and the
 * Secrets Manager client live at module scope, so a misconfigured function fails its first invocation with
 * every problem named.
 */
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { connectClient } from "../core/db/connectClient.ts";
import { jsonLineLog } from "../core/logging/jsonLogger.ts";
import { createSecretsManagerSource } from "../core/secrets/secretsManagerSource.ts";
import { disableTenantInLedger, type LedgerDisableReport } from "./disableTenantInLedger.ts";
import { enrollTenantInLedger, type LedgerEnrollmentReport } from "./enrollTenantInLedger.ts";
import { loadLedgerAdminConfig, loadLedgerEnvironmentQualifier } from "./ledgerAdminConfig.ts";
import type { LedgerAdminDeps } from "./ledgerAdminDeps.ts";
import { parseLedgerAdminEvent } from "./ledgerAdminEvent.ts";
import { type LedgerSweepReport, sweepLedger } from "./sweepLedger.ts";

const config = loadLedgerAdminConfig(process.env);
// ttlMs 0: every deploy reads the current passwords, so a rotation is applied by the next deploy.
const secrets = createSecretsManagerSource({ client: new SecretsManagerClient({}), ttlMs: 0 });
const environmentQualifier = loadLedgerEnvironmentQualifier(process.env);
const deps: LedgerAdminDeps = {
  secrets,
  masterSecretId: config.secretId,
  ...(environmentQualifier === undefined ? {} : { environmentQualifier }),
  connect: (credentials) => connectClient(config, credentials, "silo-ledger-admin"),
};
const log = jsonLineLog();

export async function handler(
  event: unknown,
): Promise<LedgerEnrollmentReport | LedgerDisableReport | LedgerSweepReport> {
  const request = parseLedgerAdminEvent(event);
  if (request.action === "sweep") {
    const report = await sweepLedger(deps, new Date());
    // One line per run; `expired > 0` is worth an alarm: each is a call whose cost the ledger does not know.
    log({ level: report.expired > 0 ? "warn" : "info", msg: "ledger swept", ...report });
    return report;
  }
  if (request.action === "disable") {
    const report = await disableTenantInLedger(deps, request);
    log({
      level: "info",
      msg: "ledger tenant disabled",
      tenantId: report.tenantId,
      sessionsEnded: report.sessionsEnded,
    });
    return report;
  }
  const report = await enrollTenantInLedger(deps, request);
  log({
    level: "info",
    msg: "tenant enrolled in ledger",
    tenantId: report.tenantId,
    roleName: report.roleName,
    migrationsApplied: report.migrations.applied.length,
  });
  return report;
}
