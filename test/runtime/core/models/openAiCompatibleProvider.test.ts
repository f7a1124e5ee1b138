import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SiloError } from "../../../../runtime/core/errors/siloError.ts";
import type { ModelError } from "../../../../runtime/core/models/modelErrors.ts";
import type { ModelRequest } from "../../../../runtime/core/models/modelTypes.ts";
import {
  OpenAiCompatibleProvider,
  type OpenAiCompatibleProviderArgs,
} from "../../../../runtime/core/models/openAiCompatibleProvider.ts";
import { defaultRetryAfterSeconds } from "../../../../runtime/core/models/retryAfterSeconds.ts";
import { LocalServer } from "./support/localServer.ts";

const apiKey = "sk-tenant-acme-0123456789abcdef";
const nowMs = Date.parse("2026-01-15T12:00:00Z");
const signal = new AbortController().signal;
let server: LocalServer;
let rejectedKeys: string[];

beforeEach(async () => {
  server = await LocalServer.start();
  rejectedKeys = [];
});

afterEach(async () => {
  await server.close();
});

function provider(overrides: Partial<OpenAiCompatibleProviderArgs> = {}): OpenAiCompatibleProvider {
  return new OpenAiCompatibleProvider({
    baseUrls: { byok: `${server.url}/v1/` },
    getApiKey: async () => apiKey,
    onApiKeyRejected: (modelKey) => rejectedKeys.push(modelKey),
    timeoutMs: 2000,
    now: () => nowMs,
    ...overrides,
  });
}

function request(overrides: Partial<ModelRequest> = {}): ModelRequest {
  return {
    modelKey: "byok",
    providerModelId: "gpt-4o-mini",
    messages: [
      { role: "system", content: "Be brief." },
      { role: "user", content: "Hello" },
    ],
    maxTokens: 128,
    requestId: "req-1",
    ...overrides,
  };
}

function completion(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: "chatcmpl-abc123",
    object: "chat.completion",
    created: 1768478400,
    model: "gpt-4o-mini-2024-07-18",
    choices: [{ index: 0, message: { role: "assistant", content: "Hi!" }, finish_reason: "stop" }],
    usage: { prompt_tokens: 20, completion_tokens: 3, total_tokens: 23 },
    ...overrides,
  };
}

async function failure(promise: Promise<unknown>): Promise<ModelError> {
  try {
    await promise;
  } catch (error) {
    expect(
      JSON.stringify({ message: (error as Error).message, cause: String((error as Error).cause) }),
    ).not.toContain(apiKey);
    return error as ModelError;
  }
  throw new Error("the call succeeded");
}

describe("OpenAiCompatibleProvider: a successful call", () => {
  it("posts the chat completion to {baseUrl}/chat/completions with the tenant's key", async () => {
    // Prepare
    server.respondJson(200, completion());

    // Act
    await provider().complete(request({ temperature: 0.3, topP: 0.8, stop: ["\n\n"] }), { signal });

    // Assess
    expect(server.requests).toHaveLength(1);
    const received = server.requests[0];
    expect(received?.method).toBe("POST");
    expect(received?.path).toBe("/v1/chat/completions");
    expect(received?.headers.authorization).toBe(`Bearer ${apiKey}`);
    expect(received?.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(received?.body ?? "")).toStrictEqual({
      model: "gpt-4o-mini",
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "Hello" },
      ],
      max_tokens: 128,
      temperature: 0.3,
      top_p: 0.8,
      stop: ["\n\n"],
      stream: false,
    });
  });

  it("leaves out sampling settings the request does not have", async () => {
    server.respondJson(200, completion());

    await provider().complete(request(), { signal });

    expect(Object.keys(JSON.parse(server.requests[0]?.body ?? ""))).toEqual([
      "model",
      "messages",
      "max_tokens",
      "stream",
    ]);
  });

  it("returns the content, finish reason and usage", async () => {
    server.respondJson(200, completion());

    const response = await provider().complete(request(), { signal });

    expect(response).toEqual({
      content: "Hi!",
      toolCalls: [],
      finishReason: "stop",
      usage: { inputTokens: 20, outputTokens: 3, cacheReadTokens: 0, cacheWriteTokens: 0 },
      provider: "openai-compatible",
      providerModelId: "gpt-4o-mini",
      latencyMs: expect.any(Number),
    });
  });

  it("counts cached prompt tokens as cache reads, not plain input", async () => {
    server.respondJson(
      200,
      completion({
        usage: {
          prompt_tokens: 2000,
          completion_tokens: 10,
          total_tokens: 2010,
          prompt_tokens_details: { cached_tokens: 1536 },
        },
      }),
    );

    const response = await provider().complete(request(), { signal });

    expect(response.usage).toEqual({
      inputTokens: 464,
      outputTokens: 10,
      cacheReadTokens: 1536,
      cacheWriteTokens: 0,
    });
  });

  it.each([
    ["stop", "stop"],
    ["length", "length"],
    ["content_filter", "content_filter"],
    [null, "stop"],
    ["eos_token", "stop"],
  ])("maps finish_reason %j to %s", async (finishReason, expected) => {
    server.respondJson(
      200,
      completion({
        choices: [{ index: 0, message: { role: "assistant", content: "x" }, finish_reason: finishReason }],
      }),
    );

    const response = await provider().complete(request(), { signal });

    expect(response.finishReason).toBe(expected);
  });
});

describe("OpenAiCompatibleProvider: error statuses", () => {
  it("maps 429 with Retry-After seconds to MODEL_THROTTLED", async () => {
    server.respondJson(
      429,
      { error: { message: "Rate limit reached", type: "requests" } },
      { "retry-after": "20" },
    );

    const error = await failure(provider().complete(request(), { signal }));

    expect(error.code).toBe("MODEL_THROTTLED");
    expect(error).toMatchObject({ retryAfterSeconds: 20 });
    expect(error.message).toBe(
      'openai-compatible throttled model "byok"; retry after 20 s, and if it persists ask the platform team to raise the tenant\'s provider quota',
    );
  });

  it("maps 429 with an HTTP-date Retry-After to the seconds until then", async () => {
    server.respondJson(429, {}, { "retry-after": "Thu, 15 Jan 2026 12:01:00 GMT" });

    const error = await failure(provider().complete(request(), { signal }));

    expect(error).toMatchObject({ code: "MODEL_THROTTLED", retryAfterSeconds: 60 });
  });

  it("maps 429 without Retry-After to the default delay", async () => {
    server.respondJson(429, {});

    const error = await failure(provider().complete(request(), { signal }));

    expect(error).toMatchObject({ code: "MODEL_THROTTLED", retryAfterSeconds: defaultRetryAfterSeconds });
  });

  it.each([500, 502, 503])(
    "maps %i to MODEL_PROVIDER_ERROR with the provider's explanation",
    async (status) => {
      server.respondJson(status, {
        error: { message: "The server had an error while processing your request." },
      });

      const error = await failure(provider().complete(request(), { signal }));

      expect(error.code).toBe("MODEL_PROVIDER_ERROR");
      expect(error).toMatchObject({ status });
      expect(error.message).toBe(
        `openai-compatible failed for model "byok" (HTTP ${status}: The server had an error while processing your request.); retry later, and if it persists check the provider's status`,
      );
    },
  );

  it.each([400, 404, 413, 422])(
    "maps %i to MODEL_REQUEST_REJECTED with the provider's explanation",
    async (status) => {
      server.respondJson(status, {
        error: {
          message: "This model's maximum context length is 128000 tokens.",
          code: "context_length_exceeded",
        },
      });

      const error = await failure(provider().complete(request(), { signal }));

      expect(error.code).toBe("MODEL_REQUEST_REJECTED");
      expect(error.message).toContain(
        `(HTTP ${status}: This model's maximum context length is 128000 tokens.); change the request`,
      );
    },
  );

  it("explains an error whose body is not JSON with the start of the body", async () => {
    server.handler = (_request, response) => {
      response.writeHead(400, { "content-type": "text/plain" });
      response.end(`bad   request\nfor ${"x".repeat(1000)}`);
    };

    const error = await failure(provider().complete(request(), { signal }));

    expect(error.message).toContain("(HTTP 400: bad request for xxx");
    expect(error.message.length).toBeLessThan(600);
  });

  it("never repeats the key when the provider echoes it in an error", async () => {
    server.respondJson(400, { error: { message: `Invalid key ${apiKey} for this model` } });

    const error = await failure(provider().complete(request(), { signal }));

    expect(error.message).toContain("(HTTP 400: Invalid key [redacted] for this model)");
  });

  it.each([401, 403])("maps %i to MODEL_MISCONFIGURED without repeating the body", async (status) => {
    server.respondJson(status, { error: { message: `Incorrect API key provided: ${apiKey}` } });

    const error = await failure(provider().complete(request(), { signal }));

    expect(error.code).toBe("MODEL_MISCONFIGURED");
    expect(error.message).toBe(
      `Model "byok" (openai-compatible): the endpoint refused the tenant's API key (HTTP ${status}); ` +
        `check the key in the tenant's secret for "byok" and that it may use model "gpt-4o-mini"`,
    );
  });

  it("reports a refused key (401) so the supplier can read the secret again", async () => {
    server.respondJson(401, {});

    await failure(provider().complete(request(), { signal }));

    expect(rejectedKeys).toEqual(["byok"]);
  });

  it("maps 408 to MODEL_TIMEOUT", async () => {
    server.respondJson(408, {});

    const error = await failure(provider().complete(request(), { signal }));

    expect(error.code).toBe("MODEL_TIMEOUT");
  });

  it("does not follow a redirect, which would carry the key elsewhere", async () => {
    // Prepare: the redirect target is this server too, so a followed redirect would show as a second request
    server.handler = (received, response) => {
      if (received.path === "/elsewhere") {
        response.writeHead(200, { "content-type": "application/json" });
        response.end(JSON.stringify(completion()));
        return;
      }
      response.writeHead(307, { location: `${server.url}/elsewhere` });
      response.end();
    };

    // Act
    const error = await failure(provider().complete(request(), { signal }));

    // Assess
    expect(error.code).toBe("MODEL_MISCONFIGURED");
    expect(error.message).toContain(
      `redirects (HTTP 307 to ${server.url}/elsewhere); set baseUrl to the final URL`,
    );
    expect(server.requests).toHaveLength(1);
  });
});

describe("OpenAiCompatibleProvider: unusable answers", () => {
  it("maps a body that is not JSON to MODEL_BAD_RESPONSE", async () => {
    server.respondJson(200, '{"choices": [');

    const error = await failure(provider().complete(request(), { signal }));

    expect(error.code).toBe("MODEL_BAD_RESPONSE");
    expect(error.message).toContain(
      'openai-compatible answered for model "byok" with an unusable response (the body is not JSON)',
    );
  });

  it.each([
    ["no usage", completion({ usage: undefined }), "not a chat completion: usage: "],
    [
      "a usage without completion_tokens",
      completion({ usage: { prompt_tokens: 3, total_tokens: 3 } }),
      "not a chat completion: usage.completion_tokens: ",
    ],
    [
      "a fractional token count",
      completion({ usage: { prompt_tokens: 3.5, completion_tokens: 1, total_tokens: 4.5 } }),
      "not a chat completion: usage.prompt_tokens: ",
    ],
    ["no choices", completion({ choices: [] }), "not a chat completion: choices: "],
    [
      "a tool call without an id",
      completion({
        choices: [
          {
            index: 0,
            message: {
              role: "assistant",
              content: null,
              tool_calls: [{ type: "function", function: { name: "f", arguments: "{}" } }],
            },
            finish_reason: "tool_calls",
          },
        ],
      }),
      "not a chat completion: choices.0.message.tool_calls.0.id: ",
    ],
    [
      "more cached tokens than prompt tokens",
      completion({
        usage: {
          prompt_tokens: 3,
          completion_tokens: 1,
          total_tokens: 4,
          prompt_tokens_details: { cached_tokens: 9 },
        },
      }),
      "usage.prompt_tokens_details.cached_tokens (9) exceeds usage.prompt_tokens (3)",
    ],
  ])("maps a 2xx body with %s to MODEL_BAD_RESPONSE", async (_case, body, problem) => {
    server.respondJson(200, body);

    const error = await failure(provider().complete(request(), { signal }));

    expect(error.code).toBe("MODEL_BAD_RESPONSE");
    expect(error.message).toContain(`with an unusable response (${problem}`);
  });

  it("refuses a body larger than maxResponseBytes", async () => {
    server.respondJson(200, completion({ padding: "x".repeat(5000) }));

    const error = await failure(provider({ maxResponseBytes: 1000 }).complete(request(), { signal }));

    expect(error.code).toBe("MODEL_BAD_RESPONSE");
    expect(error.message).toContain("(the body (HTTP 200) is larger than 1000 bytes)");
  });
});

describe("OpenAiCompatibleProvider: time limits and the network", () => {
  it("gives up on a server that hangs after timeoutMs, with MODEL_TIMEOUT", async () => {
    server.handler = () => {};
    const startedAt = performance.now();

    const error = await failure(provider({ timeoutMs: 200 }).complete(request(), { signal }));

    expect(error.code).toBe("MODEL_TIMEOUT");
    expect(error.message).toMatch(/^openai-compatible did not answer within 200 ms for model "byok"/);
    expect(performance.now() - startedAt).toBeLessThan(2000);
  });

  it("stops when the caller's signal aborts, with MODEL_TIMEOUT reason aborted", async () => {
    server.handler = () => {};
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);

    const error = await failure(provider().complete(request(), { signal: controller.signal }));

    expect(error).toMatchObject({ code: "MODEL_TIMEOUT", reason: "aborted" });
  });

  it("maps a refused connection to MODEL_PROVIDER_ERROR", async () => {
    // Prepare: a port nothing listens on any more
    const closed = await LocalServer.start();
    const url = closed.url;
    await closed.close();

    const error = await failure(provider({ baseUrls: { byok: url } }).complete(request(), { signal }));

    expect(error.code).toBe("MODEL_PROVIDER_ERROR");
    expect(error.message).toContain("ECONNREFUSED");
  });
});

describe("OpenAiCompatibleProvider: configuration", () => {
  it("refuses a model key without a baseUrl before reading any key", async () => {
    let keyReads = 0;
    const counting = provider({
      getApiKey: async () => {
        keyReads++;
        return apiKey;
      },
    });

    const error = await failure(counting.complete(request({ modelKey: "other" }), { signal }));

    expect(error.code).toBe("MODEL_MISCONFIGURED");
    expect(error.message).toBe(
      'Model "other" (openai-compatible): has no baseUrl; pass baseUrls["other"] from the tenant\'s models.allowlist',
    );
    expect(keyReads).toBe(0);
  });

  it("asks getApiKey for the key of the model being called", async () => {
    const asked: string[] = [];
    server.respondJson(200, completion());

    await provider({
      getApiKey: async (modelKey) => {
        asked.push(modelKey);
        return apiKey;
      },
    }).complete(request(), { signal });

    expect(asked).toEqual(["byok"]);
  });

  it("passes a typed error of the key supplier through unchanged", async () => {
    const secretError = new SiloError(
      "SECRET_UNAVAILABLE",
      "Secret /silo/acme/providers/byok is unavailable",
    );

    const error = await failure(
      provider({ getApiKey: () => Promise.reject(secretError) }).complete(request(), { signal }),
    );

    expect(error).toBe(secretError);
    expect(server.requests).toHaveLength(0);
  });

  it("maps any other failure of the key supplier to MODEL_MISCONFIGURED", async () => {
    const error = await failure(
      provider({ getApiKey: () => Promise.reject(new Error("boom")) }).complete(request(), { signal }),
    );

    expect(error.code).toBe("MODEL_MISCONFIGURED");
    expect(error.message).toContain(
      'Model "byok" (openai-compatible): could not read the tenant\'s API key;',
    );
  });

  it.each(["", "  ", "sk-one\nsk-two"])("refuses the key %j without sending it", async (badKey) => {
    const error = await failure(provider({ getApiKey: async () => badKey }).complete(request(), { signal }));

    expect(error.code).toBe("MODEL_MISCONFIGURED");
    expect(error.message).toContain("the tenant's API key is empty or not a single line");
    expect(server.requests).toHaveLength(0);
  });
});
