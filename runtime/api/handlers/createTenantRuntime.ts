import { createDatabase } from "../../core/db/createDatabase.ts";
import { createUsageLedger } from "../../core/ledger/createUsageLedger.ts";
import { createModelRouter, type ModelProviders } from "../../core/models/createModelRouter.ts";
import { EchoProvider } from "../../core/models/echoProvider.ts";
import { isEchoAllowed } from "../../core/models/isEchoAllowed.ts";
import { OpenAiCompatibleProvider } from "../../core/models/openAiCompatibleProvider.ts";
import type { SecretSource } from "../../core/secrets/secretSource.ts";
import { createStaticSecretSource } from "../../core/secrets/staticSecretSource.ts";
import type { ChatDeps } from "../operations/chatDeps.ts";
import type { HandlerGroup } from "../routes.ts";
import type { TenantRuntimeConfig } from "./tenantRuntimeConfig.ts";

const secretTtlMs = 5 * 60 * 1000;

/**
 * Builds everything a tenant handler group needs from its runtime config: the tenant's database and its
 * ledger connection (credentials from secrets, never from the environment), the usage ledger, and the model
 * router with only the providers the tenant's allowlist uses. AWS SDK clients are imported lazily, so a
 * group (or the local platform) that needs none never loads them.
 *
 * @example
 * const runtime = await createTenantRuntime(loadTenantRuntimeConfig(process.env), "chat");
 */
export async function createTenantRuntime(config: TenantRuntimeConfig, group: HandlerGroup) {
  const { tenant } = config;
  const secrets = await secretSourceFor(config);
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
  const ledger = createUsageLedger(ledgerDb, { tenantId: tenant.id });
  const router = createModelRouter({
    tenantId: tenant.id,
    models: tenant.models,
    providers: group === "chat" ? await providersFor(config, secrets) : {},
    allowEcho: isEchoAllowed(tenant.models, config.environment),
  });
  const deps: ChatDeps = {
    db,
    tenant,
    ledgerDb,
    ledger,
    router,
    modelCallTimeoutMs: config.modelCallTimeoutMs,
  };
  return {
    deps,
    db,
    close: async () => {
      await db.close();
      await ledgerDb.close();
    },
  };
}

async function secretSourceFor(config: TenantRuntimeConfig): Promise<SecretSource> {
  if (config.localSecrets) return createStaticSecretSource(config.localSecrets);
  const { SecretsManagerClient } = await import("@aws-sdk/client-secrets-manager");
  const { createSecretsManagerSource } = await import("../../core/secrets/secretsManagerSource.ts");
  return createSecretsManagerSource({ client: new SecretsManagerClient({}), ttlMs: secretTtlMs });
}

async function providersFor(config: TenantRuntimeConfig, secrets: SecretSource): Promise<ModelProviders> {
  const allowlist = config.tenant.models.allowlist;
  const uses = (provider: string) => allowlist.some((model) => model.provider === provider);
  const providers: { -readonly [Name in keyof ModelProviders]: ModelProviders[Name] } = {};
  if (uses("echo")) providers.echo = new EchoProvider();
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
    const { BedrockRuntimeClient } = await import("@aws-sdk/client-bedrock-runtime");
    const { BedrockProvider } = await import("../../core/models/bedrockProvider.ts");
    providers.bedrock = new BedrockProvider({
      client: new BedrockRuntimeClient({ maxAttempts: 2 }),
      inferenceProfileArns: config.modelProfileArns,
      timeoutMs: config.modelCallTimeoutMs,
    });
  }
  return providers;
}
