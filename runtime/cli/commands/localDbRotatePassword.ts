import { type Command, Option } from "commander";
import { defaultDataDir } from "../../local/defaultDataDir.ts";
import type { CliContext } from "../cliContext.ts";
import { dataDirOption, parseTenantTarget } from "./localDbOptions.ts";
import type { LocalDbRotateOptions } from "./runLocalDbRotatePassword.ts";

/**
 * `silo local-db rotate-password --tenant ID [--secret database|ledger] [--end-sessions]`: a secret
 * rotation on the local platform, in the order Secrets Manager does it: the new password is written to the
 * secret store first (the tenant's own secrets file `<data dir>/secrets/<tenant>.json`, which its process
 * reads again when the database refuses a password, and `local-secrets.json`, read at start), then set on
 * the role; the old password is then checked refused and the new one accepted. `--end-sessions` ends the
 * role's open sessions, so the tenant's next request must reconnect with the new password at once.
 */
export function registerLocalDbRotatePassword(localDb: Command, context: CliContext): void {
  localDb
    .command("rotate-password")
    .description("rotate a tenant's database (or ledger) role password on the local platform")
    .requiredOption("--tenant <id>", "the tenant", parseTenantTarget(false))
    .addOption(
      new Option("--secret <secret>", "which credentials: the tenant database role or the ledger role")
        .choices(["database", "ledger"])
        .default("database"),
    )
    .option(
      "--end-sessions",
      "end the role's open sessions, so the tenant reconnects with the new password now",
    )
    .option(...dataDirOption, defaultDataDir())
    .action(async (options: LocalDbRotateOptions) => {
      // pg loads only when the command runs, so other commands start fast.
      const { runLocalDbRotatePassword } = await import("./runLocalDbRotatePassword.ts");
      await runLocalDbRotatePassword(options, context);
    });
}
