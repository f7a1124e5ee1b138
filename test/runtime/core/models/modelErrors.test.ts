import { describe, expect, it } from "vitest";
import { SiloError } from "../../../../runtime/core/errors/siloError.ts";
import {
  ModelConfigurationError,
  ModelError,
  ModelNotAllowedError,
  ModelUnsupportedParameterError,
  modelErrorCodes,
  ProviderBadResponseError,
  ProviderRejectedError,
  ProviderThrottledError,
  ProviderTimeoutError,
  ProviderUnavailableError,
} from "../../../../runtime/core/models/modelErrors.ts";

const context = { provider: "bedrock", modelKey: "claude-sonnet" } as const;

describe("model errors", () => {
  const oneOfEach: ModelError[] = [
    new ModelNotAllowedError({ tenantId: "acme", modelKey: "gpt-5", allowedKeys: ["claude-sonnet"] }),
    new ProviderThrottledError({ ...context, retryAfterSeconds: 5 }),
    new ProviderTimeoutError({ ...context, reason: "timeout", timeoutMs: 25_000 }),
    new ProviderUnavailableError({ ...context, status: 503, detail: "ServiceUnavailableException: busy" }),
    new ProviderBadResponseError({ ...context, problem: "usage.inputTokens is undefined" }),
    new ProviderRejectedError({ ...context, status: 400, detail: "Input is too long" }),
    new ModelConfigurationError({ ...context, problem: "has no ARN", fix: "pass one" }),
    new ModelUnsupportedParameterError({
      ...context,
      param: "tools",
      problem: "not supported",
      fix: "omit it",
    }),
  ];

  it("lists every code exactly once, one per error class", () => {
    expect(oneOfEach.map((error) => error.code).sort()).toEqual([...modelErrorCodes].sort());
  });

  it("makes every error a ModelError and a SiloError named after its class", () => {
    for (const error of oneOfEach) {
      expect(error).toBeInstanceOf(ModelError);
      expect(error).toBeInstanceOf(SiloError);
      expect(error.name).toBe(error.constructor.name);
    }
  });

  it("names the provider, the model, the value and the fix", () => {
    expect(oneOfEach.slice(1).map((error) => error.message)).toEqual([
      'bedrock throttled model "claude-sonnet"; retry after 5 s, and if it persists ask the platform team to raise the tenant\'s provider quota',
      'bedrock did not answer within 25000 ms for model "claude-sonnet"; retry, or ask for fewer tokens (max_tokens) or send a shorter conversation',
      'bedrock failed for model "claude-sonnet" (HTTP 503: ServiceUnavailableException: busy); retry later, and if it persists check the provider\'s status',
      'bedrock answered for model "claude-sonnet" with an unusable response (usage.inputTokens is undefined); check that the model and endpoint speak the expected API, and report it to the provider if it persists',
      'bedrock rejected the request for model "claude-sonnet" (HTTP 400: Input is too long); change the request (e.g. shorten the conversation or lower max_tokens) before retrying',
      'Model "claude-sonnet" (bedrock): has no ARN; pass one',
      'tools: not supported for model "claude-sonnet" (bedrock); omit it',
    ]);
  });

  it("carries the retry delay of a throttling error", () => {
    expect(new ProviderThrottledError({ ...context, retryAfterSeconds: 12 }).retryAfterSeconds).toBe(12);
  });

  it("says when the caller aborted rather than a time limit passing", () => {
    const error = new ProviderTimeoutError({ ...context, reason: "aborted" });

    expect(error.reason).toBe("aborted");
    expect(error.message).toMatch(
      /^bedrock was aborted by the caller before it answered for model "claude-sonnet"/,
    );
  });

  it("keeps the cause", () => {
    const cause = new Error("socket hang up");

    expect(new ProviderUnavailableError({ ...context, detail: "x", cause }).cause).toBe(cause);
  });

  it("names the provider when a configuration error has no model", () => {
    const error = new ModelConfigurationError({
      provider: "echo",
      problem: "it is wired wrong",
      fix: "wire it right",
    });

    expect(error.message).toBe("Provider echo: it is wired wrong; wire it right");
  });
});
