import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import type { SiloResourcePolicy } from "../siloPolicy.ts";

/**
 * Each tenant's data is encrypted with its own key, so revoking the key revokes the data. A provisioned
 * Aurora cluster is unencrypted unless `storageEncrypted` is set, and without `kmsKeyId` it uses the
 * AWS-managed `aws/rds` key, which cannot be scoped to one tenant.
 *
 * Severity: high. Controls: FSBP RDS.27; NIST 800-53 SC-12, SC-13, SC-28.
 * @see https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-27
 */
export const clusterEncrypted: SiloResourcePolicy = {
  kind: "resource",
  name: "silo-rds-cluster-encrypted-kms",
  description: "RDS clusters (Aurora) must encrypt their storage with a customer-managed KMS key.",
  enforcementLevel: "mandatory",
  severity: "high",
  tags: ["fsbp:RDS.27", "nist:SC-12", "nist:SC-13", "nist:SC-28"],
  url: "https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-27",
  mutations: [
    {
      type: "aws:rds/cluster:Cluster",
      change: "storageEncrypted set to false",
      mutate: (inputs) => ({ ...inputs, storageEncrypted: false }),
    },
    {
      type: "aws:rds/cluster:Cluster",
      change: "kmsKeyId removed",
      mutate: (inputs) => ({ ...inputs, kmsKeyId: undefined }),
    },
  ],
  validateResource: validateResourceOfType(aws.rds.Cluster, (cluster, _args, reportViolation) => {
    const name = JSON.stringify(cluster.clusterIdentifier ?? cluster.clusterIdentifierPrefix);
    if (cluster.storageEncrypted !== true) {
      reportViolation(
        `cluster ${name} has storageEncrypted ${String(cluster.storageEncrypted)}; set storageEncrypted: true.`,
      );
    }
    if (typeof cluster.kmsKeyId !== "string" || cluster.kmsKeyId === "") {
      reportViolation(
        `cluster ${name} has no kmsKeyId, so it would use the AWS-managed aws/rds key; set kmsKeyId to the tenant's KMS key ARN.`,
      );
    }
  }),
};
