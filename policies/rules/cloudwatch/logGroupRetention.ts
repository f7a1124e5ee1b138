import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import type { SiloPolicy } from "../siloPolicy.ts";

/**
 * Logs are kept for the tenant's stated period, then deleted: unset retention keeps tenant data forever.
 *
 * Severity: low. Controls: FSBP CloudWatch.16; NIST 800-53 AU-11, SI-12.
 * @see https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-16
 */
export const logGroupRetention: SiloPolicy = {
  name: "silo-cloudwatch-loggroup-retention",
  description: "CloudWatch log groups must set a retention period.",
  enforcementLevel: "mandatory",
  severity: "low",
  tags: ["fsbp:CloudWatch.16", "nist:AU-11", "nist:SI-12"],
  url: "https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-16",
  validateResource: validateResourceOfType(aws.cloudwatch.LogGroup, (logGroup, _args, reportViolation) => {
    const days = logGroup.retentionInDays;
    if (typeof days !== "number" || days <= 0) {
      reportViolation(`retentionInDays is ${String(days)}; set it from logRetentionDays.`);
    }
  }),
};
