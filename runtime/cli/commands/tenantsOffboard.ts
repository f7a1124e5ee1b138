import { join } from "node:path";
import { type Command, InvalidArgumentError, Option } from "commander";
import { tenantIdRule } from "../../../tenants/tenantId.ts";
import { repositoryRoot } from "../../build/bundleLambda.ts";
import { defaultTenantsDir } from "../../core/tenants/defaultTenantsDir.ts";
import type { CliContext } from "../cliContext.ts";
import { parseEnvironmentQualifier } from "./parseEnvironmentQualifier.ts";
import type { OffboardOptions } from "./runTenantsOffboard.ts";

/**
 * `silo tenants offboard <id>`: final snapshot, data export, then destroy, keeping the ledger and scheduling
 * the secrets and key for deletion (runtime/fleet/offboard/offboardTenant.ts). Asks the operator to name
 * the tenant; resumable. `--environment staging` offboards `staging.tenant-<id>` (docs/deploy.md), its state in
 * its own folder.
 */
export function registerTenantsOffboard(tenants: Command, context: CliContext): void {
  tenants
    .command("offboard")
    .description("snapshot and export a tenant's data, then destroy its stack (keeps the ledger; resumable)")
    .argument("<id>", `tenant id: ${tenantIdRule}`)
    .option("--yes-i-mean <id>", "confirm without a prompt by naming the tenant again (needed in CI)")
    .option(
      "--environment <qualifier>",
      "offboard the tenant's stack qualified with an environment (staging.tenant-<id>, with staging.shared) instead of the unqualified one",
      parseEnvironmentQualifier,
    )
    .addOption(
      new Option(
        "--token-command <command>",
        "shell command printing a token of the tenant with scope data:export, for the export; {tenant} and {scopes} are replaced",
      ).env("SILO_OFFBOARD_TOKEN_COMMAND"),
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
      // The AWS SDK and Pulumi's Automation API load only when the command runs.
      const { runTenantsOffboard } = await import("./runTenantsOffboard.ts");
      await runTenantsOffboard(id, options, context);
    });
}

function parseSeconds(value: string): number {
  const seconds = Number(value);
  if (!/^\d+$/.test(value) || seconds > 3600) {
    throw new InvalidArgumentError(`"${value}" is not a whole number of seconds from 0 to 3600`);
  }
  return seconds;
}
