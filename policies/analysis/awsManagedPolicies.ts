import { type NormalisedStatement, noPrincipals } from "./normaliseStatements.ts";

/** An AWS managed policy the kit knows grants more than a tenant's roles may hold, summarised. */
export interface AwsManagedPolicy {
  readonly name: string;
  /** Its AWS managed policy reference page, where the full, current document is. */
  readonly url: string;
  /** What it grants, in one line, for messages. */
  readonly summary: string;
  /**
   * The statements that matter to isolation, as the policy grants them (Allow, identity policy); read-only
   * and console helper actions are left out. AWS adds actions to these policies over time, never removes.
   */
  readonly statements: readonly NormalisedStatement[];
}

function allow(actions: readonly string[], resources: readonly string[] = ["*"]): NormalisedStatement {
  return {
    sid: undefined,
    effect: "Allow",
    actions,
    notActions: [],
    resources,
    notResources: [],
    principals: noPrincipals,
    notPrincipals: noPrincipals,
    conditions: [],
  };
}

function policy(name: string, summary: string, statements: readonly NormalisedStatement[]): AwsManagedPolicy {
  return {
    name,
    url: `https://docs.aws.amazon.com/aws-managed-policy/latest/reference/${name}.html`,
    summary,
    statements,
  };
}

const passedToLambda = {
  operator: "StringEquals",
  key: "iam:PassedToService",
  values: ["lambda.amazonaws.com"],
} as const;

/**
 * The broad AWS managed policies, by name (the ARN is `arn:<partition>:iam::aws:policy/<name>`). Each is
 * what a client engineer attaches "to get it working" and each reaches every tenant's silo: secrets, keys,
 * databases, functions or the IAM that guards them.
 */
const broadPolicies: readonly AwsManagedPolicy[] = [
  policy("AdministratorAccess", "every action on every resource", [allow(["*"])]),
  policy("PowerUserAccess", "every action but IAM, Organizations and Account on every resource", [
    { ...allow([]), notActions: ["iam:*", "organizations:*", "account:*"] },
    allow(["iam:CreateServiceLinkedRole", "iam:DeleteServiceLinkedRole", "iam:ListRoles"]),
  ]),
  policy("IAMFullAccess", "every IAM action (create roles, attach any policy) on every resource", [
    allow(["iam:*"]),
  ]),
  policy("SecretsManagerReadWrite", "every Secrets Manager action on every secret", [
    allow(["secretsmanager:*", "kms:DescribeKey", "kms:ListAliases", "kms:ListKeys"]),
    allow(
      ["lambda:AddPermission", "lambda:CreateFunction", "lambda:GetFunction", "lambda:InvokeFunction"],
      ["arn:aws:lambda:*:*:function:SecretsManager*"],
    ),
  ]),
  policy("AmazonRDSFullAccess", "every RDS action on every database", [allow(["rds:*", "pi:*"])]),
  policy(
    "AmazonRDSDataFullAccess",
    "the database credential secrets `rds-db-credentials/*` of every database (and the RDS Data API)",
    [
      allow(
        [
          "secretsmanager:GetSecretValue",
          "secretsmanager:PutResourcePolicy",
          "secretsmanager:PutSecretValue",
          "secretsmanager:DeleteSecret",
          "secretsmanager:DescribeSecret",
          "secretsmanager:TagResource",
        ],
        ["arn:aws:secretsmanager:*:*:secret:rds-db-credentials/*"],
      ),
    ],
  ),
  policy(
    "AWSKeyManagementServicePowerUser",
    "creating keys and aliases and reading every key's policy and metadata",
    [
      allow([
        "kms:CreateAlias",
        "kms:CreateKey",
        "kms:DeleteAlias",
        "kms:Describe*",
        "kms:GenerateRandom",
        "kms:Get*",
        "kms:List*",
        "kms:TagResource",
        "kms:UntagResource",
      ]),
    ],
  ),
  policy("AmazonBedrockFullAccess", "every Bedrock action (invoke any model or profile) on every resource", [
    allow(["bedrock:*"]),
    allow(["kms:DescribeKey"], ["arn:*:kms:*:::*"]),
  ]),
  policy("AmazonS3FullAccess", "every S3 action on every bucket", [allow(["s3:*", "s3-object-lambda:*"])]),
  policy("AWSLambda_FullAccess", "every Lambda action on every function, and passing any role to Lambda", [
    allow(["lambda:*"]),
    // Only with `iam:PassedToService` = lambda.amazonaws.com, which still lets a function run as any role.
    { ...allow(["iam:PassRole"]), conditions: [passedToLambda] },
  ]),
];

/** The broad AWS managed policies the kit knows, by name. */
export const awsManagedPolicies: ReadonlyMap<string, AwsManagedPolicy> = new Map(
  broadPolicies.map((entry) => [entry.name, entry]),
);

/**
 * The managed policy an ARN names, when it is one of {@link awsManagedPolicies} in any partition
 * (`arn:aws:`, `arn:aws-us-gov:`, `arn:aws-cn:`); `undefined` for a customer managed policy (an account id
 * instead of `aws`) or an AWS one the kit does not list.
 *
 * @example
 * awsManagedPolicy("arn:aws:iam::aws:policy/SecretsManagerReadWrite")?.summary;
 * // "every Secrets Manager action on every secret"
 */
export function awsManagedPolicy(policyArn: string): AwsManagedPolicy | undefined {
  const name = /^arn:[a-z-]+:iam::aws:policy\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]+)$/.exec(policyArn)?.[1];
  return name === undefined ? undefined : awsManagedPolicies.get(name);
}

/**
 * Whether an ARN names an AWS managed policy (known to the kit or not), as opposed to a customer managed
 * policy of the account, whose document the stack itself defines.
 *
 * @example
 * isAwsManagedPolicyArn("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"); // true
 */
export function isAwsManagedPolicyArn(policyArn: string): boolean {
  return /^arn:[a-z-]+:iam::aws:policy\//.test(policyArn);
}
