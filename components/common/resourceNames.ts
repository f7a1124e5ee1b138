import { createHash } from "node:crypto";
import type { HandlerGroup } from "../../runtime/api/routes.ts";
import { ledgerRoleSecretName } from "../../runtime/ledgerAdmin/ledgerRoleSecretName.ts";

/** A tenant Lambda: one per handler group, plus the deploy-time migration function. */
export type TenantFunction = HandlerGroup | "migrate";

/** Every tenant Lambda, in deployment order. */
export const tenantFunctions: readonly TenantFunction[] = ["chat", "data", "admin", "migrate"];

/** Longest inference profile name Bedrock accepts. */
const maxInferenceProfileNameLength = 64;

/**
 * The physical names of a tenant's resources. All start with `silo-<tenant>` (or `/silo/<tenant>/` for
 * secrets and API logs), so they are distinct per tenant and readable in the console. A tenant id may
 * contain `-` and may extend another (`acme`, `acme-health`), so `silo-<tenant>-*` would also match the
 * longer id's names: IAM and key policies name these resources exactly, and the only patterns over them
 * end at a `/` or `:` (`/silo/<tenant>/*`, a log group's `:*`), which no tenant id contains. Tenant ids are
 * at most 32 characters, so every name fits its AWS limit (64 for roles and functions, 63 for RDS
 * identifiers).
 *
 * @example
 * tenantResourceNames("acme-health").functionName("chat"); // "silo-acme-health-chat"
 */
export function tenantResourceNames(tenantId: string) {
  const prefix = `silo-${tenantId}`;
  return {
    prefix,
    keyAlias: `alias/silo/${tenantId}`,
    functionName: (fn: TenantFunction) => `${prefix}-${fn}`,
    roleName: (fn: TenantFunction) => `${prefix}-${fn}`,
    functionLogGroup: (fn: TenantFunction) => `/aws/lambda/${prefix}-${fn}`,
    databaseIdentifier: prefix,
    databaseSubnetGroup: `${prefix}-db`,
    databaseParameterGroup: `${prefix}-postgres`,
    finalSnapshotIdentifier: `${prefix}-final`,
    /** The database the tenant's handlers use on its instance. */
    databaseName: "silo",
    databaseMasterUsername: "silo_admin",
    lambdaSecurityGroup: `${prefix}-lambda`,
    databaseSecurityGroup: `${prefix}-db`,
    endpointSecurityGroup: `${prefix}-endpoints`,
    secretPrefix: `/silo/${tenantId}/`,
    ledgerRoleSecret: ledgerRoleSecretName(tenantId),
    /** `SILO_PROVIDER_KEY_SECRET_PREFIX`: the runtime appends the model key. */
    providerKeySecretPrefix: `/silo/${tenantId}/providers/`,
    providerKeySecret: (modelKey: string) => `/silo/${tenantId}/providers/${modelKey}`,
    apiName: prefix,
    accessLogGroup: `/silo/${tenantId}/api-access`,
    inferenceProfileName: (modelKey: string) => inferenceProfileName(prefix, modelKey),
  };
}

/** The physical names of the shared stack's resources. */
export const sharedResourceNames = {
  prefix: "silo-shared",
  keyAlias: "alias/silo/shared",
  authorizerFunction: "silo-edge-authorizer",
  authorizerRole: "silo-edge-authorizer",
  authorizerLogGroup: "/aws/lambda/silo-edge-authorizer",
  ledgerIdentifier: "silo-usage-ledger",
  ledgerSubnetGroup: "silo-usage-ledger",
  ledgerParameterGroup: "silo-usage-ledger-postgres",
  ledgerFinalSnapshot: "silo-usage-ledger-final",
  ledgerDatabaseName: "silo_ledger",
  ledgerMasterUsername: "silo_ledger_admin",
  ledgerSecurityGroup: "silo-usage-ledger",
  ledgerClientsSecurityGroup: "silo-ledger-clients",
  ledgerAdminFunction: "silo-ledger-admin",
  ledgerAdminRole: "silo-ledger-admin",
  ledgerAdminLogGroup: "/aws/lambda/silo-ledger-admin",
  ledgerAdminSecurityGroup: "silo-ledger-admin",
  endpointSecurityGroup: "silo-shared-endpoints",
  transitGateway: "silo-dedicated-hub",
} as const;

/**
 * Bedrock inference profile names allow only letters, digits and single ` `, `_` or `-` separators, up to 64
 * characters. A model key that had to be changed to fit (`nova.lite`) or shortened gets a hash of the
 * original key, so two keys can never map to the same name.
 */
function inferenceProfileName(prefix: string, modelKey: string): string {
  const slug = modelKey.replace(/[^a-zA-Z0-9]+/g, "-").replace(/^-|-$/g, "");
  const plain = `${prefix}-${slug}`;
  if (slug === modelKey && plain.length <= maxInferenceProfileNameLength) return plain;
  const hash = createHash("sha256").update(modelKey).digest("hex").slice(0, 8);
  const room = maxInferenceProfileNameLength - hash.length - 1;
  return `${plain.slice(0, room).replace(/-+$/, "")}-${hash}`;
}
