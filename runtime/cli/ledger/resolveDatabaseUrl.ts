import { localFinanceLoginFile, readLocalFinanceLogin } from "../../local/localFinanceLogin.ts";
import type { CliContext } from "../cliContext.ts";
import { findLocalPostgres } from "../commands/localDbConnection.ts";
import { LedgerDatabaseUrlMissingError, ledgerDatabaseUrlVariable } from "./reports/ledgerReportErrors.ts";

/**
 * Where the ledger commands read: `--database-url`, else SILO_LEDGER_DATABASE_URL, else the finance login
 * of the local platform running with `dataDir` (`<data dir>/ledger-finance.json`, written at its start), said
 * on stderr so a local report is never taken for production's. Neither: an error naming all three; a
 * local platform that is not running: `LOCAL_PLATFORM_NOT_RUNNING`.
 *
 * @example
 * const url = await resolveDatabaseUrl({ databaseUrl: undefined, dataDir: defaultDataDir() }, context);
 */
export async function resolveDatabaseUrl(
  options: { readonly databaseUrl?: string | undefined; readonly dataDir: string },
  context: CliContext,
): Promise<string> {
  const url = options.databaseUrl ?? process.env[ledgerDatabaseUrlVariable];
  if (url !== undefined && url.trim() !== "") return url;
  const login = await readLocalFinanceLogin(options.dataDir);
  if (login === undefined) throw new LedgerDatabaseUrlMissingError(localFinanceLoginFile(options.dataDir));
  await findLocalPostgres(options.dataDir);
  context.err(`reading the local platform's ledger (data dir ${options.dataDir}) as ${login.role}\n`);
  return login.databaseUrl;
}
