import { join } from "node:path";
import { type Command, InvalidArgumentError } from "commander";
import { tenantIdRule } from "../../../tenants/tenantId.ts";
import { repositoryRoot } from "../../build/bundleLambda.ts";
import { defaultTenantsDir, loadTenant } from "../../core/tenants/loadTenants.ts";
import { checkPrerequisites } from "../../fleet/checkPrerequisites.ts";
import { localStackWorkspaces } from "../../fleet/localStackWorkspaces.ts";
import { awsOffboardingCloud } from "../../fleet/offboard/awsOffboardingCloud.ts";
import { confirmOffboarding } from "../../fleet/offboard/confirmOffboarding.ts";
import { offboardTenant } from "../../fleet/offboard/offboardTenant.ts";
import { probePrerequisites } from "../../fleet/probePrerequisites.ts";
import { commandTokenSource } from "../../smoke/commandTokenSource.ts";
import type { CliContext } from "../cliContext.ts";
import { canPrompt, promptLine } from "./promptLine.ts";

interface OffboardOptions {
  yesIMean?: string;
  tokenCommand?: string;
  retentionKeyArn?: string;
  stateDir: string;
  dir: string;
  pollSeconds: number;
}

/**
 * `silo tenants offboard <id>`: final snapshot, data export, then destroy, keeping the ledger and scheduling
 * the secrets and key for deletion (runtime/fleet/offboard/offboardTenant.ts). Asks the operator to name
 * the tenant; resumable.
 */
export function registerTenantsOffboard(tenants: Command, context: CliContext): void {
  tenants
    .command("offboard")
    .description("snapshot and export a tenant's data, then destroy its stack (keeps the ledger; resumable)")
    .argument("<id>", `tenant id: ${tenantIdRule}`)
    .option("--yes-i-mean <id>", "confirm without a prompt by naming the tenant again (needed in CI)")
    .option(
      "--token-command <command>",
      "shell command printing a token of the tenant with scope data:export, for the export; {tenant} and {scopes} are replaced (SILO_OFFBOARD_TOKEN_COMMAND)",
      process.env.SILO_OFFBOARD_TOKEN_COMMAND,
    )
    .option(
      "--retention-key-arn <arn>",
      "KMS key the kept snapshot is encrypted with (default: the shared stack's platform key)",
    )
    .option(
      "--state-dir <dir>",
      "where progress, the export and the destroy log are kept",
      join(repositoryRoot, ".silo", "offboard"),
    )
    .option("--dir <dir>", "tenants directory", defaultTenantsDir())
    .option("--poll-seconds <n>", "how often snapshot progress is checked", parseSeconds, 15)
    .action(async (id: string, options: OffboardOptions) => {
      const tenant = await loadTenant(id, options.dir);
      await confirmOffboarding({
        tenantId: tenant.id,
        ...(options.yesIMean === undefined ? {} : { confirmedId: options.yesIMean }),
        interactive: canPrompt(),
        ask: promptLine,
      });
      await checkPrerequisites(probePrerequisites());
      const tokens = options.tokenCommand
        ? commandTokenSource({ command: options.tokenCommand, timeoutMs: 60_000 })
        : undefined;
      const stateDir = join(options.stateDir, tenant.id);
      await offboardTenant({
        tenant,
        workspaces: localStackWorkspaces(),
        cloudFor: awsOffboardingCloud,
        ...(tokens ? { exportToken: () => tokens.token(tenant.id, ["data:export"]) } : {}),
        ...(options.retentionKeyArn ? { retentionKeyArn: options.retentionKeyArn } : {}),
        stateDir,
        pollIntervalMs: options.pollSeconds * 1000,
        progress: (line) => context.err(`${line}\n`),
      });
      context.out(
        `offboarded ${tenant.id}; kept: snapshot silo-${tenant.id}-offboarding-retained, ${join(stateDir, "export.jsonl")}, the ledger rows\n`,
      );
    });
}

function parseSeconds(value: string): number {
  const seconds = Number(value);
  if (!/^\d+$/.test(value) || seconds > 3600) {
    throw new InvalidArgumentError(`"${value}" is not a whole number of seconds from 0 to 3600`);
  }
  return seconds;
}
