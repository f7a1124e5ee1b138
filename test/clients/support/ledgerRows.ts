import type pg from "pg";

/** A ledger row as the client tests check it. */
export interface LedgerRow {
  readonly requestId: string;
  readonly status: string;
  readonly modelKey: string;
  readonly inputTokens: number;
  readonly outputTokens: number;
}

/** Every ledger row of a tenant, oldest first. */
export async function ledgerRows(ledger: pg.Client, tenantId: string): Promise<LedgerRow[]> {
  const { rows } = await ledger.query<LedgerRow>(
    `SELECT request_id AS "requestId", status, model_key AS "modelKey", input_tokens AS "inputTokens",
            output_tokens AS "outputTokens"
       FROM usage_events WHERE tenant_id = $1 ORDER BY reserved_at, id`,
    [tenantId],
  );
  return rows;
}

/** The ledger rows of one request. */
export async function rowsOfRequest(ledger: pg.Client, requestId: string): Promise<LedgerRow[]> {
  const { rows } = await ledger.query<LedgerRow>(
    `SELECT request_id AS "requestId", status, model_key AS "modelKey", input_tokens AS "inputTokens",
            output_tokens AS "outputTokens"
       FROM usage_events WHERE request_id = $1`,
    [requestId],
  );
  return rows;
}
