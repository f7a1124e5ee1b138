import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ModelError } from "../../../../runtime/core/models/modelErrors.ts";
import type { EmbeddingRequest } from "../../../../runtime/core/models/modelTypes.ts";
import { OpenAiCompatibleProvider } from "../../../../runtime/core/models/openAiCompatibleProvider.ts";
import {
  type OpenAiUpstream,
  startOpenAiUpstream,
  upstreamEmbedding,
  upstreamTokens,
} from "../../../support/openAiUpstream/index.ts";

const apiKey = "sk-upstream-0123456789";
const signal = new AbortController().signal;
let upstream: OpenAiUpstream;

beforeEach(async () => {
  upstream = await startOpenAiUpstream({ apiKey });
});

afterEach(async () => {
  await upstream.close();
});

function provider(): OpenAiCompatibleProvider {
  return new OpenAiCompatibleProvider({
    baseUrls: { embed: `${upstream.url}/` },
    getApiKey: async () => apiKey,
  });
}

function request(overrides: Partial<EmbeddingRequest> = {}): EmbeddingRequest {
  return {
    modelKey: "embed",
    providerModelId: "text-embedding-3-small",
    inputs: ["first text", "second, longer text"],
    requestId: "req-1",
    ...overrides,
  };
}

async function failure(promise: Promise<unknown>): Promise<ModelError> {
  try {
    await promise;
  } catch (error) {
    return error as ModelError;
  }
  throw new Error("the call succeeded");
}

describe("OpenAiCompatibleProvider.embed", () => {
  it("posts the inputs to {baseUrl}/embeddings asking for float vectors", async () => {
    await provider().embed(request({ dimensions: 4, user: "end-user-1" }), { signal });

    expect(upstream.requests[0]?.path).toBe("/v1/embeddings");
    expect(upstream.requests[0]?.headers.authorization).toBe(`Bearer ${apiKey}`);
    expect(upstream.requests[0]?.body).toStrictEqual({
      model: "text-embedding-3-small",
      input: ["first text", "second, longer text"],
      encoding_format: "float",
      dimensions: 4,
      user: "end-user-1",
    });
  });

  it("returns one vector per input, in order, and the input tokens", async () => {
    const response = await provider().embed(request({ dimensions: 4 }), { signal });

    expect(response).toEqual({
      vectors: [upstreamEmbedding("first text", 4), upstreamEmbedding("second, longer text", 4)],
      usage: { inputTokens: upstreamTokens("first text") + upstreamTokens("second, longer text") },
      provider: "openai-compatible",
      providerModelId: "text-embedding-3-small",
      latencyMs: expect.any(Number),
    });
  });

  it.each([
    [400, "MODEL_REQUEST_REJECTED"],
    [429, "MODEL_THROTTLED"],
    [503, "MODEL_PROVIDER_ERROR"],
  ])("maps HTTP %i to %s", async (status, code) => {
    upstream.failNext({ type: "status", status, message: "input too long" });

    const error = await failure(provider().embed(request(), { signal }));

    expect(error.code).toBe(code);
  });

  it("refuses a model key without a baseUrl", async () => {
    const error = await failure(provider().embed(request({ modelKey: "other" }), { signal }));

    expect(error.code).toBe("MODEL_MISCONFIGURED");
    expect(upstream.requests).toHaveLength(0);
  });

  it("gives up after timeoutMs", async () => {
    upstream.failNext({ type: "hang" });
    const slow = new OpenAiCompatibleProvider({
      baseUrls: { embed: upstream.url },
      getApiKey: async () => apiKey,
      timeoutMs: 150,
    });

    const error = await failure(slow.embed(request(), { signal }));

    expect(error).toMatchObject({ code: "MODEL_TIMEOUT", reason: "timeout" });
  });

  it("reads an embeddings answer larger than maxResponseBytes, as large as its inputs' vectors may be", async () => {
    const small = new OpenAiCompatibleProvider({
      baseUrls: { embed: upstream.url },
      getApiKey: async () => apiKey,
      maxResponseBytes: 1000,
    });

    const answer = await small.embed(request({ dimensions: 1536 }), { signal });

    expect(answer.vectors.map((vector) => vector.length)).toEqual([1536, 1536]);
  });
});
