import { describe, expect, it } from "vitest";
import {
  createModelRouter,
  type ModelRouterArgs,
} from "../../../../runtime/core/models/createModelRouter.ts";
import { EchoProvider } from "../../../../runtime/core/models/echoProvider.ts";
import { ModelConfigurationError, type ModelError } from "../../../../runtime/core/models/modelErrors.ts";
import type {
  EmbeddingRequest,
  EmbeddingResponse,
  ModelProvider,
  ModelProviderName,
  ModelRequest,
  ModelResponse,
  ModelStreamEvent,
} from "../../../../runtime/core/models/modelTypes.ts";
import type { TenantConfig } from "../../../../tenants/schema.ts";

const models: TenantConfig["models"] = {
  allowlist: [
    {
      key: "claude-sonnet",
      provider: "bedrock",
      modelId: "anthropic.claude-sonnet-4-20250514-v1:0",
      type: "chat" as const,
    },
    {
      key: "byok",
      provider: "openai-compatible",
      modelId: "gpt-4o-mini",
      baseUrl: "https://llm.example.com/v1",
      type: "chat" as const,
    },
    { key: "echo", provider: "echo", modelId: "echo-1", type: "chat" as const },
    { key: "titan-embed", provider: "bedrock", modelId: "amazon.titan-embed-text-v2:0", type: "embedding" },
  ],
  defaultModel: "claude-sonnet",
  imageUrlHosts: [],
};

/** A provider that records its calls and answers with a fixed response. */
class RecordingProvider implements ModelProvider {
  readonly calls: ModelRequest[] = [];
  readonly signals: AbortSignal[] = [];
  usage: ModelResponse["usage"] = {
    inputTokens: 10,
    outputTokens: 2,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
  };

  constructor(readonly name: ModelProviderName) {}

  async complete(request: ModelRequest, options: { signal: AbortSignal }): Promise<ModelResponse> {
    this.calls.push(request);
    this.signals.push(options.signal);
    return {
      content: "ok",
      toolCalls: [],
      finishReason: "stop",
      usage: this.usage,
      provider: this.name,
      providerModelId: request.providerModelId,
      latencyMs: 1,
    };
  }

  async *stream(request: ModelRequest, options: { signal: AbortSignal }): AsyncGenerator<ModelStreamEvent> {
    this.calls.push(request);
    this.signals.push(options.signal);
    yield { type: "text", text: "o" };
    yield { type: "text", text: "k" };
    if (this.endStreamWithoutFinish) return;
    yield { type: "finish", finishReason: "stop", usage: this.usage };
  }

  endStreamWithoutFinish = false;
  vectors = 1;

  async embed(request: EmbeddingRequest): Promise<EmbeddingResponse> {
    return {
      vectors: Array.from({ length: this.vectors }, () => [0.6, 0.8]),
      usage: { inputTokens: this.usage.inputTokens },
      provider: this.name,
      providerModelId: request.providerModelId,
      latencyMs: 1,
    };
  }
}

function router(overrides: Partial<ModelRouterArgs> = {}) {
  const bedrock = new RecordingProvider("bedrock");
  const openAi = new RecordingProvider("openai-compatible");
  const instance = createModelRouter({
    tenantId: "acme",
    models,
    providers: { bedrock, "openai-compatible": openAi, echo: new EchoProvider() },
    ...overrides,
  });
  return { router: instance, bedrock, openAi };
}

function thrown(act: () => unknown): ModelError {
  try {
    act();
  } catch (error) {
    return error as ModelError;
  }
  throw new Error("nothing was thrown");
}

async function rejected(promise: Promise<unknown>): Promise<ModelError> {
  try {
    await promise;
  } catch (error) {
    return error as ModelError;
  }
  throw new Error("the call succeeded");
}

const signal = new AbortController().signal;
const call = { messages: [{ role: "user" as const, content: "Hi" }], maxTokens: 64, requestId: "req-1" };

describe("createModelRouter: listModels", () => {
  it("lists the tenant's allowlist in file order, marking the default", () => {
    expect(router().router.listModels()).toEqual([
      {
        key: "claude-sonnet",
        provider: "bedrock",
        type: "chat",
        providerModelId: "anthropic.claude-sonnet-4-20250514-v1:0",
        isDefault: true,
      },
      {
        key: "byok",
        provider: "openai-compatible",
        type: "chat",
        providerModelId: "gpt-4o-mini",
        isDefault: false,
      },
      { key: "echo", provider: "echo", type: "chat", providerModelId: "echo-1", isDefault: false },
      {
        key: "titan-embed",
        provider: "bedrock",
        type: "embedding",
        providerModelId: "amazon.titan-embed-text-v2:0",
        isDefault: false,
      },
    ]);
  });
});

describe("createModelRouter: resolve", () => {
  it.each([undefined, ""])("resolves %j to the tenant's default model", (modelKey) => {
    expect(router().router.resolve(modelKey)).toEqual({
      key: "claude-sonnet",
      provider: "bedrock",
      type: "chat",
      providerModelId: "anthropic.claude-sonnet-4-20250514-v1:0",
    });
  });

  it("resolves an allowlisted key to its provider and model id", () => {
    expect(router().router.resolve("byok")).toEqual({
      key: "byok",
      provider: "openai-compatible",
      type: "chat",
      providerModelId: "gpt-4o-mini",
    });
  });

  it("refuses a key outside the allowlist with MODEL_NOT_ALLOWED", () => {
    const error = thrown(() => router().router.resolve("gpt-5"));

    expect(error.code).toBe("MODEL_NOT_ALLOWED");
    expect(error.message).toContain(
      'Model "gpt-5" is not in the allowlist of tenant "acme"; use one of: claude-sonnet, byok, echo, titan-embed',
    );
  });

  it("refuses an echo model unless allowEcho is set", () => {
    const error = thrown(() => router().router.resolve("echo"));

    expect(error.code).toBe("MODEL_MISCONFIGURED");
    expect(error.message).toBe(
      'Model "echo" (echo): the echo provider is refused outside local use and tests; call a bedrock or ' +
        "openai-compatible model; echo runs only for a tenant that lists it when the environment is local or test",
    );
  });

  it("resolves an echo model when allowEcho is set", () => {
    expect(router({ allowEcho: true }).router.resolve("echo").provider).toBe("echo");
  });

  it("refuses a model whose provider this runtime lacks with MODEL_MISCONFIGURED", () => {
    const error = thrown(() =>
      router({ providers: { bedrock: new RecordingProvider("bedrock") } }).router.resolve("byok"),
    );

    expect(error.code).toBe("MODEL_MISCONFIGURED");
    expect(error.message).toBe(
      'Model "byok" (openai-compatible): this runtime has no openai-compatible provider; pass providers["openai-compatible"] to createModelRouter',
    );
  });

  it("refuses a provider passed under another provider's name at construction", () => {
    const construct = () => router({ providers: { bedrock: new EchoProvider() } });

    expect(construct).toThrow(ModelConfigurationError);
    expect(construct).toThrow(
      'Provider echo: it was passed as providers["bedrock"]; pass it as providers["echo"]',
    );
  });
});

describe("createModelRouter: complete", () => {
  it("calls the default model's provider with the resolved key and model id", async () => {
    // Prepare
    const { router: modelRouter, bedrock, openAi } = router();

    // Act
    const response = await modelRouter.complete({ ...call, temperature: 0.5 }, signal);

    // Assess
    expect(bedrock.calls).toEqual([
      {
        ...call,
        temperature: 0.5,
        modelKey: "claude-sonnet",
        providerModelId: "anthropic.claude-sonnet-4-20250514-v1:0",
      },
    ]);
    expect(bedrock.signals).toEqual([signal]);
    expect(openAi.calls).toHaveLength(0);
    expect(response.content).toBe("ok");
  });

  it("calls the named model's provider", async () => {
    const { router: modelRouter, bedrock, openAi } = router();

    await modelRouter.complete({ ...call, modelKey: "byok" }, signal);

    expect(openAi.calls.map((request) => [request.modelKey, request.providerModelId])).toEqual([
      ["byok", "gpt-4o-mini"],
    ]);
    expect(bedrock.calls).toHaveLength(0);
  });

  it("never falls back to the default for a key outside the allowlist", async () => {
    const { router: modelRouter, bedrock, openAi } = router();

    const error = await rejected(modelRouter.complete({ ...call, modelKey: "gpt-5" }, signal));

    expect(error.code).toBe("MODEL_NOT_ALLOWED");
    expect(bedrock.calls.length + openAi.calls.length).toBe(0);
  });

  it("refuses to echo without allowEcho, and echoes with it", async () => {
    const refused = await rejected(router().router.complete({ ...call, modelKey: "echo" }, signal));
    const echoed = await router({ allowEcho: true }).router.complete({ ...call, modelKey: "echo" }, signal);

    expect(refused.code).toBe("MODEL_MISCONFIGURED");
    expect(echoed.content).toBe("echo: Hi");
    expect(echoed.providerModelId).toBe("echo-1");
  });

  it("passes the provider's typed errors through", async () => {
    const error = await rejected(
      router({ allowEcho: true }).router.complete(
        { ...call, modelKey: "echo", messages: [{ role: "user", content: "[[silo:throttle]]" }] },
        signal,
      ),
    );

    expect(error.code).toBe("MODEL_THROTTLED");
  });

  it.each([
    ["fractional", { inputTokens: 1.5 }, "usage.inputTokens is 1.5"],
    ["negative", { cacheWriteTokens: -1 }, "usage.cacheWriteTokens is -1"],
    ["missing", { outputTokens: undefined }, "usage.outputTokens is undefined"],
    ["absent", { cacheReadTokens: "omit" }, "usage.cacheReadTokens is undefined"],
  ])("refuses a provider response with %s usage as MODEL_BAD_RESPONSE", async (_case, usage, problem) => {
    const { router: modelRouter, bedrock } = router();
    const merged: Record<string, unknown> = { ...bedrock.usage, ...usage };
    for (const [field, value] of Object.entries(merged)) if (value === "omit") delete merged[field];
    bedrock.usage = merged as unknown as ModelResponse["usage"];

    const error = await rejected(modelRouter.complete(call, signal));

    expect(error.code).toBe("MODEL_BAD_RESPONSE");
    expect(error.message).toContain(
      `bedrock answered for model "claude-sonnet" with an unusable response (${problem}`,
    );
  });

  it("streams through the provider and checks the finish event's usage", async () => {
    const { router: modelRouter, bedrock } = router();

    const events: ModelStreamEvent[] = [];
    for await (const event of modelRouter.stream(call, signal)) events.push(event);

    expect(events.map((event) => event.type)).toEqual(["text", "text", "finish"]);
    expect(bedrock.calls[0]).toMatchObject({ modelKey: "claude-sonnet" });

    bedrock.usage = { ...bedrock.usage, outputTokens: -1 };
    const bad = modelRouter.stream(call, signal);
    await bad.next();
    await bad.next();
    await expect(bad.next()).rejects.toMatchObject({ code: "MODEL_BAD_RESPONSE" });
  });

  it("fails a stream that ends without a finish event as MODEL_BAD_RESPONSE", async () => {
    const { router: modelRouter, bedrock } = router();
    bedrock.endStreamWithoutFinish = true;

    const drained = (async () => {
      for await (const _ of modelRouter.stream(call, signal));
    })();

    await expect(drained).rejects.toMatchObject({
      code: "MODEL_BAD_RESPONSE",
      message: expect.stringContaining("the stream ended without a finish event"),
    });
  });

  it("embeds only with embedding models, one vector per input", async () => {
    const { router: modelRouter, bedrock } = router();
    const request = { modelKey: "titan-embed", inputs: ["a"], requestId: "r-1" };

    await expect(modelRouter.embed(request, signal)).resolves.toMatchObject({ vectors: [[0.6, 0.8]] });

    bedrock.vectors = 2;
    await expect(modelRouter.embed(request, signal)).rejects.toMatchObject({ code: "MODEL_BAD_RESPONSE" });
    await expect(modelRouter.embed({ ...request, modelKey: "claude-sonnet" }, signal)).rejects.toMatchObject({
      code: "MODEL_UNSUPPORTED_PARAMETER",
      message: expect.stringContaining(
        "call POST /v1/chat/completions with it, or embed with one of: titan-embed",
      ),
    });
  });

  it("refuses to chat with an embedding model, naming the chat models", () => {
    const { router: modelRouter } = router();

    const error = thrown(() => modelRouter.resolve("titan-embed"));

    expect(error.code).toBe("MODEL_UNSUPPORTED_PARAMETER");
    expect(error.message).toContain("call POST /v1/embeddings with it, or chat with one of: claude-sonnet");
  });
});
