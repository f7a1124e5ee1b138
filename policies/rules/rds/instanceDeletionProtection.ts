import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import type { SiloResourcePolicy } from "../siloPolicy.ts";

/**
 * Deletion protection keeps a `pulumi destroy` or a replacement from dropping a tenant's data. Advisory:
 * a standard tenant may turn it off in its tenant file (the schema already requires it for tier regulated).
 *
 * Severity: medium. Controls: FSBP RDS.8; NIST 800-53 CM-3, SC-5(2).
 * @see https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-8
 */
export const instanceDeletionProtection: SiloResourcePolicy = {
  kind: "resource",
  name: "silo-rds-instance-deletion-protection",
  description: "RDS instances should have deletion protection enabled.",
  enforcementLevel: "advisory",
  severity: "medium",
  tags: ["fsbp:RDS.8", "nist:CM-3", "nist:SC-5(2)"],
  url: "https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-8",
  mutations: [
    {
      type: "aws:rds/instance:Instance",
      change: "deletionProtection set to false",
      mutate: (inputs) => ({ ...inputs, deletionProtection: false }),
    },
  ],
  validateResource: validateResourceOfType(aws.rds.Instance, (instance, _args, reportViolation) => {
    if (instance.deletionProtection !== true) {
      reportViolation("deletionProtection is not true; set database.deletionProtection: true.");
    }
  }),
};
