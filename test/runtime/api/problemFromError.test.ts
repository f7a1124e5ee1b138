import { describe, expect, it } from "vitest";
import { problemFromError } from "../../../runtime/api/problemFromError.ts";
import {
  ProviderBadResponseError,
  ProviderUnavailableError,
} from "../../../runtime/core/models/modelErrors.ts";

const usage = { inputTokens: 230, outputTokens: 57, cacheReadTokens: 0, cacheWriteTokens: 0 };
const context = { provider: "bedrock" as const, modelKey: "claude-sonnet" };

describe("problemFromError, for a failed model call", () => {
  it("says nothing was charged for a call the ledger released", () => {
    const { body } = problemFromError(new ProviderUnavailableError({ ...context, detail: "503" }), {
      requestId: "req-1",
      openAiCompatible: true,
    });

    expect(body.detail).toBe("the model provider failed; nothing was charged. Retry shortly");
    expect(body.error?.message).toBe(body.detail);
  });

  it("says the answer is charged when the provider billed an unusable one (its usage is on the error)", () => {
    const error = new ProviderBadResponseError({ ...context, problem: "malformed", billedUsage: usage });

    const { status, body } = problemFromError(error, { requestId: "req-1" });

    expect(status).toBe(502);
    expect(body.detail).toContain("the provider bills what it produced, so that is charged");
  });

  it("takes the stream's ledger outcome when it is given: a stream cut after part of its answer is charged", () => {
    const error = new ProviderUnavailableError({ ...context, detail: "connection reset" });

    const charged = problemFromError(error, { requestId: "req-1", charged: true }).body.detail;
    const released = problemFromError(error, { requestId: "req-1", charged: false }).body.detail;

    expect(charged).toContain("after producing part of the answer, which is charged");
    expect(released).toContain("nothing was charged");
  });
});
