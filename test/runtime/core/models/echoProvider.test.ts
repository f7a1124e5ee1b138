import { describe, expect, it } from "vitest";
import { EchoProvider, echoThrottleRetryAfterSeconds } from "../../../../runtime/core/models/echoProvider.ts";
import type { ModelError } from "../../../../runtime/core/models/modelErrors.ts";
import type { ModelMessage, ModelRequest } from "../../../../runtime/core/models/modelTypes.ts";

const signal = new AbortController().signal;

function request(messages: ModelMessage[], overrides: Partial<ModelRequest> = {}): ModelRequest {
  return {
    modelKey: "echo",
    providerModelId: "echo-1",
    messages,
    maxTokens: 100,
    requestId: "req-1",
    ...overrides,
  };
}

const user = (content: string): ModelMessage => ({ role: "user", content });

async function failure(promise: Promise<unknown>): Promise<ModelError> {
  try {
    await promise;
  } catch (error) {
    return error as ModelError;
  }
  throw new Error("the call succeeded");
}

describe("EchoProvider", () => {
  const echo = new EchoProvider();

  it("replies 'echo: ' and the last user message, counting tokens of every message", async () => {
    // Prepare
    const messages: ModelMessage[] = [
      { role: "system", content: "Be brief." }, // 9 bytes: 3 tokens
      user("first"), // 5 bytes: 2 tokens
      { role: "assistant", content: "echo: first" }, // 11 bytes: 3 tokens
      user("hello there"), // 11 bytes: 3 tokens
    ];

    // Act
    const response = await echo.complete(request(messages), { signal });

    // Assess
    expect(response).toEqual({
      content: "echo: hello there",
      toolCalls: [],
      finishReason: "stop",
      usage: { inputTokens: 11, outputTokens: 5, cacheReadTokens: 0, cacheWriteTokens: 0 },
      provider: "echo",
      providerModelId: "echo-1",
      latencyMs: expect.any(Number),
    });
    expect(Number.isInteger(response.latencyMs)).toBe(true);
  });

  it("answers the same request the same way every time", async () => {
    const first = await echo.complete(request([user("same")]), { signal });
    const second = await echo.complete(request([user("same")]), { signal });

    expect({ ...second, latencyMs: 0 }).toEqual({ ...first, latencyMs: 0 });
  });

  it("replies 'echo: ' alone when there is no user message", async () => {
    const response = await echo.complete(request([{ role: "system", content: "hi" }]), { signal });

    expect(response.content).toBe("echo: ");
    expect(response.usage).toMatchObject({ inputTokens: 1, outputTokens: 2 });
  });

  it("cuts the reply to maxTokens on a character boundary, with finish reason length", async () => {
    // Prepare: the reply "echo: ééééé" is 16 bytes; 3 tokens allow 12, which would split the 4th é
    const response = await echo.complete(request([user("ééééé")], { maxTokens: 3 }), { signal });

    expect(response.content).toBe("echo: ééé");
    expect(response.finishReason).toBe("length");
    expect(response.usage.outputTokens).toBe(3);
  });

  it("keeps a reply that fits maxTokens exactly, with finish reason stop", async () => {
    const response = await echo.complete(request([user("ab")], { maxTokens: 2 }), { signal });

    expect(response.content).toBe("echo: ab");
    expect(response.finishReason).toBe("stop");
  });

  it("stops before the first stop sequence found in the reply", async () => {
    const response = await echo.complete(request([user("one. two! three")], { stop: ["!", "."] }), {
      signal,
    });

    expect(response.content).toBe("echo: one");
    expect(response.finishReason).toBe("stop");
  });

  it.each([
    ["[[silo:throttle]]", "MODEL_THROTTLED", /^echo throttled model "echo"/],
    ["[[silo:timeout]]", "MODEL_TIMEOUT", /^echo timed out for model "echo"/],
    ["[[silo:error]]", "MODEL_PROVIDER_ERROR", /^echo failed for model "echo" \(injected by/],
    ["[[silo:reject]]", "MODEL_REQUEST_REJECTED", /^echo rejected the request for model "echo"/],
    ["[[silo:bad-response]]", "MODEL_BAD_RESPONSE", /^echo answered for model "echo" with an unusable/],
  ])("throws for the directive %s with code %s", async (directive, code, message) => {
    const error = await failure(echo.complete(request([user(directive)]), { signal }));

    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });

  it(`throttles with a retry after ${echoThrottleRetryAfterSeconds} s`, async () => {
    const error = await failure(echo.complete(request([user("[[silo:throttle]]")]), { signal }));

    expect(error).toMatchObject({ retryAfterSeconds: echoThrottleRetryAfterSeconds });
  });

  it("treats a directive as text when it is not the whole last user message", async () => {
    const earlier = await echo.complete(request([user("[[silo:error]]"), user("fine")]), { signal });
    const padded = await echo.complete(request([user(" [[silo:error]]")]), { signal });
    const fromSystem = await echo.complete(
      request([{ role: "system", content: "[[silo:error]]" }, user("ok")]),
      { signal },
    );

    expect([earlier.content, padded.content, fromSystem.content]).toEqual([
      "echo: fine",
      "echo:  [[silo:error]]",
      "echo: ok",
    ]);
  });

  it("waits for [[silo:sleep:<ms>]], then replies", async () => {
    const startedAt = performance.now();

    const response = await echo.complete(request([user("[[silo:sleep:120]]")]), { signal });

    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(110);
    expect(response.content).toBe("echo: [[silo:sleep:120]]");
    expect(response.latencyMs).toBeGreaterThanOrEqual(110);
  });

  it("stops sleeping when the signal aborts, with MODEL_TIMEOUT", async () => {
    // Prepare
    const controller = new AbortController();
    const startedAt = performance.now();
    setTimeout(() => controller.abort(), 50);

    // Act
    const error = await failure(
      echo.complete(request([user("[[silo:sleep:10000]]")]), { signal: controller.signal }),
    );

    // Assess
    expect(error.code).toBe("MODEL_TIMEOUT");
    expect(error.message).toMatch(/^echo was aborted by the caller/);
    expect(performance.now() - startedAt).toBeLessThan(2000);
  });

  it("refuses to start when the signal has already aborted", async () => {
    const error = await failure(echo.complete(request([user("hi")]), { signal: AbortSignal.abort() }));

    expect(error.code).toBe("MODEL_TIMEOUT");
  });
});
