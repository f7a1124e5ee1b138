import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import type { SiloResourcePolicy } from "../siloPolicy.ts";

/**
 * IAM database authentication lets access be granted and revoked per role instead of by shared passwords.
 *
 * Severity: medium. Controls: FSBP RDS.10; NIST 800-53 AC-2(1), AC-3, IA-2(1).
 * @see https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-10
 */
export const instanceIamAuth: SiloResourcePolicy = {
  kind: "resource",
  name: "silo-rds-instance-iam-auth",
  description: "RDS instances must have IAM database authentication enabled.",
  enforcementLevel: "mandatory",
  severity: "medium",
  tags: ["fsbp:RDS.10", "nist:AC-2(1)", "nist:AC-3", "nist:IA-2(1)"],
  url: "https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-10",
  mutations: [
    {
      type: "aws:rds/instance:Instance",
      change: "iamDatabaseAuthenticationEnabled set to false",
      mutate: (inputs) => ({ ...inputs, iamDatabaseAuthenticationEnabled: false }),
    },
  ],
  validateResource: validateResourceOfType(aws.rds.Instance, (instance, _args, reportViolation) => {
    if (instance.iamDatabaseAuthenticationEnabled !== true) {
      reportViolation(
        "iamDatabaseAuthenticationEnabled is not true; set iamDatabaseAuthenticationEnabled: true.",
      );
    }
  }),
};
