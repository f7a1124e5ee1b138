import type { AwsContext } from "../common/awsContext.ts";
import { type PolicyDocument, type PolicyStatement, policyDocument } from "../common/policyDocument.ts";
import type { TenantFunction } from "../common/resourceNames.ts";

/** The resources a tenant's function roles may touch; every one is an exact ARN of this tenant's. */
export interface TenantGrants {
  readonly logGroupArn: string;
  readonly keyArn: string;
  /** The tenant database's credentials (the RDS-managed master secret). */
  readonly databaseSecretArn: string;
  /** The tenant's usage-ledger credentials. */
  readonly ledgerSecretArn: string;
  /** BYOK API keys of the tenant's openai-compatible models. */
  readonly providerKeySecretArns: readonly string[];
  /** The tenant's application inference profiles. */
  readonly inferenceProfileArns: readonly string[];
  /** The models those profiles route to. */
  readonly foundationModelArns: readonly string[];
}

/**
 * Elastic network interfaces for a Lambda in a VPC (what AWSLambdaVPCAccessExecutionRole grants, without
 * its `logs:*` on every log group). EC2 does not support resource-level permissions for these calls.
 */
const vpcNetworkInterfaces: PolicyStatement = {
  Sid: "AttachToVpc",
  Effect: "Allow",
  Action: [
    "ec2:CreateNetworkInterface",
    "ec2:DescribeNetworkInterfaces",
    "ec2:DescribeSubnets",
    "ec2:DeleteNetworkInterface",
    "ec2:AssignPrivateIpAddresses",
    "ec2:UnassignPrivateIpAddresses",
  ],
  Resource: ["*"],
};

/** Writing to the function's own log group; the group is created by the stack, so no CreateLogGroup. */
export function writeLogs(logGroupArn: string): PolicyStatement {
  return {
    Sid: "WriteOwnLogs",
    Effect: "Allow",
    Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
    Resource: [`${logGroupArn}:*`],
  };
}

/**
 * The inline policy of one tenant function's role: only what its handler group does.
 * - every function: its own log group, VPC attachment, `kms:Decrypt` on the tenant key (its secrets);
 * - chat, data, admin: the tenant database and ledger secrets;
 * - chat also: the openai-compatible API key secrets, and `bedrock:InvokeModel` (which authorizes Converse
 *   and embeddings) and `bedrock:InvokeModelWithResponseStream` (ConverseStream, for `stream: true`) on the
 *   tenant's inference profiles and the foundation models behind them, never `*`;
 * - migrate: the database secret only.
 *
 * @example
 * const policy = tenantFunctionPolicy("chat", grants);
 */
export function tenantFunctionPolicy(fn: TenantFunction, grants: TenantGrants): PolicyDocument {
  const secretArns =
    fn === "migrate"
      ? [grants.databaseSecretArn]
      : [
          grants.databaseSecretArn,
          grants.ledgerSecretArn,
          ...(fn === "chat" ? grants.providerKeySecretArns : []),
        ];
  const statements: PolicyStatement[] = [
    writeLogs(grants.logGroupArn),
    vpcNetworkInterfaces,
    {
      Sid: "ReadOwnSecrets",
      Effect: "Allow",
      Action: ["secretsmanager:GetSecretValue"],
      Resource: secretArns,
    },
    { Sid: "DecryptWithTenantKey", Effect: "Allow", Action: ["kms:Decrypt"], Resource: [grants.keyArn] },
  ];
  const bedrockResources = [...grants.inferenceProfileArns, ...grants.foundationModelArns];
  if (fn === "chat" && bedrockResources.length > 0) {
    statements.push({
      Sid: "InvokeOwnInferenceProfiles",
      Effect: "Allow",
      Action: ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"],
      Resource: bedrockResources,
    });
  }
  return policyDocument(statements);
}

/** The edge authorizer's role: its own log group and nothing else (it calls no AWS API). */
export function authorizerPolicy(logGroupArn: string): PolicyDocument {
  return policyDocument([writeLogs(logGroupArn)]);
}

/** What the ledger-admin role may touch in the shared stack. */
export interface LedgerAdminGrants {
  readonly logGroupArn: string;
  /** The ledger's RDS-managed master secret. */
  readonly masterSecretArn: string;
  readonly platformKeyArn: string;
}

/**
 * The ledger-admin role: its log group, VPC attachment, the ledger master secret and the platform key. Each
 * tenant's ledger secret is opened to it by that tenant's stack (secret policy and key policy), so this
 * policy never needs a wildcard over tenants.
 */
export function ledgerAdminPolicy(grants: LedgerAdminGrants): PolicyDocument {
  return policyDocument([
    writeLogs(grants.logGroupArn),
    vpcNetworkInterfaces,
    {
      Sid: "ReadLedgerMasterSecret",
      Effect: "Allow",
      Action: ["secretsmanager:GetSecretValue"],
      Resource: [grants.masterSecretArn],
    },
    {
      Sid: "DecryptWithPlatformKey",
      Effect: "Allow",
      Action: ["kms:Decrypt"],
      Resource: [grants.platformKeyArn],
    },
  ]);
}

/**
 * The trust policy of a Lambda execution role, limited to functions of this account (confused deputy).
 */
export function lambdaTrustPolicy(aws: AwsContext): PolicyDocument {
  return policyDocument([
    {
      Sid: "LambdaAssumesRole",
      Effect: "Allow",
      Principal: { Service: "lambda.amazonaws.com" },
      Action: ["sts:AssumeRole"],
      Condition: { StringEquals: { "aws:SourceAccount": aws.accountId } },
    },
  ]);
}
