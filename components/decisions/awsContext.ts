import { SiloError } from "../../runtime/core/errors/siloError.ts";

/** Where a stack deploys: every ARN the kit builds by hand is made from these. */
export interface AwsContext {
  readonly accountId: string;
  readonly region: string;
  /** `aws`, `aws-us-gov` or `aws-cn`. */
  readonly partition: string;
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
