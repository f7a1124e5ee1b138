import { type AwsContext, secretArnPattern } from "../common/awsContext.ts";
import { type PolicyDocument, policyDocument } from "../common/policyDocument.ts";
import { tenantFunctions, tenantResourceNames } from "../common/resourceNames.ts";
import { accountAdministersKey } from "./accountAdministersKey.ts";
import { deployerKeyStatements, rdsManagedSecretPrefix } from "./deployerKeyStatements.ts";
import { logsEncryptionStatement } from "./logsEncryptionStatement.ts";

/** What a tenant's KMS key policy is made from. */
export interface TenantKeyPolicyInput {
  readonly aws: AwsContext;
  readonly tenantId: string;
  /** The execution roles of the tenant's Lambdas: the only principals that use the key directly. */
  readonly tenantRoleArns: readonly string[];
  /** The shared ledger-admin role: may decrypt the tenant's ledger secret, and nothing else. */
  readonly ledgerAdminRoleArn: string;
  /** The role that deploys and operates the tenant's stack: may use the key only through the services. */
  readonly deployerArn: string;
}

/**
 * The key policy of a tenant's KMS key. Each statement names who may do what, so the key's isolation holds
 * even if IAM is too broad (a role with `kms:Decrypt` on `*` and `secretsmanager:GetSecretValue` on `*`
 * still cannot read this tenant's secrets):
 * - the account (its administrators, through IAM) may administer the key, never use it;
 * - the tenant's own Lambda roles may decrypt and generate data keys;
 * - the deployer may use it only through RDS, Secrets Manager and Lambda, for this tenant's database, its
 *   `/silo/<tenant>/` secrets and RDS master secret, and its functions' environments (deployerKeyStatements.ts);
 * - CloudWatch Logs may encrypt only the tenant's log groups, named exactly;
 * - the shared ledger-admin role may decrypt only the tenant's ledger secret, through Secrets Manager.
 * Every name pattern ends at a `/` or `:`, which no tenant id contains, so a tenant whose id extends another's
 * (`acme`, `acme-health`) is never matched. In a key policy `Resource: "*"` means "this key".
 *
 * @example
 * const policy = tenantKeyPolicy({ aws, tenantId: "acme", tenantRoleArns, ledgerAdminRoleArn, deployerArn });
 */
export function tenantKeyPolicy(input: TenantKeyPolicyInput): PolicyDocument {
  const { aws, tenantId } = input;
  const names = tenantResourceNames(tenantId, aws.environmentQualifier);
  const region = aws.region;
  return policyDocument([
    accountAdministersKey(aws),
    {
      Sid: "TenantRolesUseKey",
      Effect: "Allow",
      Principal: { AWS: [...input.tenantRoleArns] },
      Action: ["kms:Decrypt", "kms:GenerateDataKey", "kms:DescribeKey"],
      Resource: ["*"],
    },
    ...deployerKeyStatements(aws, {
      deployerArn: input.deployerArn,
      secretArnPatterns: [
        secretArnPattern(aws, names.secretPrefix),
        secretArnPattern(aws, rdsManagedSecretPrefix),
      ],
      functionNames: tenantFunctions.map(names.functionName),
    }),
    logsEncryptionStatement("CloudWatchLogsEncryptsTenantLogs", aws, [
      ...tenantFunctions.map(names.functionLogGroup),
      names.accessLogGroup,
    ]),
    {
      Sid: "LedgerAdminReadsLedgerSecret",
      Effect: "Allow",
      Principal: { AWS: input.ledgerAdminRoleArn },
      Action: ["kms:Decrypt"],
      Resource: ["*"],
      Condition: {
        StringEquals: { "kms:ViaService": `secretsmanager.${region}.amazonaws.com` },
        StringLike: {
          "kms:EncryptionContext:SecretARN": secretArnPattern(aws, `${names.ledgerRoleSecret}-`),
        },
      },
    },
  ]);
}
