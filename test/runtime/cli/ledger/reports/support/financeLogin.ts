import { randomBytes } from "node:crypto";
import type { createLedgerTestDatabase } from "../../../../core/ledger/support/ledgerTestDatabase.ts";

type LedgerTestDatabase = Awaited<ReturnType<typeof createLedgerTestDatabase>>;

/**
 * A finance login role in a ledger test database (`<rolePrefix>finance`, member of silo_ledger_finance, with
 * CONNECT), its connection string, and `drop` to remove it again: roles are cluster-wide, so every test
 * file that creates one must drop it (before the ledger database is closed).
 */
export async function createFinanceLogin(ledgerDb: LedgerTestDatabase) {
  const role = `${ledgerDb.rolePrefix}finance`;
  const password = `fin-${randomBytes(8).toString("hex")}`;
  const create = await ledgerDb.admin.query<{ sql: string }>(
    `SELECT format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE silo_ledger_finance', $1::text, $2::text) ||
       '; ' || format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), $1::text) AS sql`,
    [role, password],
  );
  await ledgerDb.admin.query(create.rows[0]?.sql ?? "");
  const url = new URL(ledgerDb.database.url);
  url.username = role;
  url.password = password;
  return {
    role,
    url: url.toString(),
    drop: async () => {
      await ledgerDb.admin.query(`DROP OWNED BY "${role}"; DROP ROLE IF EXISTS "${role}"`);
    },
  };
}
