import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import type { SiloResourcePolicy } from "../siloPolicy.ts";

/**
 * A silo database is reachable only from its tenant's Lambdas, never from the internet.
 *
 * Severity: critical. Controls: FSBP RDS.2; NIST 800-53 AC-3, AC-4, AC-21, SC-7.
 * @see https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-2
 */
export const instanceNotPublic: SiloResourcePolicy = {
  kind: "resource",
  name: "silo-rds-instance-no-public-access",
  description: "RDS instances must not be publicly accessible.",
  enforcementLevel: "mandatory",
  severity: "critical",
  tags: ["fsbp:RDS.2", "nist:AC-3", "nist:AC-4", "nist:AC-21", "nist:SC-7"],
  url: "https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-2",
  mutations: [
    {
      type: "aws:rds/instance:Instance",
      change: "publiclyAccessible set to true",
      mutate: (inputs) => ({ ...inputs, publiclyAccessible: true }),
    },
  ],
  validateResource: validateResourceOfType(aws.rds.Instance, (instance, _args, reportViolation) => {
    if (instance.publiclyAccessible === true) {
      reportViolation("publiclyAccessible is true; set publiclyAccessible: false.");
    }
  }),
};
