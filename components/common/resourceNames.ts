import { createHash } from "node:crypto";
import type { HandlerGroup } from "../../runtime/api/routes.ts";
import { ledgerRoleSecretName } from "../../runtime/ledgerAdmin/ledgerRoleSecretName.ts";
import { checkEnvironmentQualifier } from "./environmentQualifier.ts";

/** A tenant Lambda: one per handler group, plus the deploy-time migration function. */
export type TenantFunction = HandlerGroup | "migrate";

/** Every tenant Lambda, in deployment order. */
export const tenantFunctions: readonly TenantFunction[] = ["chat", "data", "admin", "migrate"];

/**
 * Longest `bucketPrefix` an S3 bucket accepts: the provider appends a 26-character unique suffix and a
 * bucket name is at most 63 characters.
 */
const maxBucketPrefixLength = 37;

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
 * A stack qualified with an environment (`staging.tenant-acme`, stacks/parseStackName.ts) puts the
 * qualifier in front of every name: `staging-silo-acme-chat`, `/staging/silo/acme/`, `alias/staging/silo/acme`.
 * Unqualified names start with `silo-` or `/silo/`, qualified ones with `<qualifier>-silo-` or
 * `/<qualifier>/silo/`; a qualifier has no `-` and is never `silo` (components/common/environmentQualifier.ts),
 * so the two never meet, nor do two environments' names. The secret prefix still ends at a `/`, so
 * `/staging/silo/acme/*` covers neither production's `/silo/acme/` nor another environment's. A qualifier is
 * at most 10 characters, so a 32-character tenant's final snapshot identifier still fits RDS's 63.
 *
 * @example
 * tenantResourceNames("acme-health").functionName("chat"); // "silo-acme-health-chat"
 * tenantResourceNames("acme-health", "staging").functionName("chat"); // "staging-silo-acme-health-chat"
 */
export function tenantResourceNames(tenantId: string, environmentQualifier?: string) {
  const { dash, slash } = qualifierParts(environmentQualifier);
  const prefix = `${dash}silo-${tenantId}`;
  const secretPrefix = `${slash}/silo/${tenantId}/`;
  return {
    prefix,
    keyAlias: `alias${slash}/silo/${tenantId}`,
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
    secretPrefix,
    ledgerRoleSecret: ledgerRoleSecretName(tenantId, environmentQualifier),
    /** `SILO_PROVIDER_KEY_SECRET_PREFIX`: the runtime appends the model key. */
    providerKeySecretPrefix: `${secretPrefix}providers/`,
    providerKeySecret: (modelKey: string) => `${secretPrefix}providers/${modelKey}`,
    apiName: prefix,
    accessLogGroup: `${secretPrefix}api-access`,
    inferenceProfileName: (modelKey: string) => inferenceProfileName(prefix, modelKey),
    /** The export bucket's `bucketPrefix` (the provider adds a unique suffix); see {@link bucketPrefix}. */
    exportBucketPrefix: bucketPrefix(prefix, "exports"),
  };
}

/**
 * The physical names of the shared stack's resources, qualified as a tenant's are
 * ({@link tenantResourceNames}): `staging-silo-edge-authorizer`, `alias/staging/silo/shared`.
 *
 * @example
 * sharedResourceNamesOf("staging").ledgerIdentifier; // "staging-silo-usage-ledger"
 */
export function sharedResourceNamesOf(environmentQualifier?: string) {
  const { dash, slash } = qualifierParts(environmentQualifier);
  return {
    prefix: `${dash}silo-shared`,
    keyAlias: `alias${slash}/silo/shared`,
    authorizerFunction: `${dash}silo-edge-authorizer`,
    authorizerRole: `${dash}silo-edge-authorizer`,
    authorizerLogGroup: `/aws/lambda/${dash}silo-edge-authorizer`,
    ledgerIdentifier: `${dash}silo-usage-ledger`,
    ledgerSubnetGroup: `${dash}silo-usage-ledger`,
    ledgerParameterGroup: `${dash}silo-usage-ledger-postgres`,
    ledgerFinalSnapshot: `${dash}silo-usage-ledger-final`,
    ledgerDatabaseName: "silo_ledger",
    ledgerMasterUsername: "silo_ledger_dba",
    ledgerSecurityGroup: `${dash}silo-usage-ledger`,
    ledgerClientsSecurityGroup: `${dash}silo-ledger-clients`,
    ledgerAdminFunction: `${dash}silo-ledger-admin`,
    ledgerAdminRole: `${dash}silo-ledger-admin`,
    ledgerAdminLogGroup: `/aws/lambda/${dash}silo-ledger-admin`,
    ledgerAdminSecurityGroup: `${dash}silo-ledger-admin`,
    endpointSecurityGroup: `${dash}silo-shared-endpoints`,
    transitGateway: `${dash}silo-dedicated-hub`,
    /** The shared stack's own schedule group: it carries the stack's tags (a schedule takes none). */
    ledgerSweepScheduleGroup: `${dash}silo-shared`,
    ledgerSweepSchedule: `${dash}silo-ledger-sweep`,
    ledgerSweepRole: `${dash}silo-ledger-sweep`,
  } as const;
}

/** The physical names of the unqualified shared stack's resources. */
export const sharedResourceNames = sharedResourceNamesOf();

/** How a qualifier enters names: before a `-`-joined name, and before a `/`-joined one. */
function qualifierParts(environmentQualifier: string | undefined): { dash: string; slash: string } {
  if (environmentQualifier === undefined) return { dash: "", slash: "" };
  checkEnvironmentQualifier(environmentQualifier);
  return { dash: `${environmentQualifier}-`, slash: `/${environmentQualifier}` };
}

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

/**
 * A `bucketPrefix` of at most 37 characters: `<prefix>-<purpose>-` when it fits, else the prefix shortened
 * with a hash of the whole one (`staging-silo-a-long-tenant-1a2b3c4d-`), so two tenants never share one. A
 * 32-character tenant id would otherwise make the bucket unnamable (`silo-<id>-exports-` is 46 characters).
 */
function bucketPrefix(prefix: string, purpose: string): string {
  const plain = `${prefix}-${purpose}-`;
  if (plain.length <= maxBucketPrefixLength) return plain;
  const hash = createHash("sha256").update(plain).digest("hex").slice(0, 8);
  const room = maxBucketPrefixLength - hash.length - 2;
  return `${plain.slice(0, room).replace(/-+$/, "")}-${hash}-`;
}
