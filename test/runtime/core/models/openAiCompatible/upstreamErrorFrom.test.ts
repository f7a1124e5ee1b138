import { describe, expect, it } from "vitest";
import { problemFromError } from "../../../../../runtime/api/problemFromError.ts";
import { upstreamErrorFrom } from "../../../../../runtime/core/models/openAiCompatible/upstreamErrorFrom.ts";

const context = {
  provider: "openai-compatible",
  modelKey: "byok",
  baseUrl: "https://llm.example.com/v1",
  providerModelId: "gpt-4o-mini",
  apiKey: "sk-secret",
  nowMs: Date.parse("2026-01-15T12:00:00Z"),
} as const;

describe("upstreamErrorFrom", () => {
  it.each([
    [429, {}, "MODEL_THROTTLED"],
    [408, {}, "MODEL_TIMEOUT"],
    [401, {}, "MODEL_MISCONFIGURED"],
    [403, {}, "MODEL_MISCONFIGURED"],
    [302, { location: "https://elsewhere.example.com" }, "MODEL_MISCONFIGURED"],
    [400, {}, "MODEL_REQUEST_REJECTED"],
    [404, {}, "MODEL_REQUEST_REJECTED"],
    [413, {}, "MODEL_REQUEST_REJECTED"],
    [422, {}, "MODEL_REQUEST_REJECTED"],
    [500, {}, "MODEL_PROVIDER_ERROR"],
    [503, {}, "MODEL_PROVIDER_ERROR"],
  ])("maps HTTP %i to %s", (status, headers, code) => {
    expect(upstreamErrorFrom({ status, headers, text: "{}" }, context).code).toBe(code);
  });

  it("lets clients retry a refused key (read again: a rotated key is picked up), not a redirect", () => {
    const answer = (status: number, headers: Record<string, string>) =>
      problemFromError(upstreamErrorFrom({ status, headers, text: "{}" }, context), {
        requestId: "req-1",
        openAiCompatible: true,
      });

    expect(answer(401, {}).headers["x-should-retry"]).toBeUndefined();
    expect(answer(302, { location: "https://elsewhere.example.com" }).headers["x-should-retry"]).toBe(
      "false",
    );
  });

  it("passes on the upstream's own OpenAI code and param of a refusal (context_length_exceeded)", () => {
    const refusal = (error: Record<string, unknown>) =>
      problemFromError(
        upstreamErrorFrom({ status: 400, headers: {}, text: JSON.stringify({ error }) }, context),
        { requestId: "req-1", openAiCompatible: true },
      ).body.error;

    expect(
      refusal({ message: "too long", code: "context_length_exceeded", param: "messages", type: "x" }),
    ).toMatchObject({ code: "context_length_exceeded", param: "messages", type: "invalid_request_error" });
    expect(refusal({ message: "odd", code: "<script>", param: 7 })).toMatchObject({
      code: "model_request_rejected",
      param: null,
    });
  });

  it("takes the upstream's error.message, without the key", () => {
    const error = upstreamErrorFrom(
      { status: 400, headers: {}, text: JSON.stringify({ error: { message: "bad key sk-secret" } }) },
      context,
    );

    expect(error.message).toContain("(HTTP 400: bad key [redacted]);");
  });

  it("reads Retry-After", () => {
    expect(
      upstreamErrorFrom({ status: 429, headers: { "retry-after": "7" }, text: "" }, context),
    ).toMatchObject({
      retryAfterSeconds: 7,
    });
  });
});
