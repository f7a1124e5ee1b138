import { describe, expect, it } from "vitest";
import { isEchoAllowed } from "../../../../runtime/core/models/isEchoAllowed.ts";
import type { TenantConfig } from "../../../../tenants/schema.ts";

const withEcho: TenantConfig["models"] = {
  allowlist: [
    { key: "nova-micro", provider: "bedrock", modelId: "amazon.nova-micro-v1:0", type: "chat" as const },
    { key: "echo", provider: "echo", modelId: "echo", type: "chat" as const },
  ],
  defaultModel: "nova-micro",
  imageUrlHosts: [],
};
const withoutEcho: TenantConfig["models"] = {
  allowlist: [
    { key: "nova-micro", provider: "bedrock", modelId: "amazon.nova-micro-v1:0", type: "chat" as const },
  ],
  defaultModel: "nova-micro",
  imageUrlHosts: [],
};

describe("isEchoAllowed", () => {
  it.each(["local", "test"])("allows echo for a tenant that lists it in environment %s", (environment) => {
    expect(isEchoAllowed(withEcho, environment)).toBe(true);
  });

  it.each(["production", "prod", "staging", "Local", "TEST", " local", "", undefined])(
    "refuses echo in environment %j, even for a tenant that lists it",
    (environment) => {
      expect(isEchoAllowed(withEcho, environment)).toBe(false);
    },
  );

  it.each(["local", "test"])("refuses echo in %s for a tenant that does not list it", (environment) => {
    expect(isEchoAllowed(withoutEcho, environment)).toBe(false);
  });
});
