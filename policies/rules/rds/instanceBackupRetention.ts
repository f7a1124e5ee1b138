import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import { sharedTenantTagValue } from "../../../components/common/siloTags.ts";
import type { SiloResourcePolicy } from "../siloPolicy.ts";
import { resourceTenant } from "../stackOwner.ts";

/** Fewest days of automated backups a database may keep under the baseline (the FSBP RDS.11 default). */
export const minimumBackupRetentionDays = 7;

/** Settings of {@link instanceBackupRetention}. */
export interface BackupRetentionConfig {
  readonly minimumDays: number;
}

/**
 * Automated backups allow point-in-time recovery of a tenant's data for at least a week; the regulated
 * profile asks for the 35 days RDS allows.
 *
 * Severity: medium. Controls: FSBP RDS.11; NIST 800-53 CP-9, CP-10, SI-12.
 * @see https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-11
 */
export const instanceBackupRetention: SiloResourcePolicy = {
  kind: "resource",
  name: "silo-rds-instance-backup-retention",
  description: "RDS instances must keep automated backups for at least `minimumDays` days.",
  enforcementLevel: "mandatory",
  severity: "medium",
  tags: ["fsbp:RDS.11", "nist:CP-9", "nist:CP-10", "nist:SI-12"],
  url: "https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-11",
  configSchema: {
    properties: {
      minimumDays: {
        type: "integer",
        minimum: 1,
        maximum: 35,
        default: minimumBackupRetentionDays,
        description: "Fewest days of automated backups.",
      },
    },
  },
  mutations: [
    {
      type: "aws:rds/instance:Instance",
      change: "backupRetentionPeriod set to 1",
      mutate: (inputs) => ({ ...inputs, backupRetentionPeriod: 1 }),
    },
  ],
  validateResource: validateResourceOfType(aws.rds.Instance, (instance, args, reportViolation) => {
    const minimumDays =
      args.getConfig<Partial<BackupRetentionConfig>>().minimumDays ?? minimumBackupRetentionDays;
    const days = instance.backupRetentionPeriod;
    if (typeof days !== "number" || days < minimumDays) {
      // The shared stack's database is the usage ledger, set by stack config; a tenant's, by its tenant file.
      const setting =
        resourceTenant(args) === sharedTenantTagValue
          ? "the shared stack's silo:ledgerBackupRetentionDays"
          : "database.backupRetentionDays in the tenant file";
      reportViolation(`backupRetentionPeriod is ${String(days)}; set ${setting} to at least ${minimumDays}.`);
    }
  }),
};
