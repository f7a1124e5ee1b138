import {
  ModelStreamErrorException,
  ThrottlingException,
  ValidationException,
} from "@aws-sdk/client-bedrock-runtime";
import { describe, expect, it } from "vitest";
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
