import packageJson from "../../../package.json" with { type: "json" };
import type { SqlExecutor } from "../../core/db/sqlDatabase.ts";
import { type ApiRoute, defineRoute } from "../defineRoute.ts";
import * as health from "../schemas/health.ts";
import type { LedgerDeps } from "./ledgerDeps.ts";

async function check(db: SqlExecutor): Promise<"ok" | "failing"> {
  try {
    await db.query("SELECT 1");
    return "ok";
  } catch {
    return "failing";
  }
}

/**
 * `GET /v1/health`: whether the tenant's database and the usage ledger answer. Always 200, with `degraded`
 * when a dependency fails, so monitors can tell "silo down" from "API unreachable". It says nothing about
 * configuration.
 */
export const healthRoutes: readonly ApiRoute<LedgerDeps>[] = [
  defineRoute({
    method: "GET",
    path: "/v1/health",
    operationId: "getHealth",
    scope: null,
    group: "data",
    summary: "Liveness and readiness of the tenant's silo",
    response: { status: 200, schema: health.healthSchema },
    async handler(_input, deps: LedgerDeps) {
      const [database, ledger] = await Promise.all([check(deps.db), check(deps.ledgerDb)]);
      return {
        body: {
          status: database === "ok" && ledger === "ok" ? "ok" : "degraded",
          checks: { database, ledger },
          version: packageJson.version,
          time: (deps.now?.() ?? new Date()).toISOString(),
        },
      };
    },
  }),
];
