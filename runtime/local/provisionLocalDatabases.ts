import { randomBytes } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import pg from "pg";
import type { TenantConfig } from "../../tenants/schema.ts";
import { ensureLoginRole } from "../core/db/ensureLoginRole.ts";
import { tenantMigrations } from "../core/db/tenantMigrations.ts";
import { ledgerMigrations } from "../core/ledger/ledgerMigrations.ts";
import { provisionTenantLedgerRole, tenantLedgerRoleName } from "../core/ledger/provisionTenantLedgerRole.ts";
import { runMigrations } from "../core/migrations/runMigrations.ts";
import type { EmbeddedPostgresServer } from "./startEmbeddedPostgres.ts";

/** The database every local tenant's ledger role connects to. */
export const localLedgerDatabase = "silo_ledger";

/** Credentials of one tenant on the local platform: its own database role, and its own ledger role. */
export interface LocalTenantCredentials {
  readonly database: string;
  readonly databaseUser: string;
  readonly databasePassword: string;
  readonly ledgerUser: string;
  readonly ledgerPassword: string;
}

type PasswordFile = Record<string, { databasePassword: string; ledgerPassword: string }>;

/** The tenant's own database and login role names (tenant ids use `-`; Postgres names use `_`). */
export function localDatabaseNames(tenantId: string): { database: string; user: string } {
  const safe = tenantId.replaceAll("-", "_");
  return { database: `silo_tenant_${safe}`, user: `silo_tenant_${safe}` };
}

/**
 * Gives every tenant its silo on the local Postgres, idempotently: a login role and a database it owns,
 * migrated as that role; the shared ledger database, migrated by the superuser; and the tenant's own ledger
 * role (the same provisioning function the IaC's ledger-admin Lambda calls). Passwords are generated once
 * and kept in `<data dir>/local-secrets.json` (mode 0600), so restarts reuse the data.
 *
 * @example
 * const credentials = await provisionLocalDatabases(server, tenants, dataDir, (line) => console.error(line));
 */
export async function provisionLocalDatabases(
  server: EmbeddedPostgresServer,
  tenants: readonly TenantConfig[],
  dataDir: string,
  progress: (line: string) => void = () => {},
): Promise<Map<string, LocalTenantCredentials>> {
  const passwordFile = join(dataDir, "local-secrets.json");
  const passwords: PasswordFile = await readFile(passwordFile, "utf8").then(
    (text) => JSON.parse(text) as PasswordFile,
    () => ({}),
  );
  const admin = new pg.Client(server.url("postgres"));
  await admin.connect();
  const credentials = new Map<string, LocalTenantCredentials>();
  try {
    await ensureDatabase(admin, localLedgerDatabase, "postgres");
    const ledgerAdmin = new pg.Client(server.url(localLedgerDatabase));
    await ledgerAdmin.connect();
    try {
      const report = await runMigrations(ledgerAdmin, ledgerMigrations, { lockName: "silo:ledger" });
      progress(`ledger database ${localLedgerDatabase}: ${report.applied.length} migration(s) applied`);
      for (const tenant of tenants) {
        const saved = passwords[tenant.id] ?? {
          databasePassword: newPassword(),
          ledgerPassword: newPassword(),
        };
        passwords[tenant.id] = saved;
        const { database, user } = localDatabaseNames(tenant.id);
        await ensureLoginRole(admin, user, saved.databasePassword);
        await ensureDatabase(admin, database, user);
        await restrictConnect(admin, database);
        const tenantClient = new pg.Client({
          ...connection(server, database),
          user,
          password: saved.databasePassword,
        });
        await tenantClient.connect();
        try {
          const applied = await runMigrations(tenantClient, tenantMigrations, { lockName: "silo:tenant" });
          progress(
            `tenant ${tenant.id}: database ${database} ready (${applied.applied.length} migration(s) applied)`,
          );
        } finally {
          await tenantClient.end();
        }
        await provisionTenantLedgerRole(ledgerAdmin, {
          tenantId: tenant.id,
          password: saved.ledgerPassword,
          monthlyBudgetUsd: tenant.limits.monthlyBudgetUsd,
        });
        credentials.set(tenant.id, {
          database,
          databaseUser: user,
          databasePassword: saved.databasePassword,
          ledgerUser: tenantLedgerRoleName(tenant.id),
          ledgerPassword: saved.ledgerPassword,
        });
      }
    } finally {
      await ledgerAdmin.end();
    }
  } finally {
    await admin.end();
  }
  await writeFile(passwordFile, JSON.stringify(passwords, null, 2), { mode: 0o600 });
  return credentials;
}

/** Which of a tenant's two login roles a rotation changes. */
export type LocalRole = "database" | "ledger";

/**
 * Rotates one of a tenant's passwords the way a secret rotation does it in AWS: the new password is written
 * to the secret store first (`local-secrets.json`, and the tenant's own secrets file through
 * `publishSecrets`), then set on the role with `ALTER ROLE`. Connections already open stay open; a new one
 * is refused with the old password, so the tenant's runtime reads its secret again and reconnects once.
 *
 * @example
 * await rotateLocalPassword(server, dataDir, "globex", "database", (password) => writeSecretsFile(password));
 */
export async function rotateLocalPassword(
  server: EmbeddedPostgresServer,
  dataDir: string,
  tenantId: string,
  role: LocalRole,
  publishSecrets: (password: string) => Promise<void>,
): Promise<string> {
  const passwordFile = join(dataDir, "local-secrets.json");
  const passwords = JSON.parse(await readFile(passwordFile, "utf8")) as PasswordFile;
  const saved = passwords[tenantId];
  if (saved === undefined) throw new Error(`tenant ${tenantId} has no local passwords in ${passwordFile}`);
  const password = newPassword();
  passwords[tenantId] = { ...saved, [role === "database" ? "databasePassword" : "ledgerPassword"]: password };
  await writeFile(passwordFile, JSON.stringify(passwords, null, 2), { mode: 0o600 });
  await publishSecrets(password);
  const admin = new pg.Client(server.url("postgres"));
  await admin.connect();
  try {
    const user = role === "database" ? localDatabaseNames(tenantId).user : tenantLedgerRoleName(tenantId);
    await ensureLoginRole(admin, user, password);
  } finally {
    await admin.end();
  }
  return password;
}

function newPassword(): string {
  return randomBytes(18).toString("base64url");
}

function connection(server: EmbeddedPostgresServer, database: string) {
  return { host: server.host, port: server.port, database };
}

async function ensureDatabase(admin: pg.Client, database: string, owner: string): Promise<void> {
  const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
  if (exists.rowCount) return;
  const statement = await admin.query<{ sql: string }>(
    "SELECT format('CREATE DATABASE %I OWNER %I', $1::text, $2::text) AS sql",
    [database, owner],
  );
  await admin.query(statement.rows[0]?.sql ?? "");
}

/**
 * Only the owner (the tenant's own role) and superusers may connect to a tenant database: Postgres grants
 * CONNECT to PUBLIC by default, which would let every tenant role open a session on every other tenant's
 * database (with no table rights, but still a crossing the silo model forbids). Idempotent.
 */
async function restrictConnect(admin: pg.Client, database: string): Promise<void> {
  const statement = await admin.query<{ sql: string }>(
    "SELECT format('REVOKE CONNECT, TEMPORARY ON DATABASE %I FROM PUBLIC', $1::text) AS sql",
    [database],
  );
  await admin.query(statement.rows[0]?.sql ?? "");
}
