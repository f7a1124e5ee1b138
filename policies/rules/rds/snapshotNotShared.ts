import type { SiloResourcePolicy } from "../siloPolicy.ts";

/** The snapshot types that can be shared, by their `sharedAccounts` input. */
const snapshotTypes = [
  "aws:rds/snapshot:Snapshot",
  "aws:rds/clusterSnapshot:ClusterSnapshot",
  "aws:rds/snapshotCopy:SnapshotCopy",
  "aws:rds/clusterSnapshotCopy:ClusterSnapshotCopy",
];

/**
 * A snapshot is the tenant's whole database: shared with `all` anyone can restore it; shared with another
 * account it leaves the silo's account boundary (and, unencrypted or under a shared key, its isolation).
 * A tenant's data leaves the account through the offboarding export (docs/offboarding.md), not snapshot shares.
 *
 * Severity: critical. Controls: FSBP RDS.1; NIST 800-53 AC-3, AC-4, AC-21, SC-7.
 * @see https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-1
 */
export const snapshotNotShared: SiloResourcePolicy = {
  kind: "resource",
  name: "silo-rds-snapshot-not-shared",
  description:
    "RDS DB and cluster snapshots must not be shared (`sharedAccounts` empty): not with `all`, not with other accounts.",
  enforcementLevel: "mandatory",
  severity: "critical",
  tags: ["fsbp:RDS.1", "nist:AC-3", "nist:AC-4", "nist:AC-21", "nist:SC-7"],
  url: "https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-1",
  mutations: snapshotTypes.map((type) => ({
    type,
    change: 'sharedAccounts set to ["all"]',
    mutate: (inputs: Readonly<Record<string, unknown>>) => ({ ...inputs, sharedAccounts: ["all"] }),
  })),
  validateResource: (args, reportViolation) => {
    if (!snapshotTypes.includes(args.type)) args.notApplicable();
    const shared = [args.props.sharedAccounts ?? []].flat().map(String);
    if (shared.length === 0) return;
    const who = shared.includes("all") ? "every AWS account (all)" : `accounts ${shared.join(", ")}`;
    reportViolation(
      `snapshot is shared with ${who}; remove sharedAccounts; a tenant's data leaves the account only through the offboarding export (docs/offboarding.md).`,
    );
  },
};
