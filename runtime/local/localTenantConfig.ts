import type { TenantConfig } from "../../tenants/schema.ts";

/** How the local platform serves models it cannot reach from this machine. */
export interface LocalModelOptions {
  /**
   * An OpenAI-compatible endpoint (e.g. a local Ollama at http://127.0.0.1:11434/v1) to serve every
   * `openai-compatible` model with; without it they are served by echo.
   */
  readonly openAiBaseUrl?: string;
}

/**
 * A tenant's config as the local platform runs it: with no AWS account, every `bedrock` model is served by
 * the deterministic `echo` provider under the same key (so tenant apps use the same model names locally and
 * in AWS), and `openai-compatible` models go to the configured local endpoint or echo. Limits, budget and
 * everything else stay as the tenant file says. Pure.
 *
 * @example
 * localTenantConfig(tenant, {}).models.allowlist[0]; // { key: "claude-sonnet", provider: "echo", modelId: "echo-1", type: "chat" }
 */
export function localTenantConfig(tenant: TenantConfig, options: LocalModelOptions): TenantConfig {
  const allowlist = tenant.models.allowlist.map((model) => {
    if (model.provider === "echo") return model;
    if (model.provider === "openai-compatible" && options.openAiBaseUrl) {
      return { ...model, baseUrl: options.openAiBaseUrl };
    }
    const modelId = model.type === "embedding" ? "echo-embed-1" : "echo-1";
    return { key: model.key, provider: "echo" as const, modelId, type: model.type };
  });
  return { ...tenant, models: { ...tenant.models, allowlist } };
}
