import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import { customerManagedKeyViolation } from "../kms/customerManagedKey.ts";
import type { SiloResourcePolicy } from "../siloPolicy.ts";

/**
 * Logs can hold tenant data (prompts in errors, ids), so they are encrypted with the tenant or platform key.
 *
 * Severity: medium. Controls: NIST 800-53 AU-9, SC-28 (no FSBP control).
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
 */
export const logGroupKmsKey: SiloResourcePolicy = {
  kind: "resource",
  name: "silo-cloudwatch-loggroup-kms-key",
  description: "CloudWatch log groups must be encrypted with a customer-managed KMS key.",
  enforcementLevel: "mandatory",
  severity: "medium",
  tags: ["nist:AU-9", "nist:SC-28"],
  url: "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html",
  mutations: [
    {
      type: "aws:cloudwatch/logGroup:LogGroup",
      change: "kmsKeyId removed",
      mutate: ({ kmsKeyId: _key, ...inputs }) => inputs,
    },
    {
      type: "aws:cloudwatch/logGroup:LogGroup",
      change: "kmsKeyId set to an AWS managed key",
      mutate: (inputs, context) => ({
        ...inputs,
        kmsKeyId: `arn:aws:kms:${context.region}:${context.accountId}:alias/aws/logs`,
      }),
    },
  ],
  validateResource: validateResourceOfType(aws.cloudwatch.LogGroup, (logGroup, _args, reportViolation) => {
    const violation = customerManagedKeyViolation(
      logGroup.kmsKeyId,
      "set kmsKeyId to the tenant's (or platform) KMS key ARN.",
    );
    if (violation !== undefined) reportViolation(violation);
  }),
};
