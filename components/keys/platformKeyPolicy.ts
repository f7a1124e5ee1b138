import { type AwsContext, accountRootArn, iamRoleArn, secretArnPattern } from "../common/awsContext.ts";
import { type PolicyDocument, policyDocument } from "../common/policyDocument.ts";
import { sharedResourceNamesOf } from "../common/resourceNames.ts";
import { accountAdministersKey } from "./accountAdministersKey.ts";
import { deployerKeyStatements, rdsManagedSecretPrefix } from "./deployerKeyStatements.ts";
import { logsEncryptionStatement } from "./logsEncryptionStatement.ts";

/** What the platform key's policy is made from. */
export interface PlatformKeyPolicyInput {
  readonly aws: AwsContext;
  /** Log groups CloudWatch Logs may encrypt with the key, by exact name. */
  readonly logGroupNames: readonly string[];
  /** The role that deploys and operates the shared stack: may use the key only through the services. */
  readonly deployerArn: string;
}

/**
 * The key policy of the shared platform key, which protects the usage ledger (its storage, its master
 * secret, the ledger-admin Lambda's environment) and the shared log groups. As for a tenant key, nobody uses
 * it through IAM alone:
 * - the account (its administrators, through IAM) may administer the key, never use it;
 * - the ledger-admin role may decrypt (the ledger's master secret, its own environment). It is named by
 *   `aws:PrincipalArn` rather than as the principal, because the role is created after the key (the ledger
 *   needs the key, the ledger admin needs the ledger) and KMS refuses a principal that does not exist yet;
 *   its own IAM policy grants the same decrypt on this key;
 * - the deployer may use it only through RDS, Secrets Manager (the RDS master secret) and Lambda (the
 *   ledger-admin environment), see deployerKeyStatements.ts;
 * - CloudWatch Logs may encrypt only the named shared log groups.
 *
 * @example
 * platformKeyPolicy({ aws, logGroupNames: ["/aws/lambda/silo-edge-authorizer"], deployerArn });
 */
export function platformKeyPolicy(input: PlatformKeyPolicyInput): PolicyDocument {
  const { aws } = input;
  const sharedResourceNames = sharedResourceNamesOf(aws.environmentQualifier);
  return policyDocument([
    accountAdministersKey(aws),
    {
      Sid: "LedgerAdminUsesKey",
      Effect: "Allow",
      Principal: { AWS: accountRootArn(aws) },
      Action: ["kms:Decrypt", "kms:DescribeKey"],
      Resource: ["*"],
      Condition: {
        ArnEquals: { "aws:PrincipalArn": iamRoleArn(aws, sharedResourceNames.ledgerAdminRole) },
      },
    },
    ...deployerKeyStatements(aws, {
      deployerArn: input.deployerArn,
      secretArnPatterns: [secretArnPattern(aws, rdsManagedSecretPrefix)],
      functionNames: [sharedResourceNames.ledgerAdminFunction],
    }),
    logsEncryptionStatement("CloudWatchLogsEncryptsSharedLogs", aws, input.logGroupNames),
  ]);
}
