import {
  AccessDeniedException,
  BedrockRuntimeClient,
  ConverseCommand,
  type ConverseCommandOutput,
  InternalServerException,
  ModelErrorException,
  ModelNotReadyException,
  ModelTimeoutException,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  ServiceUnavailableException,
  ThrottlingException,
  ValidationException,
} from "@aws-sdk/client-bedrock-runtime";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { BedrockProvider } from "../../../../runtime/core/models/bedrockProvider.ts";
import { ModelConfigurationError } from "../../../../runtime/core/models/modelErrors.ts";
import { defaultRetryAfterSeconds } from "../../../../runtime/core/models/retryAfterSeconds.ts";
import { profileArn, bedrockRequest as request } from "./support/bedrockRequest.ts";
import { modelFailure } from "./support/modelFailure.ts";

const bedrockMock = mockClient(BedrockRuntimeClient);
const client = new BedrockRuntimeClient({ region: "eu-west-1" });
const signal = new AbortController().signal;

function provider(overrides: { timeoutMs?: number } = {}): BedrockProvider {
  return new BedrockProvider({ client, inferenceProfileArns: { "claude-sonnet": profileArn }, ...overrides });
}

function converseOutput(overrides: Partial<ConverseCommandOutput> = {}): ConverseCommandOutput {
  return {
    output: { message: { role: "assistant", content: [{ text: "Hi there." }] } },
    stopReason: "end_turn",
    usage: { inputTokens: 12, outputTokens: 4, totalTokens: 16 },
    metrics: { latencyMs: 321 },
    $metadata: { httpStatusCode: 200 },
    ...overrides,
  };
}

beforeEach(() => {
  bedrockMock.reset();
});

describe("BedrockProvider: the Converse request", () => {
  it("calls Converse with the tenant's inference profile ARN, system blocks, merged turns and inference config", async () => {
    // Prepare
    bedrockMock.on(ConverseCommand).resolves(converseOutput());

    // Act
    await provider().complete(
      request({
        messages: [
          { role: "system", content: "You are terse." },
          { role: "user", content: "Part one." },
          { role: "user", content: "Part two." },
          { role: "assistant", content: "Noted." },
          { role: "system", content: "Answer in English." },
          { role: "user", content: "Summarise." },
        ],
        temperature: 0.2,
        topP: 0.9,
        stop: ["END"],
      }),
      { signal },
    );

    // Assess
    const calls = bedrockMock.commandCalls(ConverseCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.args[0].input).toStrictEqual({
      modelId: profileArn,
      system: [{ text: "You are terse." }, { text: "Answer in English." }],
      messages: [
        { role: "user", content: [{ text: "Part one." }, { text: "Part two." }] },
        { role: "assistant", content: [{ text: "Noted." }] },
        { role: "user", content: [{ text: "Summarise." }] },
      ],
      inferenceConfig: { maxTokens: 256, temperature: 0.2, topP: 0.9, stopSequences: ["END"] },
    });
  });

  it("leaves out system and optional inference settings the request does not have", async () => {
    bedrockMock.on(ConverseCommand).resolves(converseOutput());

    await provider().complete(request(), { signal });

    expect(bedrockMock.commandCalls(ConverseCommand)[0]?.args[0].input).toStrictEqual({
      modelId: profileArn,
      messages: [{ role: "user", content: [{ text: "Hello" }] }],
      inferenceConfig: { maxTokens: 256 },
    });
  });

  it("passes an abort signal to the SDK", async () => {
    bedrockMock.on(ConverseCommand).resolves(converseOutput());

    await provider().complete(request(), { signal });

    const options = bedrockMock.send.getCall(0).args[1 as 0] as unknown as { abortSignal?: unknown };
    expect(options.abortSignal).toBeInstanceOf(AbortSignal);
  });
});

describe("BedrockProvider: the response", () => {
  it("returns the text, finish reason and usage, priced under the request's model id", async () => {
    bedrockMock.on(ConverseCommand).resolves(
      converseOutput({
        output: { message: { role: "assistant", content: [{ text: "Hi " }, { text: "there." }] } },
        usage: {
          inputTokens: 12,
          outputTokens: 4,
          totalTokens: 66,
          cacheReadInputTokens: 30,
          cacheWriteInputTokens: 20,
        },
      }),
    );

    const response = await provider().complete(request(), { signal });

    expect(response).toEqual({
      content: "Hi there.",
      toolCalls: [],
      finishReason: "stop",
      usage: { inputTokens: 12, outputTokens: 4, cacheReadTokens: 30, cacheWriteTokens: 20 },
      provider: "bedrock",
      providerModelId: "anthropic.claude-sonnet-4-20250514-v1:0",
      latencyMs: expect.any(Number),
    });
  });

  it.each([
    ["end_turn", "stop"],
    ["stop_sequence", "stop"],
    ["max_tokens", "length"],
    ["model_context_window_exceeded", "length"],
    ["guardrail_intervened", "content_filter"],
    ["content_filtered", "content_filter"],
  ] as const)("maps stopReason %s to finish reason %s", async (stopReason, finishReason) => {
    bedrockMock.on(ConverseCommand).resolves(converseOutput({ stopReason }));

    const response = await provider().complete(request(), { signal });

    expect(response.finishReason).toBe(finishReason);
  });

  it.each([
    ["no output", { output: undefined }, "no output.message.content in the Converse response"],
    ["no usage", { usage: undefined }, "usage.inputTokens is undefined"],
    [
      "a fractional token count",
      { usage: { inputTokens: 1.5, outputTokens: 1, totalTokens: 2 } },
      "usage.inputTokens is 1.5",
    ],
    [
      "a negative cache count",
      { usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2, cacheReadInputTokens: -1 } },
      "usage.cacheReadInputTokens is -1",
    ],
    [
      "a tool_use stop without a toolUse block",
      { stopReason: "tool_use" as const },
      'stopReason "tool_use" without a toolUse block',
    ],
    [
      "malformed output",
      { stopReason: "malformed_model_output" as const },
      `stopReason "malformed_model_output": the model's output could not be parsed`,
    ],
  ])("refuses a response with %s as MODEL_BAD_RESPONSE", async (_case, overrides, problem) => {
    bedrockMock.on(ConverseCommand).resolves(converseOutput(overrides));

    const error = await modelFailure(provider().complete(request(), { signal }));

    expect(error.code).toBe("MODEL_BAD_RESPONSE");
    expect(error.message).toContain(
      `bedrock answered for model "claude-sonnet" with an unusable response (${problem})`,
    );
  });
});

describe("BedrockProvider: configuration", () => {
  it("refuses a model key without an inference profile ARN, never calling the raw model id", async () => {
    bedrockMock.on(ConverseCommand).resolves(converseOutput());

    const error = await modelFailure(provider().complete(request({ modelKey: "nova-lite" }), { signal }));

    expect(error.code).toBe("MODEL_MISCONFIGURED");
    expect(error.message).toBe(
      'Model "nova-lite" (bedrock): has no application inference profile ARN; pass inferenceProfileArns["nova-lite"] ' +
        "(the deploy sets it from the tenant stack's profile for this model); Bedrock is never called with the raw model id",
    );
    expect(bedrockMock.commandCalls(ConverseCommand)).toHaveLength(0);
  });

  it("does not read inherited properties as ARNs", async () => {
    const error = await modelFailure(provider().complete(request({ modelKey: "constructor" }), { signal }));

    expect(error.code).toBe("MODEL_MISCONFIGURED");
  });

  it.each([
    "anthropic.claude-sonnet-4-20250514-v1:0",
    "arn:aws:bedrock:eu-west-1::foundation-model/anthropic.claude-sonnet-4-20250514-v1:0",
    "arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu.anthropic.claude-sonnet-4-20250514-v1:0",
    "",
  ])("refuses %j as an inference profile ARN at construction", (arn) => {
    const construct = () =>
      new BedrockProvider({
        client,
        inferenceProfileArns: { "claude-sonnet": profileArn, "nova-lite": arn },
      });

    expect(construct).toThrow(ModelConfigurationError);
    expect(construct).toThrow(
      `Provider bedrock: not an application inference profile ARN: nova-lite=${JSON.stringify(arn)}; pass arn:aws:bedrock:<region>:<account>:application-inference-profile/<id> per model key`,
    );
  });

  it("accepts ARNs of other partitions", () => {
    const govArn = "arn:aws-us-gov:bedrock:us-gov-west-1:123456789012:application-inference-profile/abc123";

    expect(() => new BedrockProvider({ client, inferenceProfileArns: { gov: govArn } })).not.toThrow();
  });
});

describe("BedrockProvider: SDK errors", () => {
  const metadata = (httpStatusCode: number) => ({ $metadata: { httpStatusCode } });

  it.each([
    ["ThrottlingException", new ThrottlingException({ message: "Too many requests", ...metadata(429) })],
    [
      "ServiceQuotaExceededException",
      new ServiceQuotaExceededException({ message: "Quota exceeded", ...metadata(400) }),
    ],
  ])("maps %s to MODEL_THROTTLED with the default retry delay", async (_name, sdkError) => {
    bedrockMock.on(ConverseCommand).rejects(sdkError);

    const error = await modelFailure(provider().complete(request(), { signal }));

    expect(error.code).toBe("MODEL_THROTTLED");
    expect(error).toMatchObject({ retryAfterSeconds: defaultRetryAfterSeconds });
    expect(error.message).toBe(
      `bedrock throttled model "claude-sonnet"; retry after ${defaultRetryAfterSeconds} s, and if it persists ask the platform team to raise the tenant's provider quota`,
    );
    expect(error.cause).toBe(sdkError);
  });

  it("takes the retry delay from a Retry-After header on the SDK error", async () => {
    const sdkError = new ThrottlingException({ message: "Slow down", ...metadata(429) });
    sdkError.$response = { statusCode: 429, headers: { "retry-after": "17" }, body: undefined };
    bedrockMock.on(ConverseCommand).rejects(sdkError);

    const error = await modelFailure(provider().complete(request(), { signal }));

    expect(error).toMatchObject({ code: "MODEL_THROTTLED", retryAfterSeconds: 17 });
  });

  it("maps ModelTimeoutException to MODEL_TIMEOUT", async () => {
    bedrockMock
      .on(ConverseCommand)
      .rejects(new ModelTimeoutException({ message: "Model timed out", ...metadata(408) }));

    const error = await modelFailure(provider().complete(request(), { signal }));

    expect(error.code).toBe("MODEL_TIMEOUT");
    expect(error.message).toMatch(/^bedrock timed out for model "claude-sonnet"; retry/);
  });

  it("maps ValidationException to MODEL_REQUEST_REJECTED with Bedrock's explanation", async () => {
    bedrockMock
      .on(ConverseCommand)
      .rejects(
        new ValidationException({ message: "Input is too long for requested model.", ...metadata(400) }),
      );

    const error = await modelFailure(provider().complete(request(), { signal }));

    expect(error.code).toBe("MODEL_REQUEST_REJECTED");
    expect(error.message).toBe(
      'bedrock rejected the request for model "claude-sonnet" (HTTP 400: ValidationException: Input is too long for requested model.); ' +
        "change the request (e.g. shorten the conversation or lower max_tokens) before retrying",
    );
  });

  it.each([
    ["AccessDeniedException", new AccessDeniedException({ message: "not authorized", ...metadata(403) })],
    [
      "ResourceNotFoundException",
      new ResourceNotFoundException({ message: "no such profile", ...metadata(404) }),
    ],
  ])("maps %s to MODEL_MISCONFIGURED", async (name, sdkError) => {
    bedrockMock.on(ConverseCommand).rejects(sdkError);

    const error = await modelFailure(provider().complete(request(), { signal }));

    expect(error.code).toBe("MODEL_MISCONFIGURED");
    expect(error.message).toContain(
      `Model "claude-sonnet" (bedrock): Bedrock refused the inference profile (${name}: `,
    );
    expect(error.message).toContain("that the tenant's Lambda role may invoke it");
  });

  it.each([
    ["ModelNotReadyException", new ModelNotReadyException({ message: "warming up", ...metadata(429) }), 429],
    [
      "ServiceUnavailableException",
      new ServiceUnavailableException({ message: "busy", ...metadata(503) }),
      503,
    ],
    ["InternalServerException", new InternalServerException({ message: "oops", ...metadata(500) }), 500],
    ["ModelErrorException", new ModelErrorException({ message: "model failed", ...metadata(424) }), 424],
  ])("maps %s to MODEL_PROVIDER_ERROR", async (name, sdkError, status) => {
    bedrockMock.on(ConverseCommand).rejects(sdkError);

    const error = await modelFailure(provider().complete(request(), { signal }));

    expect(error.code).toBe("MODEL_PROVIDER_ERROR");
    expect(error).toMatchObject({ status });
    expect(error.message).toContain(`bedrock failed for model "claude-sonnet" (HTTP ${status}: ${name}: `);
  });

  it("maps an unknown 5xx and a network error to MODEL_PROVIDER_ERROR", async () => {
    const unknown = Object.assign(new Error("Bad gateway"), { name: "SomethingNew", ...metadata(502) });
    const network = Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
    bedrockMock.on(ConverseCommand).rejectsOnce(unknown).rejectsOnce(network);

    const first = await modelFailure(provider().complete(request(), { signal }));
    const second = await modelFailure(provider().complete(request(), { signal }));

    expect([first.code, second.code]).toEqual(["MODEL_PROVIDER_ERROR", "MODEL_PROVIDER_ERROR"]);
    expect(second.message).toContain("(Error: socket hang up)");
  });

  it("maps an unknown 429 to MODEL_THROTTLED", async () => {
    bedrockMock
      .on(ConverseCommand)
      .rejects(
        Object.assign(new Error("Rate exceeded"), { name: "TooManyRequestsException", ...metadata(429) }),
      );

    const error = await modelFailure(provider().complete(request(), { signal }));

    expect(error.code).toBe("MODEL_THROTTLED");
  });
});

describe("BedrockProvider: time limits", () => {
  /** Stands in for the SDK: never answers, and rejects as the SDK does when the abort signal fires. */
  function hangUntilAborted(): void {
    bedrockMock.send.callsFake(
      (_command: unknown, options?: { abortSignal?: AbortSignal }) =>
        new Promise((_resolve, reject) => {
          options?.abortSignal?.addEventListener("abort", () =>
            reject(Object.assign(new Error("Request aborted"), { name: "AbortError" })),
          );
        }),
    );
  }

  it("gives up after timeoutMs with MODEL_TIMEOUT naming the limit", async () => {
    hangUntilAborted();

    const error = await modelFailure(provider({ timeoutMs: 100 }).complete(request(), { signal }));

    expect(error.code).toBe("MODEL_TIMEOUT");
    expect(error.message).toMatch(/^bedrock did not answer within 100 ms for model "claude-sonnet"/);
    expect(error).toMatchObject({ reason: "timeout" });
  });

  it("stops when the caller's signal aborts, with MODEL_TIMEOUT reason aborted", async () => {
    hangUntilAborted();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);

    const error = await modelFailure(provider().complete(request(), { signal: controller.signal }));

    expect(error).toMatchObject({ code: "MODEL_TIMEOUT", reason: "aborted" });
  });
});

describe("BedrockProvider: tools, images and JSON output", () => {
  const weather = {
    name: "get_weather",
    description: "Current weather of a city",
    parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
  };

  it("sends tools and an image, and returns two parallel tool calls with finish reason tool_calls", async () => {
    // Prepare
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
    bedrockMock.on(ConverseCommand).resolves(
      converseOutput({
        output: {
          message: {
            role: "assistant",
            content: [
              { toolUse: { toolUseId: "tooluse_a", name: "get_weather", input: { city: "Paris" } } },
              { toolUse: { toolUseId: "tooluse_b", name: "get_weather", input: { city: "Oslo" } } },
            ],
          },
        },
        stopReason: "tool_use",
        usage: { inputTokens: 300, outputTokens: 80, totalTokens: 380 },
      }),
    );

    // Act
    const response = await provider().complete(
      request({
        messages: [
          {
            role: "user",
            content: [
              { type: "text", text: "Weather here and in Oslo?" },
              { type: "image", mediaType: "image/png", data: png },
            ],
          },
        ],
        tools: [weather],
        toolChoice: "required",
      }),
      { signal },
    );

    // Assess
    const input = bedrockMock.commandCalls(ConverseCommand)[0]?.args[0].input;
    expect(input?.messages).toStrictEqual([
      {
        role: "user",
        content: [
          { text: "Weather here and in Oslo?" },
          { image: { format: "png", source: { bytes: png } } },
        ],
      },
    ]);
    expect(input?.toolConfig).toStrictEqual({
      tools: [
        {
          toolSpec: {
            name: "get_weather",
            description: "Current weather of a city",
            inputSchema: { json: weather.parameters },
          },
        },
      ],
      toolChoice: { any: {} },
    });
    expect(response).toMatchObject({
      content: "",
      toolCalls: [
        { id: "tooluse_a", name: "get_weather", arguments: '{"city":"Paris"}' },
        { id: "tooluse_b", name: "get_weather", arguments: '{"city":"Oslo"}' },
      ],
      finishReason: "tool_calls",
    });
  });

  it("answers json_schema through the forced JSON tool, its input as the content", async () => {
    bedrockMock.on(ConverseCommand).resolves(
      converseOutput({
        output: {
          message: {
            role: "assistant",
            content: [
              {
                toolUse: {
                  toolUseId: "tooluse_j",
                  name: "json_response",
                  input: { city: "Paris", celsius: 18 },
                },
              },
            ],
          },
        },
        stopReason: "tool_use",
      }),
    );

    const response = await provider().complete(
      request({ responseFormat: { type: "json_schema", name: "weather", schema: weather.parameters } }),
      { signal },
    );

    expect(response).toMatchObject({
      content: '{"city":"Paris","celsius":18}',
      toolCalls: [],
      finishReason: "stop",
    });
    expect(bedrockMock.commandCalls(ConverseCommand)[0]?.args[0].input.toolConfig?.toolChoice).toStrictEqual({
      tool: { name: "json_response" },
    });
  });

  it("refuses tools to a model without tool calling, before any call", async () => {
    const error = await modelFailure(
      provider().complete(request({ providerModelId: "amazon.titan-text-express-v1", tools: [weather] }), {
        signal,
      }),
    );

    expect(error).toMatchObject({ code: "MODEL_UNSUPPORTED_PARAMETER", param: "tools" });
    expect(bedrockMock.commandCalls(ConverseCommand)).toHaveLength(0);
  });
});
