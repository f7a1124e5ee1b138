import type pg from "pg";
import type { CliContext } from "../cliContext.ts";
import { formatTable } from "../formatTable.ts";
import {
  findLocalPostgres,
  localDatabaseOf,
  readLocalSecrets,
  tenantLogin,
  withClient,
} from "./localDbConnection.ts";
import { type localDbQueryFormats, parseTenantTarget } from "./localDbOptions.ts";

/** The options of `silo local-db query`, as parsed. */
export interface LocalDbQueryOptions {
  database: string;
  as: string;
  format: (typeof localDbQueryFormats)[number];
  dataDir: string;
}

/** The action of `silo local-db query` (runtime/cli/commands/localDbQuery.ts): runs `sql`, prints the last result. */
export async function runLocalDbQuery(
  sql: string,
  options: LocalDbQueryOptions,
  context: CliContext,
): Promise<void> {
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
  const results = await withClient(postgres.connection(database, login), async (client) => client.query(sql));
  const result = (Array.isArray(results) ? results.at(-1) : results) as pg.QueryResult | undefined;
  context.out(formatResult(result, options.format));
}

function formatResult(result: pg.QueryResult | undefined, format: LocalDbQueryOptions["format"]): string {
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
