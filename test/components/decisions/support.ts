import type { AwsContext } from "../../../components/decisions/awsContext.ts";
import { type TenantConfig, type TenantConfigInput, tenantConfigSchema } from "../../../tenants/schema.ts";

/** The account every decision test builds ARNs in. */
export const testAws: AwsContext = { accountId: "123456789012", region: "us-east-1", partition: "aws" };

/**
 * A valid tenant with defaults applied; `overrides` replace top-level fields of the file.
 *
 * @example
 * const tenant = testTenant({ id: "globex", network: "dedicated" });
 */
export function testTenant(overrides: Partial<TenantConfigInput> = {}): TenantConfig {
  return tenantConfigSchema.parse({
    id: "acme",
    displayName: "Acme",
    tier: "standard",
    contacts: [{ name: "Ops", email: "ops@acme.example", role: "owner" }],
    models: {
      allowlist: [
        { key: "nova-lite", provider: "bedrock", modelId: "amazon.nova-lite-v1:0" },
        {
          key: "gpt",
          provider: "openai-compatible",
          modelId: "gpt-4o-mini",
          baseUrl: "https://llm.acme.example/v1",
        },
      ],
      defaultModel: "nova-lite",
    },
    ...overrides,
  });
}
