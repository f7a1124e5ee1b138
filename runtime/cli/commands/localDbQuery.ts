import { type Command, Option } from "commander";
import type pg from "pg";
import { defaultDataDir } from "../../local/defaultDataDir.ts";
import type { CliContext } from "../cliContext.ts";
import { formatTable } from "../formatTable.ts";
import {
  dataDirOption,
  findLocalPostgres,
  localDatabaseOf,
  parseTenantTarget,
  readLocalSecrets,
  tenantLogin,
  withClient,
} from "./localDbConnection.ts";

/** The formats `silo local-db query` writes. */
export const localDbQueryFormats = ["table", "tsv", "json"] as const;

interface QueryOptions {
  database: string;
  as: string;
  format: (typeof localDbQueryFormats)[number];
  dataDir: string;
}

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
    .action(async (sql: string, options: QueryOptions) => {
      const postgres = await findLocalPostgres(options.dataDir);
      const database = localDatabaseOf(options.database);
      const login =
        options.as === "admin"
          ? undefined
          : tenantLogin(
              await readLocalSecrets(options.dataDir),
              parseTenantTarget(false)(options.as),
              options.database === "ledger" ? "ledger" : "database",
            );
      const results = await withClient(postgres.connection(database, login), async (client) =>
        client.query(sql),
      );
      const result = (Array.isArray(results) ? results.at(-1) : results) as pg.QueryResult | undefined;
      context.out(formatResult(result, options.format));
    });
}

function formatResult(result: pg.QueryResult | undefined, format: QueryOptions["format"]): string {
  const rows = result?.rows ?? [];
  if (format === "json") return `${JSON.stringify(rows, null, 2)}\n`;
  const columns = result?.fields.map((field) => field.name) ?? [];
  const cells = rows.map((row) => columns.map((column) => cellText(row[column])));
  if (format === "tsv") return cells.map((row) => `${row.join("\t")}\n`).join("");
  if (columns.length === 0) return `${result?.command ?? "OK"} ${result?.rowCount ?? 0}\n`;
  return formatTable(columns, cells);
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString();
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}
