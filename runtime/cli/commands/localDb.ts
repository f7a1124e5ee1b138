import type { Command } from "commander";
import type { CliContext } from "../cliContext.ts";
import { registerLocalDbQuery } from "./localDbQuery.ts";
import { registerLocalDbRestore } from "./localDbRestore.ts";
import { registerLocalDbRotatePassword } from "./localDbRotatePassword.ts";
import { registerLocalDbSnapshot } from "./localDbSnapshot.ts";

/**
 * `silo local-db ...`: operations on the running local platform's Postgres (found through its data
 * directory), for rehearsing the runbooks in docs/runbooks/: query the ledger or a tenant database, rotate a
 * tenant's password, snapshot and restore a tenant's database. Never touches AWS.
 */
export function registerLocalDb(program: Command, context: CliContext): void {
  const localDb = program
    .command("local-db")
    .description(
      "rehearse database operations on the running local platform: query, rotate, snapshot, restore",
    );
  registerLocalDbQuery(localDb, context);
  registerLocalDbRotatePassword(localDb, context);
  registerLocalDbSnapshot(localDb, context);
  registerLocalDbRestore(localDb, context);
  for (const command of localDb.commands) {
    command.configureOutput({ writeOut: context.out, writeErr: context.err }).exitOverride();
  }
}
