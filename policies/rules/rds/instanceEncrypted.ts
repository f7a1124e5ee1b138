import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import { customerManagedKeyViolation } from "../kms/customerManagedKey.ts";
import type { SiloResourcePolicy } from "../siloPolicy.ts";

/**
 * Each tenant's data is encrypted with its own key, so revoking the key revokes the data; the AWS managed
 * `aws/rds` key (by alias or ARN) cannot be scoped to one tenant.
 *
 * Severity: high. Controls: FSBP RDS.3; NIST 800-53 SC-12, SC-13, SC-28.
 * @see https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-3
 */
export const instanceEncrypted: SiloResourcePolicy = {
  kind: "resource",
  name: "silo-rds-instance-encrypted-kms",
  description: "RDS instances must encrypt their storage with a customer-managed KMS key.",
  enforcementLevel: "mandatory",
  severity: "high",
  tags: ["fsbp:RDS.3", "nist:SC-12", "nist:SC-13", "nist:SC-28"],
  url: "https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-3",
  mutations: [
    {
      type: "aws:rds/instance:Instance",
      change: "storageEncrypted set to false",
      mutate: (inputs) => ({ ...inputs, storageEncrypted: false }),
    },
    {
      type: "aws:rds/instance:Instance",
      change: "kmsKeyId removed",
      mutate: ({ kmsKeyId: _key, ...inputs }) => inputs,
    },
    {
      type: "aws:rds/instance:Instance",
      change: "kmsKeyId set to alias/aws/rds",
      mutate: (inputs) => ({ ...inputs, kmsKeyId: "alias/aws/rds" }),
    },
  ],
  validateResource: validateResourceOfType(aws.rds.Instance, (instance, _args, reportViolation) => {
    if (instance.storageEncrypted !== true) {
      reportViolation("storageEncrypted is not true; set storageEncrypted: true.");
    }
    const violation = customerManagedKeyViolation(
      instance.kmsKeyId,
      "set kmsKeyId to the tenant's KMS key ARN.",
    );
    if (violation !== undefined) reportViolation(violation);
  }),
};
