import { SiloError } from "../../core/errors/siloError.ts";
import { localDatabaseNames } from "../../local/provisionLocalDatabases.ts";
import type { CliContext } from "../cliContext.ts";
import {
  copyDatabase,
  databaseExists,
  findLocalPostgres,
  localSnapshotDatabase,
  runFormatted,
  withClient,
} from "./localDbConnection.ts";

/**
 * The action of `silo local-db restore` (runtime/cli/commands/localDbRestore.ts): the snapshot is copied
 * to a new database, which then takes the current one's name; the current one is kept aside.
 */
export async function runLocalDbRestore(
  options: { readonly tenant: string; readonly name: string; readonly dataDir: string },
  context: CliContext,
): Promise<void> {
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
}
