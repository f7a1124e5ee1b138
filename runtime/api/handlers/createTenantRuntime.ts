import { createDatabase } from "../../core/db/createDatabase.ts";
import { createLeasedLedger } from "../../core/ledger/createLeasedLedger.ts";
import { createUsageLedger } from "../../core/ledger/createUsageLedger.ts";
import { jsonLineLog } from "../../core/logging/jsonLogger.ts";
import { type BudgetAlert, createBudgetAlerter } from "../../core/metering/createBudgetAlerter.ts";
import { createModelRouter, type ModelProviders } from "../../core/models/createModelRouter.ts";
import { EchoProvider } from "../../core/models/echoProvider.ts";
import { applicationInferenceProfileArnPattern } from "../../core/models/inferenceProfileArn.ts";
import { isEchoAllowed } from "../../core/models/isEchoAllowed.ts";
import { ModelConfigurationError } from "../../core/models/modelErrors.ts";
import type { ModelProvider } from "../../core/models/modelTypes.ts";
import { OpenAiCompatibleProvider } from "../../core/models/openAiCompatibleProvider.ts";
import type { SecretSource } from "../../core/secrets/secretSource.ts";
import { createStaticSecretSource } from "../../core/secrets/staticSecretSource.ts";
import type { ChatDeps } from "../routes/chatDeps.ts";
import type { HandlerGroup } from "../routes.ts";
import type { TenantRuntimeConfig } from "./tenantRuntimeConfig.ts";

const secretTtlMs = 5 * 60 * 1000;
const leaseLog = jsonLineLog<Record<string, unknown>>();

/**
 * Builds everything a tenant handler group needs from its runtime config: the tenant's database and its
 * ledger connection (credentials from secrets, never from the environment), the usage ledger, and the model
 * router with only the providers the tenant's allowlist uses. `secretSource` overrides the source the config
 * selects (Secrets Manager, or `SILO_LOCAL_SECRETS`). AWS SDK clients are imported lazily, so a
 * group (or the local platform) that needs none never loads them.
 *
 * @example
 * const runtime = await createTenantRuntime(loadTenantRuntimeConfig(process.env), "chat");
 */
export async function createTenantRuntime(
  config: TenantRuntimeConfig,
  group: HandlerGroup,
  secretSource?: SecretSource,
) {
  const { tenant } = config;
  const secrets = secretSource ?? (await secretSourceFor(config));
  const db = createDatabase({
    config: config.database,
    secrets,
    applicationName: `silo-${tenant.id}-${group}`,
  });
  const ledgerDb = createDatabase({
    config: config.ledgerDatabase,
    secrets,
    applicationName: `silo-${tenant.id}-${group}-ledger`,
  });
  // Budget leases take the ledger's round trip off each model call's path (docs/ledger.md).
  const leased =
    config.ledgerLeaseCalls > 0
      ? createLeasedLedger(ledgerDb, {
          tenantId: tenant.id,
          callsPerLease: config.ledgerLeaseCalls,
          onBackgroundError: (error, step) =>
            leaseLog({ level: "warn", msg: "budget lease step failed", step, error: String(error) }),
        })
      : undefined;
  const ledger = leased ?? createUsageLedger(ledgerDb, { tenantId: tenant.id });
  const router = createModelRouter({
    tenantId: tenant.id,
    models: tenant.models,
    providers: group === "chat" ? await providersFor(config, secrets) : {},
    allowEcho: isEchoAllowed(tenant.models, config.environment),
  });
  // Budget alerts: one JSON line per tenant and month, for a CloudWatch metric filter and alarm.
  const budgetAlerter = createBudgetAlerter(tenant.id, ledger, jsonLineLog<BudgetAlert>());
  const deps: ChatDeps = {
    db,
    tenant,
    ledgerDb,
    ledger,
    router,
    modelCallTimeoutMs: config.modelCallTimeoutMs,
    budgetAlerter,
  };
  return {
    deps,
    db,
    close: async () => {
      await db.close();
      await leased?.close().catch(() => undefined);
      await ledgerDb.close();
    },
  };
}

async function secretSourceFor(config: TenantRuntimeConfig): Promise<SecretSource> {
  if (config.localSecrets) return createStaticSecretSource(config.localSecrets);
  // The SDK is loaded on the first secret read, not at cold start: loading it is most of a bundle's
  // start-up time, and the handlers read no secret until their first database connection.
  let source: Promise<SecretSource> | undefined;
  const load = () => {
    source ??= (async () => {
      const { SecretsManagerClient } = await import("@aws-sdk/client-secrets-manager");
      const { createSecretsManagerSource } = await import("../../core/secrets/secretsManagerSource.ts");
      return createSecretsManagerSource({ client: new SecretsManagerClient({}), ttlMs: secretTtlMs });
    })();
    return source;
  };
  return {
    getSecret: async (secretId) => (await load()).getSecret(secretId),
    invalidate: (secretId) => {
      void source?.then((loaded) => loaded.invalidate(secretId));
    },
  };
}

async function providersFor(config: TenantRuntimeConfig, secrets: SecretSource): Promise<ModelProviders> {
  const allowlist = config.tenant.models.allowlist;
  const uses = (provider: string) => allowlist.some((model) => model.provider === provider);
  const providers: { -readonly [Name in keyof ModelProviders]: ModelProviders[Name] } = {};
  if (uses("echo")) {
    const standIns = new Map(Object.entries(config.bedrockStandIns ?? {}));
    const echo = new EchoProvider();
    // Only the local platform and tests stand echo in for Bedrock models: loaded only there.
    providers.echo =
      standIns.size === 0
        ? echo
        : new (await import("../../core/models/bedrockStandIn.ts")).BedrockStandIn(echo, standIns);
  }
  if (uses("openai-compatible")) {
    const baseUrls = Object.fromEntries(
      allowlist.flatMap((model) => (model.baseUrl ? [[model.key, model.baseUrl] as const] : [])),
    );
    const secretIdOf = (modelKey: string) => `${config.providerKeySecretPrefix}${modelKey}`;
    providers["openai-compatible"] = new OpenAiCompatibleProvider({
      baseUrls,
      getApiKey: (modelKey) => secrets.getSecret(secretIdOf(modelKey)),
      onApiKeyRejected: (modelKey) => secrets.invalidate(secretIdOf(modelKey)),
      timeoutMs: config.modelCallTimeoutMs,
    });
  }
  if (uses("bedrock") && Object.keys(config.modelProfileArns).length > 0) {
    // Loaded on the first Bedrock call (see secretSourceFor); the ARNs are still checked at cold start.
    let provider: Promise<ModelProvider> | undefined;
    const load = () => {
      provider ??= (async () => {
        const { BedrockRuntimeClient } = await import("@aws-sdk/client-bedrock-runtime");
        const { BedrockProvider } = await import("../../core/models/bedrockProvider.ts");
        return new BedrockProvider({
          client: new BedrockRuntimeClient({ maxAttempts: 2 }),
          inferenceProfileArns: config.modelProfileArns,
          timeoutMs: config.modelCallTimeoutMs,
        });
      })();
      return provider;
    };
    checkProfileArns(config.modelProfileArns);
    providers.bedrock = {
      name: "bedrock",
      complete: async (request, options) => (await load()).complete(request, options),
      async *stream(request, options) {
        yield* (await load()).stream(request, options);
      },
      embed: async (request, options) => (await load()).embed(request, options),
    };
  }
  return providers;
}

/** BedrockProvider's own check, made at cold start although the provider is built on first use. */
function checkProfileArns(arns: Readonly<Record<string, string>>): void {
  const invalid = Object.entries(arns).filter(([, arn]) => !applicationInferenceProfileArnPattern.test(arn));
  if (invalid.length > 0) {
    throw new ModelConfigurationError({
      provider: "bedrock",
      problem: `not an application inference profile ARN: ${invalid.map(([key, arn]) => `${key}=${JSON.stringify(arn)}`).join(", ")}`,
      fix: "set SILO_MODEL_PROFILE_ARNS from the tenant stack's inference profile outputs",
    });
  }
}
