import type { Command } from "commander";
import { SiloError } from "../../core/errors/siloError.ts";
import { defaultDataDir } from "../../local/defaultDataDir.ts";
import { localDatabaseNames } from "../../local/provisionLocalDatabases.ts";
import type { CliContext } from "../cliContext.ts";
import {
  dataDirOption,
  findLocalPostgres,
  parseTenantTarget,
  runFormatted,
  withClient,
} from "./localDbConnection.ts";
import { copyDatabase, databaseExists, localSnapshotDatabase, parseSnapshotName } from "./localDbSnapshot.ts";

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
      const postgres = await findLocalPostgres(options.dataDir);
      const { database, user } = localDatabaseNames(options.tenant);
      const snapshot = localSnapshotDatabase(options.tenant, options.name);
      const restoring = `${database}__restoring`;
      const replaced = `${database}__replaced_${Date.now().toString(36)}`;
      await withClient(postgres.connection("postgres"), async (admin) => {
        if (!(await databaseExists(admin, snapshot))) {
          throw new SiloError(
            "LOCAL_SNAPSHOT_NOT_FOUND",
            `tenant ${options.tenant} has no snapshot named ${options.name} (${snapshot}); ` +
              `take one with: silo local-db snapshot --tenant ${options.tenant} --name ${options.name}`,
          );
        }
        if (await databaseExists(admin, restoring)) await runFormatted(admin, "DROP DATABASE %I", restoring);
        await copyDatabase(admin, snapshot, restoring, user);
        // The swap: refuse and end the tenant's sessions, then rename, so its next connection opens the
        // restored database under the name its configuration already has.
        await runFormatted(admin, "ALTER DATABASE %I ALLOW_CONNECTIONS false", database);
        await admin.query(
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
          [database],
        );
        await runFormatted(admin, "ALTER DATABASE %I RENAME TO %I", database, replaced);
        await runFormatted(admin, "ALTER DATABASE %I RENAME TO %I", restoring, database);
      });
      context.out(
        `restored tenant ${options.tenant} from snapshot ${options.name}: ${database} is the restored copy; ` +
          `the database it replaced is kept as ${replaced}\n`,
      );
    });
}
