import { type Command, InvalidArgumentError } from "commander";
import { tenantIdRule } from "../../../tenants/tenantId.ts";
import { defaultTenantsDir } from "../../core/tenants/defaultTenantsDir.ts";
import type { CliContext } from "../cliContext.ts";
import { parseEnvironmentQualifier } from "./parseEnvironmentQualifier.ts";
import type { RestoreOptions } from "./runTenantsRestore.ts";

/**
 * `silo tenants restore <id> --snapshot <id> | --to-time <time>`: restores the tenant's RDS database beside
 * the current one, swaps the names and fixes the stack's state (runtime/fleet/restore/restoreTenantDatabase.ts).
 * `--environment staging` restores in `staging.tenant-<id>` (docs/deploy.md).
 */
export function registerTenantsRestore(tenants: Command, context: CliContext): void {
  tenants
    .command("restore")
    .description(
      "restore a tenant's database in AWS from a snapshot or a point in time, under Pulumi's management",
    )
    .argument("<id>", `tenant id: ${tenantIdRule}`)
    .option("--snapshot <id>", "the DB snapshot to restore")
    .option(
      "--to-time <time>",
      "restore the current instance's backups to this UTC time (ISO 8601)",
      parseTime,
    )
    .option(
      "--environment <qualifier>",
      "restore in the tenant's stack qualified with an environment (staging.tenant-<id>) instead of the unqualified one",
      parseEnvironmentQualifier,
    )
    .option("--dry-run", "check everything and print the steps without changing anything")
    .option("--yes-i-mean <id>", "confirm without a prompt by naming the tenant again (needed in CI)")
    .option("--dir <dir>", "tenants directory", defaultTenantsDir())
    .option("--poll-seconds <n>", "how often the instances' progress is checked", parsePollSeconds, 15)
    .action(async (id: string, options: RestoreOptions) => {
      // The AWS SDK and Pulumi's Automation API load only when the command runs.
      const { runTenantsRestore } = await import("./runTenantsRestore.ts");
      await runTenantsRestore(id, options, context);
    });
}

function parseTime(value: string): Date {
  const time = new Date(value);
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?Z$/.test(value) || Number.isNaN(time.getTime())) {
    throw new InvalidArgumentError(`"${value}" is not a UTC time like 2026-11-03T09:40:00Z`);
  }
  return time;
}

function parsePollSeconds(value: string): number {
  const seconds = Number(value);
  if (!/^\d+$/.test(value) || seconds > 3600) {
    throw new InvalidArgumentError(`"${value}" is not a whole number of seconds from 0 to 3600`);
  }
  return seconds;
}
