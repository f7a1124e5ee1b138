import type { SqlDatabase } from "../../core/db/sqlDatabase.ts";
import type { UsageLedger } from "../../core/ledger/createUsageLedger.ts";
import type { OperationDeps } from "./operationDeps.ts";

/** Operations that read or write the usage ledger, connected as the tenant's own ledger role. */
export interface LedgerDeps extends OperationDeps {
  readonly ledgerDb: SqlDatabase;
  readonly ledger: UsageLedger;
}
