import {
  BedrockRuntimeClient,
  InvokeModelCommand,
  type InvokeModelCommandOutput,
  ThrottlingException,
} from "@aws-sdk/client-bedrock-runtime";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { BedrockProvider } from "../../../../runtime/core/models/bedrockProvider.ts";
import { countTokens } from "../../../../runtime/core/models/countTokens.ts";
import type { EmbeddingRequest } from "../../../../runtime/core/models/modelTypes.ts";
import { modelFailure } from "./support/modelFailure.ts";

const titanArn = "arn:aws:bedrock:eu-west-1:123456789012:application-inference-profile/titan1";
const cohereArn = "arn:aws:bedrock:eu-west-1:123456789012:application-inference-profile/cohere1";
const cohereV4Arn = "arn:aws:bedrock:eu-west-1:123456789012:application-inference-profile/coherev4";
const bedrockMock = mockClient(BedrockRuntimeClient);
const client = new BedrockRuntimeClient({ region: "eu-west-1" });
const signal = new AbortController().signal;

function provider(embeddingConcurrency?: number): BedrockProvider {
  return new BedrockProvider({
    client,
    inferenceProfileArns: { titan: titanArn, cohere: cohereArn, "cohere-v4": cohereV4Arn },
    ...(embeddingConcurrency === undefined ? {} : { embeddingConcurrency }),
  });
}

function titanRequest(overrides: Partial<EmbeddingRequest> = {}): EmbeddingRequest {
  return {
    modelKey: "titan",
    providerModelId: "amazon.titan-embed-text-v2:0",
    inputs: ["alpha", "beta", "gamma"],
    requestId: "req-1",
    ...overrides,
  };
}

function cohereRequest(overrides: Partial<EmbeddingRequest> = {}): EmbeddingRequest {
  return { ...titanRequest(), modelKey: "cohere", providerModelId: "cohere.embed-english-v3", ...overrides };
}

/** An InvokeModel output as the SDK returns it: the JSON body as bytes. */
function invokeOutput(body: unknown): InvokeModelCommandOutput {
  return {
    body: new TextEncoder().encode(JSON.stringify(body)) as InvokeModelCommandOutput["body"],
    contentType: "application/json",
    $metadata: { httpStatusCode: 200 },
  };
}

function bodyOf(call: number): Record<string, unknown> {
  const input = bedrockMock.commandCalls(InvokeModelCommand)[call]?.args[0].input;
  return JSON.parse(String(input?.body)) as Record<string, unknown>;
}

beforeEach(() => {
  bedrockMock.reset();
});

describe("BedrockProvider.embed: Titan Text Embeddings v2", () => {
  it("makes one call per input on the profile, keeps the order and sums inputTextTokenCount", async () => {
    // Prepare: answer each call with a vector derived from its text, after a delay that reverses the order
    bedrockMock.on(InvokeModelCommand).callsFake(async (input: { body: string }) => {
      const { inputText } = JSON.parse(input.body) as { inputText: string };
      await new Promise((resolve) => setTimeout(resolve, 30 - inputText.length * 5));
      return invokeOutput({ embedding: [inputText.length, 0.5], inputTextTokenCount: inputText.length });
    });

    // Act
    const response = await provider().embed(titanRequest({ dimensions: 256 }), { signal });

    // Assess
    expect(response).toStrictEqual({
      vectors: [
        [5, 0.5],
        [4, 0.5],
        [5, 0.5],
      ],
      usage: { inputTokens: 14 },
      provider: "bedrock",
      providerModelId: "amazon.titan-embed-text-v2:0",
      latencyMs: expect.any(Number),
    });
    const calls = bedrockMock.commandCalls(InvokeModelCommand);
    expect(calls).toHaveLength(3);
    expect(calls[0]?.args[0].input).toMatchObject({
      modelId: titanArn,
      contentType: "application/json",
      accept: "application/json",
    });
    expect([bodyOf(0), bodyOf(1), bodyOf(2)]).toStrictEqual([
      { inputText: "alpha", dimensions: 256, normalize: true },
      { inputText: "beta", dimensions: 256, normalize: true },
      { inputText: "gamma", dimensions: 256, normalize: true },
    ]);
  });

  it("keeps at most embeddingConcurrency calls in flight", async () => {
    let inFlight = 0;
    let most = 0;
    bedrockMock.on(InvokeModelCommand).callsFake(async () => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
      return invokeOutput({ embedding: [1], inputTextTokenCount: 1 });
    });

    await provider(2).embed(titanRequest({ inputs: Array.from({ length: 7 }, (_, i) => `text ${i}`) }), {
      signal,
    });

    expect(most).toBe(2);
    expect(bedrockMock.commandCalls(InvokeModelCommand)).toHaveLength(7);
  });

  it("refuses dimensions Titan cannot return, before any call", async () => {
    const error = await modelFailure(provider().embed(titanRequest({ dimensions: 300 }), { signal }));

    expect(error).toMatchObject({ code: "MODEL_UNSUPPORTED_PARAMETER", param: "dimensions" });
    expect(error.message).toBe(
      'dimensions: 300 is not a vector length amazon.titan-embed-text-v2:0 returns for model "titan" (bedrock); send one of 256, 512, 1024, or leave it out for 1024',
    );
    expect(bedrockMock.commandCalls(InvokeModelCommand)).toHaveLength(0);
  });

  it("maps the first failure and aborts the other calls", async () => {
    const signals: AbortSignal[] = [];
    bedrockMock.send.callsFake((_command: unknown, options?: { abortSignal?: AbortSignal }) => {
      if (options?.abortSignal) signals.push(options.abortSignal);
      return signals.length === 1
        ? Promise.reject(
            new ThrottlingException({ message: "Too many requests", $metadata: { httpStatusCode: 429 } }),
          )
        : new Promise(() => {});
    });

    const error = await modelFailure(provider().embed(titanRequest(), { signal }));

    expect(error.code).toBe("MODEL_THROTTLED");
    expect(signals.every((abortSignal) => abortSignal.aborted)).toBe(true);
  });
});

describe("BedrockProvider.embed: Cohere Embed v3", () => {
  it("sends up to 96 texts per call as search documents with float embeddings", async () => {
    const inputs = Array.from({ length: 100 }, (_, i) => `document ${i}`);
    bedrockMock.on(InvokeModelCommand).callsFake(async (input: { body: string }) => {
      const { texts } = JSON.parse(input.body) as { texts: string[] };
      return invokeOutput({
        id: "emb-1",
        embeddings: { float: texts.map((text) => [Number(text.split(" ")[1])]) },
        texts,
        response_type: "embeddings_by_type",
      });
    });

    const response = await provider().embed(cohereRequest({ inputs }), { signal });

    expect(bedrockMock.commandCalls(InvokeModelCommand)).toHaveLength(2);
    expect(bodyOf(0)).toStrictEqual({
      texts: inputs.slice(0, 96),
      input_type: "search_document",
      embedding_types: ["float"],
    });
    expect(bodyOf(1)).toMatchObject({ texts: inputs.slice(96) });
    expect(response.vectors.map((vector) => vector[0])).toEqual(inputs.map((_, i) => i));
    // A client mocked above HTTP has no x-amzn-bedrock-input-token-count header: the fallback count.
    expect(response.usage.inputTokens).toBe(inputs.reduce((sum, text) => sum + countTokens(text), 0));
  });

  it("refuses dimensions, which Cohere v3 cannot change", async () => {
    const error = await modelFailure(provider().embed(cohereRequest({ dimensions: 512 }), { signal }));

    expect(error).toMatchObject({ code: "MODEL_UNSUPPORTED_PARAMETER", param: "dimensions" });
  });

  it("refuses a body with fewer vectors than inputs as a bad response", async () => {
    bedrockMock.on(InvokeModelCommand).resolves(invokeOutput({ embeddings: { float: [[1]] } }));

    const error = await modelFailure(provider().embed(cohereRequest(), { signal }));

    expect(error.code).toBe("MODEL_BAD_RESPONSE");
    expect(error.message).toContain("(1 vectors for 3 inputs)");
  });
});

describe("BedrockProvider.embed: Cohere Embed v4", () => {
  const v4Request = (overrides: Partial<EmbeddingRequest> = {}) =>
    cohereRequest({ modelKey: "cohere-v4", providerModelId: "cohere.embed-v4:0", ...overrides });

  it("sends output_dimension on the v4 profile and reads the vectors by type", async () => {
    const texts = ["the grass is green", "the sky is blue"];
    const vectors = [
      [0.0213, -0.0158, 0.0344, 0.0087],
      [-0.0271, 0.0102, -0.0066, 0.039],
    ];
    bedrockMock.on(InvokeModelCommand).resolves(
      invokeOutput({
        id: "0e8f7d6c-5b4a-4392-8170-6f5e4d3c2b1a",
        embeddings: { float: vectors },
        texts,
        response_type: "embeddings_by_type",
      }),
    );

    const response = await provider().embed(v4Request({ inputs: texts, dimensions: 256 }), { signal });

    expect(bedrockMock.commandCalls(InvokeModelCommand)[0]?.args[0].input.modelId).toBe(cohereV4Arn);
    expect(bodyOf(0)).toStrictEqual({
      texts,
      input_type: "search_document",
      embedding_types: ["float"],
      output_dimension: 256,
    });
    expect(response.vectors).toStrictEqual(vectors);
  });

  it("refuses dimensions v4 cannot return, naming the ones it can", async () => {
    const error = await modelFailure(provider().embed(v4Request({ dimensions: 3072 }), { signal }));

    expect(error).toMatchObject({ code: "MODEL_UNSUPPORTED_PARAMETER", param: "dimensions" });
    expect(error.message).toContain("send one of 256, 512, 1024, 1536, or leave it out for 1536");
    expect(bedrockMock.commandCalls(InvokeModelCommand)).toHaveLength(0);
  });
});

describe("BedrockProvider.embed: models", () => {
  it("refuses a chat model", async () => {
    const error = await modelFailure(
      provider().embed(titanRequest({ providerModelId: "anthropic.claude-sonnet-4-20250514-v1:0" }), {
        signal,
      }),
    );

    expect(error).toMatchObject({ code: "MODEL_UNSUPPORTED_PARAMETER", param: "model" });
  });

  it("refuses a key without an inference profile", async () => {
    const error = await modelFailure(provider().embed(titanRequest({ modelKey: "other" }), { signal }));

    expect(error.code).toBe("MODEL_MISCONFIGURED");
  });
});
