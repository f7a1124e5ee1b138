import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import type { SiloResourcePolicy } from "../siloPolicy.ts";

/**
 * An Aurora cluster is reachable through its instances: a publicly accessible instance puts the tenant's
 * database on the internet, whatever the cluster says.
 *
 * Severity: critical. Controls: FSBP RDS.2; NIST 800-53 AC-3, AC-4, AC-21, SC-7.
 * @see https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-2
 */
export const clusterInstanceNotPublic: SiloResourcePolicy = {
  kind: "resource",
  name: "silo-rds-clusterinstance-no-public-access",
  description: "RDS cluster instances (Aurora) must not be publicly accessible.",
  enforcementLevel: "mandatory",
  severity: "critical",
  tags: ["fsbp:RDS.2", "nist:AC-3", "nist:AC-4", "nist:AC-21", "nist:SC-7"],
  url: "https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-2",
  mutations: [
    {
      type: "aws:rds/clusterInstance:ClusterInstance",
      change: "publiclyAccessible set to true",
      mutate: (inputs) => ({ ...inputs, publiclyAccessible: true }),
    },
  ],
  validateResource: validateResourceOfType(aws.rds.ClusterInstance, (instance, _args, reportViolation) => {
    if (instance.publiclyAccessible === true) {
      reportViolation(
        `cluster instance of ${JSON.stringify(instance.clusterIdentifier)} is publicly accessible; set publiclyAccessible: false.`,
      );
    }
  }),
};
