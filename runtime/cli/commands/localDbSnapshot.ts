import type { Command } from "commander";
import { defaultDataDir } from "../../local/defaultDataDir.ts";
import type { CliContext } from "../cliContext.ts";
import { dataDirOption, parseSnapshotName, parseTenantTarget } from "./localDbOptions.ts";

/**
 * `silo local-db snapshot --tenant ID --name NAME`: a point-in-time copy of a tenant's local database, the
 * local stand-in for an RDS snapshot, for rehearsing a restore (`silo local-db restore`).
 */
export function registerLocalDbSnapshot(localDb: Command, context: CliContext): void {
  localDb
    .command("snapshot")
    .description("take a snapshot (a point-in-time copy) of a tenant's database on the local platform")
    .requiredOption("--tenant <id>", "the tenant", parseTenantTarget(false))
    .requiredOption("--name <name>", "the snapshot's name, e.g. before-incident", parseSnapshotName)
    .option(...dataDirOption, defaultDataDir())
    .action(async (options: { tenant: string; name: string; dataDir: string }) => {
      // pg loads only when the command runs, so other commands start fast.
      const { runLocalDbSnapshot } = await import("./runLocalDbSnapshot.ts");
      await runLocalDbSnapshot(options, context);
    });
}
