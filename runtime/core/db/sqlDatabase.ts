import type pg from "pg";

/** Runs SQL: a pool, a client, or a transaction's client. */
export interface SqlExecutor {
  query<Row extends pg.QueryResultRow = pg.QueryResultRow>(
    text: string,
    values?: readonly unknown[],
  ): Promise<pg.QueryResult<Row>>;
}

/** How to run one query. */
export interface QueryOptions {
  /**
   * Runs the query as a named prepared statement: each connection parses and plans `text` once, then only
   * binds values, which is a measurable share of a short call on a hot path. Use one constant name per
   * constant text; a name given two texts fails on the connection that saw the first.
   */
  readonly prepare?: string;
}

/** A database the API's stores use: queries, and transactions that commit or roll back as a whole. */
export interface SqlDatabase extends SqlExecutor {
  query<Row extends pg.QueryResultRow = pg.QueryResultRow>(
    text: string,
    values?: readonly unknown[],
    options?: QueryOptions,
  ): Promise<pg.QueryResult<Row>>;
  transaction<T>(work: (client: SqlExecutor) => Promise<T>): Promise<T>;
}
