import { SiloError } from "../../runtime/core/errors/siloError.ts";

/** Where a stack deploys: every ARN the kit builds by hand is made from these. */
export interface AwsContext {
  readonly accountId: string;
  readonly region: string;
  /** `aws`, `aws-us-gov` or `aws-cn`. */
  readonly partition: string;
  /**
   * The stack's environment qualifier (`staging` for stack `staging.tenant-acme`, stacks/parseStackName.ts),
   * which every physical name of the stack carries (components/common/resourceNames.ts).
   * @default none: the unqualified names (`silo-acme-chat`)
   */
  readonly environmentQualifier?: string;
}

/**
 * The partition an ARN belongs to, e.g. from the caller identity's ARN.
 *
 * @example
 * partitionOf("arn:aws:iam::123456789012:user/ci"); // "aws"
 */
export function partitionOf(arn: string): string {
  const partition = /^arn:([a-z-]+):/.exec(arn)?.[1];
  if (partition === undefined) {
    throw new SiloError("ARN_INVALID", `"${arn}" is not an ARN (arn:<partition>:<service>:...)`);
  }
  return partition;
}

/**
 * The ARN of a CloudWatch Logs log group, known before the group exists, so a role's policy can name the
 * group its function will write to.
 *
 * @example
 * logGroupArn(aws, "/aws/lambda/silo-acme-chat"); // "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/silo-acme-chat"
 */
export function logGroupArn(aws: AwsContext, logGroupName: string): string {
  return `arn:${aws.partition}:logs:${aws.region}:${aws.accountId}:log-group:${logGroupName}`;
}

/**
 * The account as a key-policy principal: whoever the account's IAM policies allow.
 *
 * @example
 * accountRootArn(aws); // "arn:aws:iam::123456789012:root"
 */
export function accountRootArn(aws: AwsContext): string {
  return `arn:${aws.partition}:iam::${aws.accountId}:root`;
}

/**
 * The ARN of an IAM role created without a path, known before the role exists.
 *
 * @example
 * iamRoleArn(aws, "silo-ledger-admin"); // "arn:aws:iam::123456789012:role/silo-ledger-admin"
 */
export function iamRoleArn(aws: AwsContext, roleName: string): string {
  return `arn:${aws.partition}:iam::${aws.accountId}:role/${roleName}`;
}

/**
 * The unqualified ARN of a Lambda function, known before the function exists.
 *
 * @example
 * lambdaFunctionArn(aws, "silo-acme-chat"); // "arn:aws:lambda:us-east-1:123456789012:function:silo-acme-chat"
 */
export function lambdaFunctionArn(aws: AwsContext, functionName: string): string {
  return `arn:${aws.partition}:lambda:${aws.region}:${aws.accountId}:function:${functionName}`;
}

/**
 * An ARN pattern over the Secrets Manager secrets whose names start with `namePrefix`. The prefix must end
 * at a character a longer name of another owner cannot continue (`/silo/acme/`, never `/silo/acme`).
 *
 * @example
 * secretArnPattern(aws, "/silo/acme/"); // "arn:aws:secretsmanager:us-east-1:123456789012:secret:/silo/acme/*"
 */
export function secretArnPattern(aws: AwsContext, namePrefix: string): string {
  return `arn:${aws.partition}:secretsmanager:${aws.region}:${aws.accountId}:secret:${namePrefix}*`;
}
