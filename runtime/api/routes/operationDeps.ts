import type { RuntimeTenant } from "../../../tenants/schema.ts";
import type { SqlDatabase } from "../../core/db/sqlDatabase.ts";

/**
 * What every operation may use: the tenant's database and its validated config. Groups extend it with
 * what only they need (the chat group: the model router and the usage ledger).
 */
export interface OperationDeps {
  readonly db: SqlDatabase;
  readonly tenant: RuntimeTenant;
  /** @default () => new Date() */
  readonly now?: () => Date;
}
