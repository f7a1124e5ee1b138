import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import pg from "pg";
import { ensureLoginRole } from "../core/db/ensureLoginRole.ts";
import { localLedgerDatabase } from "./provisionLocalDatabases.ts";
import { replaceFile } from "./replaceFile.ts";
import type { EmbeddedPostgresServer } from "./startEmbeddedPostgres.ts";

/** The local platform's finance login role: a member of silo_ledger_finance, nothing more. */
export const localFinanceRole = "silo_local_finance";

/** How finance reaches the local platform's ledger, as `<data dir>/ledger-finance.json` holds it. */
export interface LocalFinanceLogin {
  readonly role: string;
  /** `postgres://silo_local_finance:<password>@127.0.0.1:<port>/silo_ledger` */
  readonly databaseUrl: string;
}

/** `<data dir>/ledger-finance.json` (mode 0600): the finance login of the platform running there. */
export function localFinanceLoginFile(dataDir: string): string {
  return join(dataDir, "ledger-finance.json");
}

/**
 * Gives the local ledger a finance login, so `silo ledger report` and `reconcile` work with no setup: the
 * role `silo_local_finance` in `silo_ledger_finance` (reads every ledger row, changes nothing; no
 * superuser, database or role creation), with a new password on every start, written with the current
 * port to {@link localFinanceLoginFile} (mode 0600) before the role gets it. The password is never logged.
 *
 * @example
 * const file = await provisionLocalFinanceLogin(server, dataDir);
 */
export async function provisionLocalFinanceLogin(
  server: EmbeddedPostgresServer,
  dataDir: string,
): Promise<string> {
  const password = randomBytes(18).toString("base64url");
  const login: LocalFinanceLogin = {
    role: localFinanceRole,
    databaseUrl: `postgres://${localFinanceRole}:${password}@${server.host}:${server.port}/${localLedgerDatabase}`,
  };
  const file = localFinanceLoginFile(dataDir);
  await replaceFile(file, `${JSON.stringify(login, null, 2)}\n`, 0o600);
  const admin = new pg.Client(server.url(localLedgerDatabase));
  await admin.connect();
  try {
    await ensureLoginRole(admin, localFinanceRole, password);
    await admin.query(`GRANT silo_ledger_finance TO ${localFinanceRole}`);
    await admin.query(`GRANT CONNECT ON DATABASE ${localLedgerDatabase} TO ${localFinanceRole}`);
  } finally {
    await admin.end();
  }
  return file;
}

/**
 * The finance login of the local platform that runs (or ran) with `dataDir`; `undefined` when it has none.
 *
 * @example
 * const login = await readLocalFinanceLogin(defaultDataDir());
 */
export async function readLocalFinanceLogin(dataDir: string): Promise<LocalFinanceLogin | undefined> {
  const text = await readFile(localFinanceLoginFile(dataDir), "utf8").catch(() => undefined);
  return text === undefined ? undefined : (JSON.parse(text) as LocalFinanceLogin);
}
