import { describe, expect, it } from "vitest";
import { ModelNotAllowedError } from "../../../../runtime/core/models/modelErrors.ts";
import { resolveModel } from "../../../../runtime/core/models/resolveModel.ts";
import type { TenantConfig } from "../../../../tenants/schema.ts";

const models: TenantConfig["models"] = {
  allowlist: [
    {
      key: "claude-sonnet",
      provider: "bedrock",
      modelId: "anthropic.claude-sonnet-4-20250514-v1:0",
      type: "chat" as const,
    },
    { key: "nova-lite", provider: "bedrock", modelId: "amazon.nova-lite-v1:0", type: "chat" as const },
    {
      key: "byok",
      provider: "openai-compatible",
      modelId: "gpt-4o-mini",
      baseUrl: "https://llm.example.com/v1",
      type: "chat" as const,
    },
  ],
  defaultModel: "nova-lite",
  imageUrlHosts: [],
};

function notAllowed(modelKey: string): ModelNotAllowedError {
  try {
    resolveModel("acme", models, modelKey);
  } catch (error) {
    if (error instanceof ModelNotAllowedError) return error;
    throw error;
  }
  throw new Error(`resolveModel accepted ${modelKey}`);
}

describe("resolveModel", () => {
  it("resolves an allowlisted key to its entry", () => {
    expect(resolveModel("acme", models, "byok")).toEqual(models.allowlist[2]);
  });

  it.each([undefined, ""])("resolves the key %j to the tenant's default model", (modelKey) => {
    expect(resolveModel("acme", models, modelKey).key).toBe("nova-lite");
  });

  it("refuses a key outside the allowlist, naming it and the allowed keys, without falling back", () => {
    const error = notAllowed("gpt-5");

    expect(error.code).toBe("MODEL_NOT_ALLOWED");
    expect(error.message).toBe(
      'Model "gpt-5" is not in the allowlist of tenant "acme"; use one of: claude-sonnet, nova-lite, byok ' +
        "(GET /v1/models lists them, the tenant's default marked is_default)",
    );
    expect(error.modelKey).toBe("gpt-5");
    expect(error.allowedKeys).toEqual(["claude-sonnet", "nova-lite", "byok"]);
  });

  it("matches keys exactly, suggesting the near miss", () => {
    const error = notAllowed("Claude-Sonnet");

    expect(error.message).toContain('Model "Claude-Sonnet" is not in the allowlist of tenant "acme"; ');
    expect(error.message).toContain(
      'did you mean "claude-sonnet"? use one of: claude-sonnet, nova-lite, byok',
    );
  });

  it("refuses the provider's model id: tenants call models by key", () => {
    expect(notAllowed("amazon.nova-lite-v1:0").code).toBe("MODEL_NOT_ALLOWED");
  });

  it.each(["constructor", "__proto__", "toString"])("refuses the inherited property name %s", (modelKey) => {
    expect(notAllowed(modelKey).code).toBe("MODEL_NOT_ALLOWED");
  });

  it("quotes a hostile key in the message, escaped and bounded", () => {
    const error = notAllowed(`x\n${"y".repeat(500)}`);

    expect(error.message).toMatch(/^Model "x\\nyyy+\.\.\." is not in the allowlist/);
    expect(error.message.length).toBeLessThan(300);
  });
});
