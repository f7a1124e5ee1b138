import { BedrockRuntimeClient } from "@aws-sdk/client-bedrock-runtime";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BedrockProvider } from "../../../../runtime/core/models/bedrockProvider.ts";
import type { ModelError } from "../../../../runtime/core/models/modelErrors.ts";
import type { ModelRequest } from "../../../../runtime/core/models/modelTypes.ts";
import { LocalServer } from "./support/localServer.ts";

// The same provider as bedrockProvider.test.ts, but through the real AWS SDK client and HTTP stack against
// a local server speaking Bedrock's wire format, to check what a mocked client cannot: the profile ARN in
// the path, error headers reaching the mapping, and aborts really cancelling the request.

const profileArn = "arn:aws:bedrock:eu-west-1:123456789012:application-inference-profile/a1b2c3d4e5f6";
const signal = new AbortController().signal;
let server: LocalServer;
let client: BedrockRuntimeClient;
let provider: BedrockProvider;

// Generous for the answering server: the first call through the SDK (module loading, the HTTP/2 session,
// signing) can take longer than a short timeout on a loaded machine. Only the timeout test uses a short one.
const answerTimeoutMs = 5_000;
const hangTimeoutMs = 300;

beforeEach(async () => {
  server = await LocalServer.start({ http2: true });
  client = new BedrockRuntimeClient({
    region: "eu-west-1",
    endpoint: server.url,
    credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "not-a-secret" },
    maxAttempts: 1,
  });
  provider = new BedrockProvider({
    client,
    inferenceProfileArns: { "claude-sonnet": profileArn },
    timeoutMs: answerTimeoutMs,
  });
});

afterEach(async () => {
  await server.close();
});

const request: ModelRequest = {
  modelKey: "claude-sonnet",
  providerModelId: "anthropic.claude-sonnet-4-20250514-v1:0",
  messages: [{ role: "user", content: "Hello" }],
  maxTokens: 64,
  requestId: "req-1",
};

async function failure(promise: Promise<unknown>): Promise<ModelError> {
  try {
    await promise;
  } catch (error) {
    return error as ModelError;
  }
  throw new Error("the call succeeded");
}

describe("BedrockProvider over the wire", () => {
  it("posts to the Converse path of the profile ARN and reads the answer", async () => {
    server.respondJson(200, {
      output: { message: { role: "assistant", content: [{ text: "Hi." }] } },
      stopReason: "end_turn",
      usage: { inputTokens: 5, outputTokens: 2, totalTokens: 7 },
      metrics: { latencyMs: 10 },
    });

    const response = await provider.complete(request, { signal });

    expect(response.content).toBe("Hi.");
    expect(response.usage).toEqual({
      inputTokens: 5,
      outputTokens: 2,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
    });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.method).toBe("POST");
    expect(decodeURIComponent(server.requests[0]?.path ?? "")).toBe(`/model/${profileArn}/converse`);
    expect(JSON.parse(server.requests[0]?.body ?? "")).toEqual({
      messages: [{ role: "user", content: [{ text: "Hello" }] }],
      inferenceConfig: { maxTokens: 64 },
    });
  });

  it("reads Retry-After from a real throttling response", async () => {
    server.respondJson(
      429,
      { message: "Too many requests" },
      {
        "x-amzn-errortype": "ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/",
        "retry-after": "9",
      },
    );

    const error = await failure(provider.complete(request, { signal }));

    expect(error).toMatchObject({ code: "MODEL_THROTTLED", retryAfterSeconds: 9 });
  });

  it("maps a real ValidationException with Bedrock's message", async () => {
    server.respondJson(
      400,
      { message: "Input is too long for requested model." },
      {
        "x-amzn-errortype": "ValidationException",
      },
    );

    const error = await failure(provider.complete(request, { signal }));

    expect(error.code).toBe("MODEL_REQUEST_REJECTED");
    expect(error.message).toContain(
      "(HTTP 400: ValidationException: Input is too long for requested model.)",
    );
  });

  it("cancels a hanging request after timeoutMs", async () => {
    server.handler = () => {};
    const impatient = new BedrockProvider({
      client,
      inferenceProfileArns: { "claude-sonnet": profileArn },
      timeoutMs: hangTimeoutMs,
    });
    const startedAt = performance.now();

    const error = await failure(impatient.complete(request, { signal }));

    expect(error).toMatchObject({ code: "MODEL_TIMEOUT", reason: "timeout" });
    expect(performance.now() - startedAt).toBeLessThan(2000);
  });
});
