import {
  ModelStreamErrorException,
  ThrottlingException,
  ValidationException,
} from "@aws-sdk/client-bedrock-runtime";
import { describe, expect, it } from "vitest";
import { problemFromError } from "../../../../../runtime/api/problemFromError.ts";
import { bedrockSdkError } from "../../../../../runtime/core/models/bedrock/bedrockSdkError.ts";

const context = { provider: "bedrock" as const, modelKey: "claude-sonnet" };
const now = Date.parse("2026-01-01T00:00:00Z");

describe("bedrockSdkError", () => {
  it("maps a ModelStreamErrorException (the model failed mid-stream) to MODEL_PROVIDER_ERROR", () => {
    const error = bedrockSdkError(
      new ModelStreamErrorException({ message: "stream broke", $metadata: { httpStatusCode: 424 } }),
      context,
      now,
    );

    expect(error.code).toBe("MODEL_PROVIDER_ERROR");
    expect(error.message).toContain("(HTTP 424: ModelStreamErrorException: stream broke)");
  });

  it("reads an HTTP-date Retry-After against the clock", () => {
    const sdkError = new ThrottlingException({ message: "slow", $metadata: { httpStatusCode: 429 } });
    sdkError.$response = {
      statusCode: 429,
      headers: { "retry-after": "Thu, 01 Jan 2026 00:00:30 GMT" },
      body: undefined,
    };

    expect(bedrockSdkError(sdkError, context, now)).toMatchObject({
      code: "MODEL_THROTTLED",
      retryAfterSeconds: 30,
    });
  });

  it("maps a ValidationException without status to MODEL_REQUEST_REJECTED", () => {
    const error = bedrockSdkError(new ValidationException({ message: "bad", $metadata: {} }), context, now);

    expect(error.code).toBe("MODEL_REQUEST_REJECTED");
    expect(error.message).toContain("(ValidationException: bad)");
  });
});

describe("bedrockSdkError, as the tenant API answers it", () => {
  it("answers Bedrock's input too long as OpenAI's context_length_exceeded", () => {
    const sdkError = Object.assign(new Error("Input is too long for requested model."), {
      name: "ValidationException",
      $metadata: { httpStatusCode: 400 },
    });

    const problem = problemFromError(bedrockSdkError(sdkError, context, now), {
      requestId: "req-1",
      openAiCompatible: true,
    });

    expect(problem.body.error).toMatchObject({ code: "context_length_exceeded" });
  });

  // Every exception Converse and ConverseStream document
  // (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html#API_runtime_Converse_Errors),
  // through the API's one error table: the status, whether OpenAI's clients may retry, and for how long.
  it.each([
    ["ThrottlingException", 429, 429, "5", undefined],
    ["ServiceQuotaExceededException", 400, 429, "5", undefined],
    ["ValidationException", 400, 422, undefined, undefined],
    // A configuration only the platform team can change: the clients must not retry it.
    ["AccessDeniedException", 403, 502, undefined, "false"],
    ["ResourceNotFoundException", 404, 502, undefined, "false"],
    ["ModelNotReadyException", 429, 502, undefined, undefined],
    ["ModelTimeoutException", 408, 504, undefined, undefined],
    ["ModelErrorException", 424, 502, undefined, undefined],
    ["ServiceUnavailableException", 503, 502, undefined, undefined],
    ["InternalServerException", 500, 502, undefined, undefined],
    ["ModelStreamErrorException", 424, 502, undefined, undefined],
  ])(
    "answers %s (HTTP %i from Bedrock) with %i, Retry-After %s, x-should-retry %s",
    (name, bedrockStatus, status, retryAfter, shouldRetry) => {
      const sdkError = Object.assign(new Error("went wrong"), {
        name,
        $metadata: { httpStatusCode: bedrockStatus },
      });

      const problem = problemFromError(bedrockSdkError(sdkError, context, now), {
        requestId: "req-1",
        openAiCompatible: true,
      });

      expect(problem.status).toBe(status);
      expect(problem.headers["retry-after"]).toBe(retryAfter);
      expect(problem.headers["x-should-retry"]).toBe(shouldRetry);
      expect(problem.body.error).toMatchObject({
        type: status >= 500 ? "server_error" : "invalid_request_error",
      });
    },
  );
});
