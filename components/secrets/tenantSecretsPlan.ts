import type { TenantConfig } from "../../tenants/schema.ts";
import { tenantResourceNames } from "../common/resourceNames.ts";

/** One secret of a tenant's silo. */
export interface TenantSecretSpec {
  /** Suffix of the Pulumi resource name. */
  readonly resourceSuffix: string;
  readonly name: string;
  readonly description: string;
  /** The openai-compatible model whose API key it holds. */
  readonly modelKey?: string;
}

/** The secrets of a tenant's silo and how long a deleted one can be restored. */
export interface TenantSecretsPlan {
  readonly ledgerRole: TenantSecretSpec;
  /** One per openai-compatible model: the tenant's own (BYOK) API key, put in by the operator. */
  readonly providerKeys: readonly TenantSecretSpec[];
  /** 30 days (the most Secrets Manager allows) for tier regulated, 7 otherwise. */
  readonly recoveryWindowDays: number;
}

/**
 * The tenant's secrets, all under `/silo/<tenant>/` (`/<environment>/silo/<tenant>/` in a stack qualified with
 * an environment). The database's master credentials are not here: RDS
 * manages that secret itself (`manageMasterUserPassword`), encrypted with the tenant key.
 *
 * @example
 * tenantSecretsPlan(initech).providerKeys[0].name; // "/silo/initech/providers/gpt-4o-mini"
 */
export function tenantSecretsPlan(
  tenant: Pick<TenantConfig, "id" | "tier" | "models">,
  environmentQualifier?: string,
): TenantSecretsPlan {
  const names = tenantResourceNames(tenant.id, environmentQualifier);
  return {
    ledgerRole: {
      resourceSuffix: "ledger-role",
      name: names.ledgerRoleSecret,
      description: `Usage-ledger credentials of tenant ${tenant.id} ({"username", "password"})`,
    },
    providerKeys: tenant.models.allowlist
      .filter((model) => model.provider === "openai-compatible")
      .map((model) => ({
        resourceSuffix: `provider-${model.key}`,
        name: names.providerKeySecret(model.key),
        description: `API key of tenant ${tenant.id}'s model ${model.key} at ${model.baseUrl ?? "its base URL"}; put the value with aws secretsmanager put-secret-value`,
        modelKey: model.key,
      })),
    recoveryWindowDays: tenant.tier === "regulated" ? 30 : 7,
  };
}
