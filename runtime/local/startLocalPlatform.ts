import { chmod, mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import pg from "pg";
import type { TenantConfig } from "../../tenants/schema.ts";
import { loadAuthorizerConfig } from "../authorizer/authorizerConfig.ts";
import { createAuthorizer } from "../authorizer/createAuthorizer.ts";
import { sweepExpiredReservations } from "../core/ledger/sweepExpiredReservations.ts";
import { loadTenantsOrThrow } from "../core/tenants/loadTenants.ts";
import { defaultDataDir } from "./defaultDataDir.ts";

export { defaultDataDir };

import { openDevIdentityProvider } from "./devIdentityProvider.ts";
import { startGateway } from "./gateway.ts";
import { localTenantConfig } from "./localTenantConfig.ts";
import { localLedgerDatabase, provisionLocalDatabases } from "./provisionLocalDatabases.ts";
import { startEmbeddedPostgres } from "./startEmbeddedPostgres.ts";
import { TenantProcess } from "./tenantProcess.ts";

/** Options of {@link startLocalPlatform}. */
export interface LocalPlatformOptions {
  /** @default SILO_DATA_DIR, else `<OS temp dir>/silo-kit-local` (creatable by the postgres user as root) */
  readonly dataDir?: string;
  /** Gateway port; 0 picks a free one. @default SILO_PORT, else 8080 */
  readonly port?: number;
  /** Delete the data directory first. @default false */
  readonly reset?: boolean;
  /** @default the repository's tenants/ */
  readonly tenantsDir?: string;
  /** Serve openai-compatible models from this endpoint instead of echo. */
  readonly openAiBaseUrl?: string;
  /** The API key sent to that endpoint. @default SILO_LOCAL_OPENAI_API_KEY, else "local" */
  readonly openAiApiKey?: string;
  /** Seconds the gateway caches authorizer decisions. @default 60 */
  readonly authorizerCacheTtlSeconds?: number;
  /** How often dangling reservations are swept. @default 30000 */
  readonly sweepIntervalMs?: number;
  /** Progress lines (stderr in the CLI). */
  readonly progress?: (line: string) => void;
  /** Structured log lines (access log, decisions). @default JSON on stdout */
  readonly log?: (entry: Record<string, unknown>) => void;
}

/**
 * Runs the whole request path on this machine with no cloud account: embedded Postgres with one database
 * and role per tenant plus the ledger with per-tenant roles (migrated), the dev identity provider, the
 * gateway on 127.0.0.1 with the real edge authorizer, and each tenant's handlers in that tenant's own
 * process. Restarts reuse the data; `reset` starts clean.
 *
 * @example
 * const platform = await startLocalPlatform({ port: 8080, progress: console.error });
 * // ... platform.url, platform.mintToken({ tenantId: "acme-health" })
 * await platform.stop();
 */
export async function startLocalPlatform(options: LocalPlatformOptions = {}) {
  const dataDir = options.dataDir ?? defaultDataDir();
  const progress = options.progress ?? (() => {});
  const log =
    options.log ?? ((entry: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(entry)}\n`));
  if (options.reset) {
    progress(`reset: deleting ${dataDir}`);
    await rm(dataDir, { recursive: true, force: true });
  }
  const tenants = (await loadTenantsOrThrow(options.tenantsDir)).map((tenant) =>
    localTenantConfig(tenant, options.openAiBaseUrl ? { openAiBaseUrl: options.openAiBaseUrl } : {}),
  );
  progress(`tenants: ${tenants.map((tenant) => tenant.id).join(", ")}`);

  await mkdir(dataDir, { recursive: true });
  // As root, initdb runs as the postgres user, which must be able to enter the data directory. The
  // secrets and the signing key inside it keep their own 0600/0700 modes.
  if (process.getuid?.() === 0) await chmod(dataDir, 0o755);
  progress(`starting embedded Postgres (data in ${join(dataDir, "postgres")})`);
  const postgres = await startEmbeddedPostgres({ dataDir: join(dataDir, "postgres"), onLog: () => {} });
  const stops: Array<() => Promise<void>> = [() => postgres.stop()];
  try {
    const credentials = await provisionLocalDatabases(postgres, tenants, dataDir, progress);

    const requestedPort = options.port ?? Number(process.env.SILO_PORT ?? 8080);
    let ready = false;
    const processes = new Map<string, { config: TenantConfig; process: TenantProcess }>();
    // The gateway listens first, so the issuer and JWKS URL carry the real port (also when port is 0).
    let jwks: unknown = { keys: [] };
    let authorize: Parameters<typeof startGateway>[0]["authorize"] = async () => ({ isAuthorized: false });
    const gateway = await startGateway({
      port: requestedPort,
      tenants: processes,
      authorize: (event) => authorize(event),
      authorizerCacheTtlSeconds: options.authorizerCacheTtlSeconds ?? 60,
      jwks: () => jwks,
      isReady: () => ready,
      log,
    });
    stops.unshift(() => gateway.close());
    const issuer = `${gateway.url}/_idp`;
    const idp = await openDevIdentityProvider({ dataDir, issuer });
    jwks = idp.jwks;
    authorize = createAuthorizer(
      loadAuthorizerConfig({
        SILO_JWT_ISSUER: issuer,
        SILO_JWT_AUDIENCE: idp.audience,
        SILO_JWKS_URL: `${gateway.url}/_idp/jwks.json`,
      }),
      { log: (entry) => log(entry as unknown as Record<string, unknown>) },
    );

    progress("starting one process per tenant");
    await Promise.all(
      tenants.map(async (tenant) => {
        const tenantCredentials = credentials.get(tenant.id);
        if (!tenantCredentials) throw new Error(`no credentials for ${tenant.id}`);
        const child = new TenantProcess(
          tenant.id,
          tenantEnv(
            tenant,
            tenantCredentials,
            postgres.port,
            gateway.url,
            options.openAiApiKey ?? process.env.SILO_LOCAL_OPENAI_API_KEY ?? "local",
          ),
          log,
        );
        processes.set(tenant.id, { config: tenant, process: child });
        await child.start();
        progress(`tenant ${tenant.id}: process ${child.pid} ready`);
      }),
    );
    stops.unshift(async () => {
      await Promise.all([...processes.values()].map(({ process: child }) => child.stop()));
    });

    const sweeper = setInterval(() => {
      sweep(postgres.url(localLedgerDatabase), log).catch(() => undefined);
    }, options.sweepIntervalMs ?? 30_000);
    sweeper.unref();
    stops.unshift(async () => clearInterval(sweeper));
    ready = true;

    return {
      url: gateway.url,
      issuer,
      audience: idp.audience,
      dataDir,
      postgres,
      tenants,
      processes,
      mintToken: idp.mintToken,
      sweep: () => sweep(postgres.url(localLedgerDatabase), log),
      async stop(): Promise<void> {
        ready = false;
        for (const stop of stops) await stop().catch(() => undefined);
      },
    };
  } catch (error) {
    for (const stop of stops) await stop().catch(() => undefined);
    throw error;
  }
}

/** A tenant process's environment: only its own config and credentials, as its Lambdas get. */
function tenantEnv(
  tenant: TenantConfig,
  credentials: {
    database: string;
    databaseUser: string;
    databasePassword: string;
    ledgerUser: string;
    ledgerPassword: string;
  },
  postgresPort: number,
  gatewayUrl: string,
  openAiApiKey: string,
): NodeJS.ProcessEnv {
  const databaseSecret = `/silo/${tenant.id}/database`;
  const ledgerSecret = `/silo/${tenant.id}/ledger`;
  // The tenant's own key for each openai-compatible model, as its secret /silo/<tenant>/providers/<key>.
  const providerKeys = Object.fromEntries(
    tenant.models.allowlist
      .filter((model) => model.provider === "openai-compatible")
      .map((model) => [`/silo/${tenant.id}/providers/${model.key}`, openAiApiKey]),
  );
  return {
    PATH: process.env.PATH,
    NODE_ENV: process.env.NODE_ENV,
    SILO_TENANT_ID: tenant.id,
    SILO_TENANT_CONFIG: JSON.stringify(tenant),
    SILO_ENVIRONMENT: "local",
    SILO_DB_HOST: "127.0.0.1",
    SILO_DB_PORT: String(postgresPort),
    SILO_DB_NAME: credentials.database,
    SILO_DB_SECRET_ID: databaseSecret,
    SILO_DB_SSL: "disable",
    SILO_LEDGER_DB_HOST: "127.0.0.1",
    SILO_LEDGER_DB_PORT: String(postgresPort),
    SILO_LEDGER_DB_NAME: localLedgerDatabase,
    SILO_LEDGER_DB_SECRET_ID: ledgerSecret,
    SILO_LEDGER_DB_SSL: "disable",
    SILO_EXPORT_DOWNLOAD_BASE_URL: `${gatewayUrl}/_exports/${tenant.id}`,
    SILO_LOCAL_SECRETS: JSON.stringify({
      [databaseSecret]: JSON.stringify({
        username: credentials.databaseUser,
        password: credentials.databasePassword,
      }),
      [ledgerSecret]: JSON.stringify({
        username: credentials.ledgerUser,
        password: credentials.ledgerPassword,
      }),
      ...providerKeys,
    }),
  };
}

async function sweep(
  ledgerUrl: string,
  log: (entry: Record<string, unknown>) => void,
): Promise<{ expired: number }> {
  const client = new pg.Client(ledgerUrl);
  await client.connect();
  try {
    const result = await sweepExpiredReservations(client, new Date());
    if (result.expired > 0) log({ level: "warn", msg: "expired dangling reservations", ...result });
    return result;
  } finally {
    await client.end();
  }
}
