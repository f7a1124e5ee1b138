import { randomBytes } from "node:crypto";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import pg from "pg";
import type { TenantConfig } from "../../tenants/schema.ts";
import { loadAuthorizerConfig } from "../authorizer/authorizerConfig.ts";
import { createAuthorizer } from "../authorizer/createAuthorizer.ts";
import { EnvironmentReader } from "../core/config/environmentReader.ts";
import { sweepExpiredReservations } from "../core/ledger/sweepExpiredReservations.ts";
import { jsonLineLog } from "../core/logging/jsonLogger.ts";
import { loadTenantsOrThrow } from "../core/tenants/loadTenants.ts";
import { bundleTenantWorker } from "./bundleTenantWorker.ts";
import { defaultDataDir } from "./defaultDataDir.ts";
import { localExportDir } from "./fileExportObjectStore.ts";
import { tenantExportLinkKey } from "./localExportLink.ts";

export { defaultDataDir };

import { toRuntimeTenant } from "../../tenants/toRuntimeTenant.ts";
import { scopes as tenantScopes } from "../api/scopes.ts";
import { type JwksAnswer, openDevIdentityProvider } from "./devIdentityProvider.ts";
import { startGateway } from "./gateway.ts";
import { provisionLocalFinanceLogin } from "./localFinanceLogin.ts";
import { ensureLocalOAuthClients } from "./localOAuthClients.ts";
import { openLocalOpenIdProvider } from "./localOpenIdProvider.ts";
import { LocalPortInUseError } from "./localPlatformErrors.ts";
import { startLocalPostgres } from "./localSuperuserPassword.ts";
import { localTenantConfig } from "./localTenantConfig.ts";
import { prepareLocalDataDir } from "./prepareLocalDataDir.ts";
import {
  type LocalRole,
  type LocalTenantCredentials,
  localDatabaseNames,
  localLedgerDatabase,
  provisionLocalDatabases,
  rotateLocalPassword,
} from "./provisionLocalDatabases.ts";
import { replaceFile } from "./replaceFile.ts";
import { TenantProcess } from "./tenantProcess.ts";

/** Options of {@link startLocalPlatform}. */
export interface LocalPlatformOptions {
  /** @default SILO_DATA_DIR, else `<OS temp dir>/silo-kit-local` */
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
  /** Seconds the authorizer uses a fetched JWKS before refreshing it (`SILO_JWKS_CACHE_SECONDS`). @default 600 */
  readonly jwksCacheSeconds?: number;
  /** Least seconds between JWKS fetches caused by an unknown `kid` (`SILO_JWKS_COOLDOWN_SECONDS`). @default 30 */
  readonly jwksCooldownSeconds?: number;
  /** Longest seconds a verified token is trusted without verifying again (`SILO_AUTH_MEMO_TTL_SECONDS`). @default 300 */
  readonly authorizerMemoTtlSeconds?: number;
  /**
   * Milliseconds an idle pooled connection of a tenant process (to its database and to the ledger) is kept
   * (`SILO_DB_IDLE_TIMEOUT_MS`). Short values make connections churn, e.g. to show a password rotation.
   * @default 10000
   */
  readonly tenantDbIdleTimeoutMs?: number;
  /** How often dangling reservations are swept. @default 30000 */
  readonly sweepIntervalMs?: number;
  /** Progress lines (stderr in the CLI). */
  readonly progress?: (line: string) => void;
  /** Structured log lines (access log, decisions). @default JSON on stdout */
  readonly log?: (entry: Record<string, unknown>) => void;
}

/**
 * Runs the whole request path on this machine with no cloud account: embedded Postgres with one database
 * and role per tenant plus the ledger with per-tenant roles (migrated), the dev identity provider and the
 * OpenID Provider on its key (at `<gateway>/_idp`, clients in `<data dir>/idp/clients.json`), the
 * gateway on 127.0.0.1 with the real edge authorizer, and each tenant's handlers in that tenant's own
 * process. Restarts reuse the data; `reset` starts clean. The gateway listens first, so a taken port fails
 * before anything else starts. Also provisions a read-only finance login for `silo ledger report`.
 * Startup failures are `SiloError`s with one-line messages (`LOCAL_*`, `POSTGRES_*`).
 *
 * @example
 * const platform = await startLocalPlatform({ port: 8080, progress: console.error });
 * // ... platform.url, platform.mintToken({ tenantId: "acme-health" })
 * await platform.stop();
 */
export async function startLocalPlatform(options: LocalPlatformOptions = {}) {
  const dataDir = options.dataDir ?? defaultDataDir();
  const progress = options.progress ?? (() => {});
  // Relays lines built in the tenant processes too, so it takes any record, not only a LogEntry.
  const log = options.log ?? jsonLineLog<Record<string, unknown>>();
  const environment = new EnvironmentReader(process.env);
  const requestedPort = options.port ?? environment.wholeNumber("SILO_PORT", 8080, 0, 65_535);
  const openAiApiKey = options.openAiApiKey ?? environment.optional("SILO_LOCAL_OPENAI_API_KEY", "local");
  environment.finish("LOCAL_CONFIG_INVALID", "the local platform's environment");
  const tenantFiles = await loadTenantsOrThrow(options.tenantsDir);
  // Echo serves each Bedrock model under its key, refusing what Bedrock would refuse for that model.
  const bedrockStandIns = new Map(
    tenantFiles.map((tenant) => [
      tenant.id,
      Object.fromEntries(
        tenant.models.allowlist.flatMap((model) =>
          model.provider === "bedrock" ? [[model.key, model.modelId] as const] : [],
        ),
      ),
    ]),
  );
  const tenants = tenantFiles.map((tenant) =>
    localTenantConfig(tenant, options.openAiBaseUrl ? { openAiBaseUrl: options.openAiBaseUrl } : {}),
  );
  progress(`tenants: ${tenants.map((tenant) => tenant.id).join(", ")}`);
  await prepareLocalDataDir(dataDir, { reset: options.reset ?? false, progress });

  let ready = false;
  const processes = new Map<string, { config: TenantConfig; process: TenantProcess }>();
  // The gateway listens first: a taken port fails before Postgres starts, and the issuer and JWKS URL
  // carry the real port (also when port is 0). Until ready, /healthz answers 503.
  let jwks: () => JwksAnswer = () => ({ status: 503, body: { message: "Service Unavailable" } });
  // Until the authorizer is built, every call is unauthenticated (401).
  let authorize: Parameters<typeof startGateway>[0]["authorize"] = async () => {
    throw new Error("Unauthorized");
  };
  let openIdProvider: NonNullable<Parameters<typeof startGateway>[0]["openIdProvider"]> = async (
    _request,
    response,
  ) => {
    response.writeHead(503, { "content-type": "application/json" }).end('{"message":"Service Unavailable"}');
  };
  // Signs the local stand-ins of pre-signed export links; a restart makes earlier links invalid.
  const exportLinkKey = randomBytes(32);
  const gateway = await startGateway({
    port: requestedPort,
    exportFiles: { dataDir, platformKey: exportLinkKey },
    tenants: processes,
    authorize: (event) => authorize(event),
    authorizerCacheTtlSeconds: options.authorizerCacheTtlSeconds ?? 60,
    jwks: () => jwks(),
    openIdProvider: (request, response) => openIdProvider(request, response),
    isReady: () => ready,
    log,
  }).catch((error: NodeJS.ErrnoException) => {
    throw error.code === "EADDRINUSE" ? new LocalPortInUseError(requestedPort, error) : error;
  });
  const stops: Array<() => Promise<void>> = [() => gateway.close()];
  try {
    progress(`starting embedded Postgres (data in ${join(dataDir, "postgres")})`);
    const postgres = await startLocalPostgres(dataDir, { onLog: () => {}, progress });
    stops.unshift(() => postgres.stop());
    const credentials = await provisionLocalDatabases(postgres, tenants, dataDir, progress);
    const financeLoginFile = await provisionLocalFinanceLogin(postgres, dataDir);
    progress(
      `finance login ${financeLoginFile} (mode 0600): silo ledger report and reconcile read the ledger`,
    );

    const issuer = `${gateway.url}/_idp`;
    const idp = await openDevIdentityProvider({ dataDir, issuer });
    jwks = () => idp.serveJwks();
    const oauthClients = await ensureLocalOAuthClients(
      dataDir,
      tenants.map((tenant) => tenant.id),
    );
    const openId = openLocalOpenIdProvider({
      issuer,
      audience: idp.audience,
      signingKey: () => idp.signingKey(),
      clients: oauthClients.clients,
      tenantScopes: Object.keys(tenantScopes),
    });
    openIdProvider = (request, response) => openId.handle(request, response);
    progress(
      `OpenID Provider ${issuer} (discovery at ${issuer}/.well-known/openid-configuration); ` +
        `OAuth clients in ${oauthClients.file} (mode 0600): <tenant>-app (client credentials), ` +
        "<tenant>-web (authorization code + PKCE, development login)",
    );
    authorize = createAuthorizer(
      loadAuthorizerConfig({
        SILO_JWT_ISSUER: issuer,
        SILO_JWT_AUDIENCE: idp.audience,
        SILO_JWKS_URL: `${gateway.url}/_idp/jwks.json`,
        SILO_JWKS_CACHE_SECONDS: optionalText(options.jwksCacheSeconds),
        SILO_JWKS_COOLDOWN_SECONDS: optionalText(options.jwksCooldownSeconds),
        SILO_AUTH_MEMO_TTL_SECONDS: optionalText(options.authorizerMemoTtlSeconds),
      }),
      { log, jwksLog: log },
    );

    const publishSecrets = (tenant: TenantConfig) => {
      const tenantCredentials = credentials.get(tenant.id);
      if (!tenantCredentials) throw new Error(`no credentials for ${tenant.id}`);
      return replaceFile(
        secretsFileOf(dataDir, tenant.id),
        JSON.stringify(tenantSecrets(tenant, tenantCredentials, openAiApiKey), null, 2),
        0o600,
      );
    };
    await mkdir(join(dataDir, "secrets"), { recursive: true, mode: 0o700 });
    progress("starting one process per tenant");
    const launch = await bundleTenantWorker();
    await Promise.all(
      tenants.map(async (tenant) => {
        await publishSecrets(tenant);
        const child = new TenantProcess(
          tenant.id,
          {
            ...tenantEnv(tenant, secretsFileOf(dataDir, tenant.id), postgres.port, gateway.url),
            SILO_LOCAL_EXPORT_DIR: localExportDir(dataDir, tenant.id),
            SILO_LOCAL_GATEWAY_URL: gateway.url,
            SILO_LOCAL_BEDROCK_STAND_INS: JSON.stringify(bedrockStandIns.get(tenant.id) ?? {}),
            SILO_LOCAL_EXPORT_LINK_KEY: tenantExportLinkKey(exportLinkKey, tenant.id).toString("hex"),
            ...(options.tenantDbIdleTimeoutMs === undefined
              ? {}
              : {
                  SILO_DB_IDLE_TIMEOUT_MS: String(options.tenantDbIdleTimeoutMs),
                  SILO_LEDGER_DB_IDLE_TIMEOUT_MS: String(options.tenantDbIdleTimeoutMs),
                }),
          },
          log,
          launch,
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
      /** `<data dir>/ledger-finance.json`: the ledger's read-only finance login, for `silo ledger`. */
      financeLoginFile,
      tenants,
      processes,
      mintToken: idp.mintToken,
      /** The dev identity provider, with its key-rotation and outage controls. */
      identityProvider: idp,
      /** `<data dir>/idp/clients.json`: the OpenID Provider's OAuth clients of each tenant, with secrets. */
      oauthClientsFile: oauthClients.file,
      /** Each tenant's OAuth clients (`<tenant>-app`, `<tenant>-web`), as the clients file holds them. */
      oauthClients: oauthClients.clients,
      sweep: () => sweep(postgres.url(localLedgerDatabase), log),
      /**
       * Rotates a tenant's database (or ledger) password under traffic, as a Secrets Manager rotation does:
       * the tenant's secrets file first, then `ALTER ROLE`. The tenant process is not restarted: its next
       * refused connection re-reads the secret and reconnects once.
       */
      async rotatePassword(tenantId: string, role: LocalRole = "database"): Promise<void> {
        const tenant = tenants.find((candidate) => candidate.id === tenantId);
        const current = credentials.get(tenantId);
        if (!tenant || !current) throw new Error(`no tenant ${tenantId} on this platform`);
        await rotateLocalPassword(postgres, dataDir, tenantId, role, async (password) => {
          credentials.set(tenantId, {
            ...current,
            ...(role === "database" ? { databasePassword: password } : { ledgerPassword: password }),
          });
          await publishSecrets(tenant);
        });
      },
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

/** A tenant process's environment: only its own config and the path of its own secrets file. */
function tenantEnv(
  tenant: TenantConfig,
  secretsFile: string,
  postgresPort: number,
  gatewayUrl: string,
): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    NODE_ENV: process.env.NODE_ENV,
    SILO_TENANT_ID: tenant.id,
    SILO_TENANT_CONFIG: JSON.stringify(toRuntimeTenant(tenant)),
    SILO_ENVIRONMENT: "local",
    SILO_DB_HOST: "127.0.0.1",
    SILO_DB_PORT: String(postgresPort),
    SILO_DB_NAME: localDatabaseNames(tenant.id).database,
    SILO_DB_SECRET_ID: `/silo/${tenant.id}/database`,
    SILO_DB_SSL: "disable",
    SILO_LEDGER_DB_HOST: "127.0.0.1",
    SILO_LEDGER_DB_PORT: String(postgresPort),
    SILO_LEDGER_DB_NAME: localLedgerDatabase,
    SILO_LEDGER_DB_SECRET_ID: `/silo/${tenant.id}/ledger`,
    SILO_LEDGER_DB_SSL: "disable",
    SILO_EXPORT_DOWNLOAD_BASE_URL: `${gatewayUrl}/${tenant.id}/v1/exports`,
    SILO_LOCAL_SECRETS_FILE: secretsFile,
    // 0 turns budget leases off (docs/ledger.md); passed through so it can be tried locally.
    ...(process.env.SILO_LEDGER_LEASE_CALLS === undefined
      ? {}
      : { SILO_LEDGER_LEASE_CALLS: process.env.SILO_LEDGER_LEASE_CALLS }),
  };
}

/** `<data dir>/secrets/<tenant>.json`: the one file of secrets a tenant's process may read. */
function secretsFileOf(dataDir: string, tenantId: string): string {
  return join(dataDir, "secrets", `${tenantId}.json`);
}

/** A tenant's secrets by id, as its Lambdas find them in Secrets Manager: `/silo/<tenant>/...`. */
function tenantSecrets(
  tenant: TenantConfig,
  credentials: LocalTenantCredentials,
  openAiApiKey: string,
): Record<string, string> {
  // The tenant's own key for each openai-compatible model, as its secret /silo/<tenant>/providers/<key>.
  const providerKeys = Object.fromEntries(
    tenant.models.allowlist
      .filter((model) => model.provider === "openai-compatible")
      .map((model) => [`/silo/${tenant.id}/providers/${model.key}`, openAiApiKey]),
  );
  return {
    [`/silo/${tenant.id}/database`]: JSON.stringify({
      username: credentials.databaseUser,
      password: credentials.databasePassword,
    }),
    [`/silo/${tenant.id}/ledger`]: JSON.stringify({
      username: credentials.ledgerUser,
      password: credentials.ledgerPassword,
    }),
    ...providerKeys,
  };
}

function optionalText(value: number | undefined): string | undefined {
  return value === undefined ? undefined : String(value);
}

async function sweep(
  ledgerUrl: string,
  log: (entry: Record<string, unknown>) => void,
): Promise<{ expired: number; expiredLeases: number }> {
  const client = new pg.Client(ledgerUrl);
  await client.connect();
  try {
    const result = await sweepExpiredReservations(client, new Date());
    if (result.expired > 0 || result.expiredLeases > 0) {
      log({ level: "warn", msg: "expired dangling reservations or budget leases", ...result });
    }
    return result;
  } finally {
    await client.end();
  }
}
