import type { AwsContext } from "./awsContext.ts";
import { logsEncryptionStatement } from "./logsEncryptionStatement.ts";
import { type PolicyDocument, policyDocument } from "./policyDocument.ts";

/** What a tenant's KMS key policy is made from. */
export interface TenantKeyPolicyInput {
  readonly aws: AwsContext;
  readonly tenantId: string;
  /** The execution roles of the tenant's Lambdas: the only principals that use the key directly. */
  readonly tenantRoleArns: readonly string[];
  /** The shared ledger-admin role: may decrypt the tenant's ledger secret, and nothing else. */
  readonly ledgerAdminRoleArn: string;
  /** Log group name patterns CloudWatch Logs may encrypt with the key. */
  readonly logGroupPatterns: readonly string[];
}

/** Key management without use: account administrators can manage, rotate and schedule deletion, never decrypt. */
export const keyAdministrationActions = [
  "kms:Create*",
  "kms:Describe*",
  "kms:Enable*",
  "kms:List*",
  "kms:Put*",
  "kms:Update*",
  "kms:Revoke*",
  "kms:Disable*",
  "kms:Get*",
  "kms:Delete*",
  "kms:TagResource",
  "kms:UntagResource",
  "kms:ScheduleKeyDeletion",
  "kms:CancelKeyDeletion",
  "kms:RotateKeyOnDemand",
] as const;

/**
 * The key policy of a tenant's KMS key. Unlike the AWS default (`kms:*` for the account root, which lets any
 * principal with a broad IAM policy decrypt), it names who may use the key:
 * - the account (its administrators, through IAM) may administer the key but not use it directly;
 * - the account may use it only through RDS, Secrets Manager and Lambda (`kms:ViaService`), which is how the
 *   deployer creates the encrypted database, secrets and function environments;
 * - the tenant's own Lambda roles may decrypt and generate data keys;
 * - CloudWatch Logs may encrypt only the tenant's log groups (encryption-context condition);
 * - the shared ledger-admin role may decrypt only the tenant's ledger secret, through Secrets Manager.
 * In a key policy `Resource: "*"` means "this key".
 *
 * @example
 * const policy = tenantKeyPolicy({ aws, tenantId: "acme", tenantRoleArns, ledgerAdminRoleArn, logGroupPatterns });
 */
export function tenantKeyPolicy(input: TenantKeyPolicyInput): PolicyDocument {
  const { accountId, region, partition } = input.aws;
  const root = `arn:${partition}:iam::${accountId}:root`;
  return policyDocument([
    {
      Sid: "AccountAdministersKey",
      Effect: "Allow",
      Principal: { AWS: root },
      Action: [...keyAdministrationActions],
      Resource: ["*"],
    },
    {
      Sid: "AccountUsesKeyOnlyThroughServices",
      Effect: "Allow",
      Principal: { AWS: root },
      Action: [
        "kms:Encrypt",
        "kms:Decrypt",
        "kms:ReEncrypt*",
        "kms:GenerateDataKey*",
        "kms:CreateGrant",
        "kms:DescribeKey",
      ],
      Resource: ["*"],
      Condition: {
        StringEquals: {
          "kms:CallerAccount": accountId,
          "kms:ViaService": ["rds", "secretsmanager", "lambda"].map(
            (service) => `${service}.${region}.amazonaws.com`,
          ),
        },
      },
    },
    {
      Sid: "TenantRolesUseKey",
      Effect: "Allow",
      Principal: { AWS: [...input.tenantRoleArns] },
      Action: ["kms:Decrypt", "kms:GenerateDataKey", "kms:DescribeKey"],
      Resource: ["*"],
    },
    logsEncryptionStatement("CloudWatchLogsEncryptsTenantLogs", input.aws, input.logGroupPatterns),
    {
      Sid: "LedgerAdminReadsLedgerSecret",
      Effect: "Allow",
      Principal: { AWS: input.ledgerAdminRoleArn },
      Action: ["kms:Decrypt"],
      Resource: ["*"],
      Condition: {
        StringEquals: { "kms:ViaService": `secretsmanager.${region}.amazonaws.com` },
        StringLike: {
          "kms:EncryptionContext:SecretARN": `arn:${partition}:secretsmanager:${region}:${accountId}:secret:/silo/${input.tenantId}/ledger-role-*`,
        },
      },
    },
  ]);
}
