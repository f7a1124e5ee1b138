import { SiloError } from "../../core/errors/siloError.ts";
import { localDatabaseNames } from "../../local/provisionLocalDatabases.ts";
import type { CliContext } from "../cliContext.ts";
import {
  copyDatabase,
  databaseExists,
  findLocalPostgres,
  localSnapshotDatabase,
  withClient,
} from "./localDbConnection.ts";

/**
 * The action of `silo local-db snapshot` (runtime/cli/commands/localDbSnapshot.ts): copies the tenant's
 * database to `silo_tenant_<id>__snap_<name>`; refuses a name already taken.
 */
export async function runLocalDbSnapshot(
  options: { readonly tenant: string; readonly name: string; readonly dataDir: string },
  context: CliContext,
): Promise<void> {
  const postgres = await findLocalPostgres(options.dataDir);
  const { database, user } = localDatabaseNames(options.tenant);
  const snapshot = localSnapshotDatabase(options.tenant, options.name);
  await withClient(postgres.connection("postgres"), async (admin) => {
    if (await databaseExists(admin, snapshot)) {
      throw new SiloError(
        "LOCAL_SNAPSHOT_EXISTS",
        `tenant ${options.tenant} already has a snapshot named ${options.name}; choose another --name`,
      );
    }
    await copyDatabase(admin, database, snapshot, user);
  });
  context.out(`snapshot ${options.name} of tenant ${options.tenant}: ${database} copied to ${snapshot}\n`);
}
