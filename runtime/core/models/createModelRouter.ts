import type { TenantConfig } from "../../../tenants/schema.ts";
import { ModelConfigurationError, ProviderBadResponseError } from "./modelErrors.ts";
import type { ModelProvider, ModelProviderName, ModelRequest, ModelResponse } from "./modelTypes.ts";
import { resolveModel } from "./resolveModel.ts";

/** The provider implementations a runtime has, by the provider name tenant files use. */
export type ModelProviders = { readonly [Name in ModelProviderName]?: ModelProvider };

/** Arguments of {@link createModelRouter}. */
export interface ModelRouterArgs {
  readonly tenantId: string;
  /** The tenant's validated `models` section: its allowlist and default model. */
  readonly models: TenantConfig["models"];
  /** A model whose provider is missing here fails with MODEL_MISCONFIGURED when it is called. */
  readonly providers: ModelProviders;
  /**
   * Whether echo models may be called; pass `isEchoAllowed(models, environment)`.
   * @default false: echo models are refused with MODEL_MISCONFIGURED
   */
  readonly allowEcho?: boolean;
}

/** A model key resolved against the tenant's allowlist. */
export interface ResolvedModel {
  readonly key: string;
  readonly provider: ModelProviderName;
  /** `models.allowlist[].modelId`: the model that is priced, whatever route the provider takes to it. */
  readonly providerModelId: string;
}

/** An allowlisted model, as listed for `GET /v1/models`. */
export interface ListedModel extends ResolvedModel {
  readonly isDefault: boolean;
}

/** A model call as a handler makes it: the model key is optional and the provider's id is filled in. */
export type ModelRouterRequest = Omit<ModelRequest, "modelKey" | "providerModelId"> & {
  /** The tenant's model key; undefined or empty means the tenant's default model. */
  readonly modelKey?: string | undefined;
};

/** Every model call of one tenant goes through its router. */
export interface ModelRouter {
  /** The tenant's allowlist, in file order. */
  listModels(): ListedModel[];
  /**
   * The model a key names, checked against the allowlist and this runtime's providers; call it before
   * reserving budget, so a request that cannot be served fails before anything is written.
   */
  resolve(modelKey?: string): ResolvedModel;
  /** Resolves the model and calls its provider; rejects only with the typed errors of `modelErrors.ts`. */
  complete(request: ModelRouterRequest, signal: AbortSignal): Promise<ModelResponse>;
}

/**
 * The model router of one tenant: picks the model a request names (or the tenant's default), refuses any
 * model outside the tenant's allowlist, and calls the model's provider.
 *
 * - A key not in the allowlist is MODEL_NOT_ALLOWED, never a silent fall-back to the default model.
 * - A model whose provider this runtime lacks, or an echo model without `allowEcho`, is MODEL_MISCONFIGURED.
 * - A response whose usage is not whole, non-negative token counts is MODEL_BAD_RESPONSE, so the ledger is
 *   never settled with a number it cannot price.
 *
 * @example
 * const router = createModelRouter({ tenantId: tenant.id, models: tenant.models, providers: { bedrock } });
 * const response = await router.complete({ messages, maxTokens: 512, requestId }, signal);
 */
export function createModelRouter(args: ModelRouterArgs): ModelRouter {
  for (const [slot, provider] of Object.entries(args.providers)) {
    if (provider !== undefined && provider.name !== slot) {
      throw new ModelConfigurationError({
        provider: provider.name,
        problem: `it was passed as providers["${slot}"]`,
        fix: `pass it as providers["${provider.name}"]`,
      });
    }
  }
  const allowEcho = args.allowEcho ?? false;

  function resolve(modelKey?: string): ResolvedModel {
    const model = resolveModel(args.tenantId, args.models, modelKey);
    if (model.provider === "echo" && !allowEcho) {
      throw new ModelConfigurationError({
        modelKey: model.key,
        provider: "echo",
        problem: "the echo provider is refused outside local use and tests",
        fix: "call a bedrock or openai-compatible model; echo runs only for a tenant that lists it when the environment is local or test",
      });
    }
    if (args.providers[model.provider] === undefined) {
      throw new ModelConfigurationError({
        modelKey: model.key,
        provider: model.provider,
        problem: `this runtime has no ${model.provider} provider`,
        fix: `pass providers["${model.provider}"] to createModelRouter`,
      });
    }
    return { key: model.key, provider: model.provider, providerModelId: model.modelId };
  }

  return {
    listModels: () =>
      args.models.allowlist.map((model) => ({
        key: model.key,
        provider: model.provider,
        providerModelId: model.modelId,
        isDefault: model.key === args.models.defaultModel,
      })),
    resolve,
    async complete(request, signal) {
      const model = resolve(request.modelKey);
      const provider = args.providers[model.provider] as ModelProvider;
      const response = await provider.complete(
        { ...request, modelKey: model.key, providerModelId: model.providerModelId },
        { signal },
      );
      checkUsage(response, model);
      return response;
    },
  };
}

const usageFields = ["inputTokens", "outputTokens", "cacheReadTokens", "cacheWriteTokens"] as const;

function checkUsage(response: ModelResponse, model: ResolvedModel): void {
  for (const field of usageFields) {
    const value: unknown = response.usage?.[field];
    if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
      throw new ProviderBadResponseError({
        provider: model.provider,
        modelKey: model.key,
        problem: `usage.${field} is ${JSON.stringify(value)}, not a whole number of tokens`,
      });
    }
  }
}
