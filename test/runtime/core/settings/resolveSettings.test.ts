import { describe, expect, it } from "vitest";
import { resolveSettings } from "../../../../runtime/core/settings/resolveSettings.ts";

const tenant = {
  dataRetentionDays: 2555,
  models: {
    allowlist: [
      {
        key: "claude-sonnet",
        provider: "bedrock" as const,
        modelId: "anthropic.claude-sonnet-4",
        type: "chat" as const,
      },
      {
        key: "nova-lite",
        provider: "bedrock" as const,
        modelId: "amazon.nova-lite-v1:0",
        type: "chat" as const,
      },
    ],
    defaultModel: "claude-sonnet",
    imageUrlHosts: [],
  },
};

describe("resolveSettings", () => {
  it("takes the tenant file's values before any change", () => {
    expect(resolveSettings(tenant, null)).toEqual({
      defaultModel: "claude-sonnet",
      systemPrompt: null,
      dataRetentionDays: 2555,
    });
  });

  it("prefers stored values, field by field", () => {
    const stored = { defaultModel: "nova-lite", systemPrompt: null, dataRetentionDays: 30 };

    expect(resolveSettings(tenant, stored)).toEqual({
      defaultModel: "nova-lite",
      systemPrompt: null,
      dataRetentionDays: 30,
    });
    expect(resolveSettings(tenant, { ...stored, defaultModel: null, systemPrompt: "Be brief." })).toEqual({
      defaultModel: "claude-sonnet",
      systemPrompt: "Be brief.",
      dataRetentionDays: 30,
    });
  });

  it("falls back to the tenant's default when the stored model left the allowlist", () => {
    const stored = { defaultModel: "retired-model", systemPrompt: null, dataRetentionDays: null };

    expect(resolveSettings(tenant, stored).defaultModel).toBe("claude-sonnet");
  });
});
