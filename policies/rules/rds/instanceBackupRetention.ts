import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import type { SiloPolicy } from "../siloPolicy.ts";

/** Fewest days of automated backups a database may keep (the FSBP RDS.11 default). */
export const minimumBackupRetentionDays = 7;

/**
 * Automated backups allow point-in-time recovery of a tenant's data for at least a week.
 *
 * Severity: medium. Controls: FSBP RDS.11; NIST 800-53 CP-9, CP-10, SI-12.
 * @see https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-11
 */
export const instanceBackupRetention: SiloPolicy = {
  name: "silo-rds-instance-backup-retention",
  description: `RDS instances must keep automated backups for at least ${minimumBackupRetentionDays} days.`,
  enforcementLevel: "mandatory",
  severity: "medium",
  tags: ["fsbp:RDS.11", "nist:CP-9", "nist:CP-10", "nist:SI-12"],
  url: "https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-11",
  validateResource: validateResourceOfType(aws.rds.Instance, (instance, _args, reportViolation) => {
    const days = instance.backupRetentionPeriod;
    if (typeof days !== "number" || days < minimumBackupRetentionDays) {
      reportViolation(
        `backupRetentionPeriod is ${String(days)}; set it to at least ${minimumBackupRetentionDays} days.`,
      );
    }
  }),
};
