import type { ModelRequest } from "../../../../../runtime/core/models/modelTypes.ts";

/** The application inference profile the Bedrock tests route model key `claude-sonnet` to. */
export const profileArn = "arn:aws:bedrock:eu-west-1:123456789012:application-inference-profile/a1b2c3d4e5f6";

/**
 * A chat request for model key `claude-sonnet` (Claude Sonnet 4 on Bedrock): one user message, 256 tokens,
 * with `overrides` on top.
 *
 * @example
 * bedrockRequest({ tools: [weather], toolChoice: "required" });
 */
export function bedrockRequest(overrides: Partial<ModelRequest> = {}): ModelRequest {
  return {
    modelKey: "claude-sonnet",
    providerModelId: "anthropic.claude-sonnet-4-20250514-v1:0",
    messages: [{ role: "user", content: "Hello" }],
    maxTokens: 256,
    requestId: "req-1",
    ...overrides,
  };
}
