import { describe, expect, it } from "vitest";
import { mergeSettings } from "../../../../runtime/core/settings/mergeSettings.ts";
import { SettingRefusedError } from "../../../../runtime/core/settings/settingRefusedError.ts";

const tenant = {
  id: "acme-health",
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
      {
        key: "titan-embed",
        provider: "bedrock" as const,
        modelId: "amazon.titan-embed-text-v2:0",
        type: "embedding" as const,
      },
    ],
    defaultModel: "claude-sonnet",
    imageUrlHosts: [],
  },
};

const stored = { defaultModel: "nova-lite", systemPrompt: "Be brief.", dataRetentionDays: 30 };

describe("mergeSettings", () => {
  it("stores only the named fields on first change; the others stay null and follow the tenant file", () => {
    expect(mergeSettings(tenant, null, { dataRetentionDays: 7 })).toEqual({
      defaultModel: null,
      systemPrompt: null,
      dataRetentionDays: 7,
    });
  });

  it("replaces the named fields and keeps the rest", () => {
    expect(mergeSettings(tenant, stored, { defaultModel: "claude-sonnet" })).toEqual({
      ...stored,
      defaultModel: "claude-sonnet",
    });
  });

  it("removes the system prompt on systemPrompt: null", () => {
    expect(mergeSettings(tenant, stored, { systemPrompt: null })).toEqual({ ...stored, systemPrompt: null });
  });

  it("refuses a default model outside the allowlist, naming the allowed keys", () => {
    // Act
    const attempt = () => mergeSettings(tenant, stored, { defaultModel: "gpt-5" });

    // Assess
    expect(attempt).toThrow(SettingRefusedError);
    expect(attempt).toThrow(
      'defaultModel "gpt-5" is not in this tenant\'s model allowlist; use one of: claude-sonnet, nova-lite (the allowlist is set in tenants/acme-health.yaml)',
    );
    try {
      attempt();
    } catch (error) {
      expect((error as SettingRefusedError).code).toBe("SETTING_REFUSED");
    }
  });

  it("refuses an embedding model as the default, naming the chat models", () => {
    expect(() => mergeSettings(tenant, stored, { defaultModel: "titan-embed" })).toThrow(
      'defaultModel "titan-embed" is an embedding model; the default must be a chat model; use one of: claude-sonnet, nova-lite',
    );
  });
});
