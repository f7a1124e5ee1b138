import fc from "fast-check";
import type { AwsContext } from "../../components/common/awsContext.ts";
import { tenantFunctions, tenantResourceNames } from "../../components/common/resourceNames.ts";
import { type TenantConfig, type TenantConfigInput, tenantConfigSchema } from "../../tenants/schema.ts";
import { isTenantId } from "../../tenants/tenantId.ts";

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

/** Pairs of tenant ids where the first is a prefix of the second (`acme`, `acme-health`; `ab`, `ab1`). */
export const tenantIdPrefixPairs = fc
  .tuple(fc.stringMatching(/^[a-z][a-z0-9-]{1,14}[a-z0-9]$/), fc.stringMatching(/^[a-z0-9-]{1,14}[a-z0-9]$/))
  .map(([shorter, rest]) => [shorter, `${shorter}${rest}`] as const)
  .filter(([shorter, longer]) => isTenantId(shorter) && isTenantId(longer));

/**
 * The wildcard patterns of a policy document (every string with `*` or `?` and a `:`, as IAM matches them)
 * that match a name or ARN of tenant `tenantId`'s resources, each with what it matches.
 *
 * @example
 * patternsMatching(tenantKeyPolicy({ ...input, tenantId: "acme" }), "acme-health"); // []
 */
export function patternsMatching(document: unknown, tenantId: string): string[] {
  const quoted = JSON.stringify(document).match(/"(?:[^"\\]|\\.)*"/g) ?? [];
  const patterns = quoted
    .map((text) => JSON.parse(text) as string)
    .filter((text) => /[*?]/.test(text) && text.includes(":"));
  const resources = resourcesOf(tenantId);
  return patterns.flatMap((pattern) =>
    resources.filter((name) => globMatches(pattern, name)).map((name) => `${pattern} matches ${name}`),
  );
}

/** The names and ARNs of a tenant's resources that an IAM or key policy could be matched against. */
function resourcesOf(tenantId: string): string[] {
  const names = tenantResourceNames(tenantId);
  const arn = (service: string, resource: string) => `arn:aws:${service}:us-east-1:123456789012:${resource}`;
  return [
    ...tenantFunctions.flatMap((fn) => [
      arn("lambda", `function:${names.functionName(fn)}`),
      arn("lambda", `function:${names.functionName(fn)}:1`),
      arn("logs", `log-group:${names.functionLogGroup(fn)}`),
      arn("logs", `log-group:${names.functionLogGroup(fn)}:log-stream:2026/01/01/x`),
      `arn:aws:iam::123456789012:role/${names.roleName(fn)}`,
    ]),
    arn("logs", `log-group:${names.accessLogGroup}`),
    arn("secretsmanager", `secret:${names.ledgerRoleSecret}-AbCdEf`),
    arn("secretsmanager", `secret:${names.providerKeySecret("gpt")}-AbCdEf`),
    arn("rds", `db:${names.databaseIdentifier}`),
  ];
}

/** IAM's wildcard match: `*` any run of characters, `?` one. */
function globMatches(pattern: string, text: string): boolean {
  const glob = pattern
    .replace(/[.+^$()[\]{}|\\]/g, "\\$&")
    .replaceAll("*", ".*")
    .replaceAll("?", ".");
  return new RegExp(`^${glob}$`).test(text);
}
