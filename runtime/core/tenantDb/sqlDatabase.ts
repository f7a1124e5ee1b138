import type pg from "pg";

/** Runs SQL: a pool, a client, or a transaction's client. */
export interface SqlExecutor {
  query<Row extends pg.QueryResultRow = pg.QueryResultRow>(
    text: string,
    values?: readonly unknown[],
  ): Promise<pg.QueryResult<Row>>;
}

/** A database the API's stores use: queries, and transactions that commit or roll back as a whole. */
export interface SqlDatabase extends SqlExecutor {
  transaction<T>(work: (client: SqlExecutor) => Promise<T>): Promise<T>;
}
