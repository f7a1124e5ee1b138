import type { Command } from "commander";
import { defaultDataDir } from "../../local/defaultDataDir.ts";
import type { CliContext } from "../cliContext.ts";
import { dataDirOption, parseSnapshotName, parseTenantTarget } from "./localDbOptions.ts";

/**
 * `silo local-db restore --tenant ID --name NAME`: restores a tenant's local database from a snapshot the
 * way the production runbook does with RDS: the snapshot is restored to a new database, the current one is
 * renamed aside (kept, for comparison and forensics) and the restored one takes its name, so the tenant's
 * process reconnects to it without a configuration change. The snapshot itself is kept.
 */
export function registerLocalDbRestore(localDb: Command, context: CliContext): void {
  localDb
    .command("restore")
    .description(
      "restore a tenant's database on the local platform from a snapshot (the current one is kept aside)",
    )
    .requiredOption("--tenant <id>", "the tenant", parseTenantTarget(false))
    .requiredOption("--name <name>", "the snapshot to restore", parseSnapshotName)
    .option(...dataDirOption, defaultDataDir())
    .action(async (options: { tenant: string; name: string; dataDir: string }) => {
      // pg loads only when the command runs, so other commands start fast.
      const { runLocalDbRestore } = await import("./runLocalDbRestore.ts");
      await runLocalDbRestore(options, context);
    });
}
