import { randomBytes } from "node:crypto";
import pg from "pg";
import { poolDatabase } from "../../../../../runtime/core/db/poolDatabase.ts";
import { createUsageLedger } from "../../../../../runtime/core/ledger/createUsageLedger.ts";
import { ledgerMigrations } from "../../../../../runtime/core/ledger/ledgerMigrations.ts";
import { provisionTenantLedgerRole } from "../../../../../runtime/core/ledger/provisionTenantLedgerRole.ts";
import { runMigrations } from "../../../../../runtime/core/migrations/runMigrations.ts";
import { createTestDatabase, type TestDatabase } from "../../../../support/postgres/testDatabase.ts";

/**
 * A migrated ledger database in the test run's Postgres, with an admin pool and helpers to provision
 * tenants and connect as their own ledger roles (a unique role prefix per database, since roles are
 * cluster-wide).
 */
export async function createLedgerTestDatabase(label: string) {
  const database: TestDatabase = await createTestDatabase(label);
  const admin = new pg.Pool({ connectionString: database.url, max: 4 });
  // Dropping the database at teardown terminates any client still closing (57P01); without a listener pg
  // raises that as an unhandled error and fails the run. Production pools log it (createDatabase.ts).
  admin.on("error", () => {});
  const client = await admin.connect();
  try {
    await runMigrations(client, ledgerMigrations, { lockName: "silo:ledger" });
  } finally {
    client.release();
  }
  const rolePrefix = `t${randomBytes(3).toString("hex")}_`;
  const pools: pg.Pool[] = [];
  const roles: string[] = [];

  /** Provisions `tenantId` and returns a pool connected as its ledger role. */
  async function connectTenant(
    tenantId: string,
    monthlyBudgetUsd: number | string,
    options: { markupPercent?: number; poolSize?: number } = {},
  ) {
    const password = `pw-${randomBytes(8).toString("hex")}`;
    const { roleName } = await provisionTenantLedgerRole(admin, {
      tenantId,
      password,
      monthlyBudgetUsd,
      rolePrefix,
      ...(options.markupPercent === undefined ? {} : { markupPercent: options.markupPercent }),
    });
    roles.push(roleName);
    const url = new URL(database.url);
    url.username = roleName;
    url.password = password;
    const pool = new pg.Pool({ connectionString: url.toString(), max: options.poolSize ?? 4 });
    pool.on("error", () => {});
    pools.push(pool);
    return { pool, db: poolDatabase(pool), roleName, password };
  }

  /** A tenant's ledger over its own role, with an optional frozen clock. */
  async function tenantLedger(
    tenantId: string,
    monthlyBudgetUsd: number | string,
    options: {
      now?: () => Date;
      markupPercent?: number;
      poolSize?: number;
      reservationTtlSeconds?: number;
    } = {},
  ) {
    const connection = await connectTenant(tenantId, monthlyBudgetUsd, options);
    return {
      ...connection,
      ledger: createUsageLedger(connection.db, {
        tenantId,
        ...(options.now ? { now: options.now } : {}),
        ...(options.reservationTtlSeconds === undefined
          ? {}
          : { reservationTtlSeconds: options.reservationTtlSeconds }),
      }),
    };
  }

  async function close(): Promise<void> {
    for (const pool of pools) await pool.end();
    await admin.end();
    await database.drop();
    const cleanup = new pg.Client(database.serverUrl.replace("{database}", "postgres"));
    await cleanup.connect();
    for (const role of roles) await cleanup.query(`DROP ROLE IF EXISTS "${role}"`);
    await cleanup.end();
  }

  return { database, admin, adminDb: poolDatabase(admin), connectTenant, tenantLedger, rolePrefix, close };
}
