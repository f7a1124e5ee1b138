import { type Command, Option } from "commander";
import { defaultDataDir } from "../../local/defaultDataDir.ts";
import type { CliContext } from "../cliContext.ts";
import { dataDirOption, localDbQueryFormats, parseTenantTarget } from "./localDbOptions.ts";
import type { LocalDbQueryOptions } from "./runLocalDbQuery.ts";

/**
 * `silo local-db query --database ledger|ID [--as admin|ID] [--format table|tsv|json] SQL`: runs SQL on the
 * local platform's usage ledger or a tenant's database, as the superuser or as a tenant's own role (its
 * database role, or on the ledger its ledger role, so row-level security applies). Local platform only.
 */
export function registerLocalDbQuery(localDb: Command, context: CliContext): void {
  localDb
    .command("query")
    .description("run SQL on the local ledger or a tenant database, as the superuser or as a tenant's role")
    .argument("<sql>", "the statement(s); the last result is printed")
    .requiredOption(
      "--database <ledger|id>",
      "ledger (silo_ledger) or a tenant id (its database)",
      parseTenantTarget(true),
    )
    .option(
      "--as <admin|id>",
      "connect as the superuser (admin) or as this tenant's role: its ledger role on the ledger, its database role on its database",
      "admin",
    )
    .addOption(
      new Option("--format <format>", "table, tsv (rows only, tab-separated, for scripts) or json")
        .choices(localDbQueryFormats)
        .default("table"),
    )
    .option(...dataDirOption, defaultDataDir())
    .action(async (sql: string, options: LocalDbQueryOptions) => {
      // pg loads only when the command runs, so other commands start fast.
      const { runLocalDbQuery } = await import("./runLocalDbQuery.ts");
      await runLocalDbQuery(sql, options, context);
    });
}
