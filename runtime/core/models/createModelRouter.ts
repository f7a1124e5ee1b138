import type { modelTypes, TenantConfig } from "../../../tenants/schema.ts";
import {
  ModelConfigurationError,
  ModelUnsupportedParameterError,
  ProviderBadResponseError,
} from "./modelErrors.ts";
import type {
  EmbeddingRequest,
  EmbeddingResponse,
  ModelProvider,
  ModelProviderName,
  ModelRequest,
  ModelResponse,
  ModelStreamEvent,
  ModelUsage,
} from "./modelTypes.ts";
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

/** What a model is called for (`models.allowlist[].type`). */
export type ModelType = (typeof modelTypes)[number];

/** A model key resolved against the tenant's allowlist. */
export interface ResolvedModel {
  readonly key: string;
  readonly provider: ModelProviderName;
  readonly type: ModelType;
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

/** An embeddings call as a handler makes it: the model key is required (embedding models have no default). */
export type EmbeddingRouterRequest = Omit<EmbeddingRequest, "providerModelId">;

/** Every model call of one tenant goes through its router. */
export interface ModelRouter {
  /** The tenant's allowlist, in file order. */
  listModels(): ListedModel[];
  /**
   * The model a key names, checked against the allowlist, its type and this runtime's providers; call it
   * before reserving budget, so a request that cannot be served fails before anything is written.
   * @param type what the caller will call it for. @default "chat"
   */
  resolve(modelKey?: string, type?: ModelType): ResolvedModel;
  /** Resolves the model and calls its provider; rejects only with the typed errors of `modelErrors.ts`. */
  complete(request: ModelRouterRequest, signal: AbortSignal): Promise<ModelResponse>;
  /**
   * Resolves the model and streams its answer. The usage of the `finish` event is checked like
   * `complete`'s; a stream that ends without `finish` fails with MODEL_BAD_RESPONSE.
   */
  stream(request: ModelRouterRequest, signal: AbortSignal): AsyncGenerator<ModelStreamEvent, void, undefined>;
  /** Resolves an embedding model and embeds; one vector per input, checked. */
  embed(request: EmbeddingRouterRequest, signal: AbortSignal): Promise<EmbeddingResponse>;
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

  function resolve(modelKey?: string, type: ModelType = "chat"): ResolvedModel {
    const model = resolveModel(args.tenantId, args.models, modelKey);
    if (model.type !== type) {
      const others = args.models.allowlist.filter((entry) => entry.type === type).map((entry) => entry.key);
      throw new ModelUnsupportedParameterError({
        provider: model.provider,
        modelKey: model.key,
        param: "model",
        problem: `is ${withArticle(model.type)} model, not ${withArticle(type)} model`,
        fix:
          type === "embedding"
            ? `call POST /v1/chat/completions with it, or embed with one of: ${others.join(", ") || "(no embedding model is allowlisted)"}`
            : `call POST /v1/embeddings with it, or chat with one of: ${others.join(", ")}`,
      });
    }
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
    return { key: model.key, provider: model.provider, type: model.type, providerModelId: model.modelId };
  }

  const providerOf = (model: ResolvedModel) => args.providers[model.provider] as ModelProvider;

  return {
    listModels: () =>
      args.models.allowlist.map((model) => ({
        key: model.key,
        provider: model.provider,
        type: model.type,
        providerModelId: model.modelId,
        isDefault: model.key === args.models.defaultModel,
      })),
    resolve,
    async complete(request, signal) {
      const model = resolve(request.modelKey);
      const response = await providerOf(model).complete(
        { ...request, modelKey: model.key, providerModelId: model.providerModelId },
        { signal },
      );
      checkUsage(response.usage, model);
      return response;
    },
    async *stream(request, signal) {
      const model = resolve(request.modelKey);
      const events = providerOf(model).stream(
        { ...request, modelKey: model.key, providerModelId: model.providerModelId },
        { signal },
      );
      for await (const event of events) {
        if (event.type === "finish") {
          if (event.usage !== undefined) checkUsage(event.usage, model);
          yield event;
          return;
        }
        yield event;
      }
      throw new ProviderBadResponseError({
        provider: model.provider,
        modelKey: model.key,
        problem: "the stream ended without a finish event",
      });
    },
    async embed(request, signal) {
      const model = resolve(request.modelKey, "embedding");
      const response = await providerOf(model).embed(
        { ...request, modelKey: model.key, providerModelId: model.providerModelId },
        { signal },
      );
      checkUsage({ ...response.usage, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 }, model);
      if (response.vectors.length !== request.inputs.length) {
        throw new ProviderBadResponseError({
          provider: model.provider,
          modelKey: model.key,
          problem: `${response.vectors.length} vectors for ${request.inputs.length} inputs`,
        });
      }
      return response;
    },
  };
}

const usageFields = ["inputTokens", "outputTokens", "cacheReadTokens", "cacheWriteTokens"] as const;

function checkUsage(usage: ModelUsage | undefined, model: ResolvedModel): void {
  for (const field of usageFields) {
    const value: unknown = usage?.[field];
    if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
      throw new ProviderBadResponseError({
        provider: model.provider,
        modelKey: model.key,
        problem: `usage.${field} is ${JSON.stringify(value)}, not a whole number of tokens`,
      });
    }
  }
}

function withArticle(type: ModelType): string {
  return type === "embedding" ? "an embedding" : "a chat";
}
