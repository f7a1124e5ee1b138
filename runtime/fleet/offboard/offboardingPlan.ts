import { sharedResourceNamesOf, tenantResourceNames } from "../../../components/common/resourceNames.ts";
import { tenantSecretsPlan } from "../../../components/secrets/tenantSecretsPlan.ts";
import { stackNameOf } from "../../../stacks/parseStackName.ts";
import type { TenantConfig } from "../../../tenants/schema.ts";

/** Days between destroying a tenant key and AWS deleting it: TenantKey's `deletionWindowDays` default. */
export const tenantKeyDeletionWindowDays = 30;

/** What offboarding a tenant touches, by name, and what it must leave behind. */
export interface OffboardingPlan {
  readonly tenantId: string;
  /** `tenant-<id>`, or `<qualifier>.tenant-<id>` (stacks/parseStackName.ts). */
  readonly stackName: string;
  /** The shared stack whose platform key keeps the snapshot: `shared`, or `<qualifier>.shared`. */
  readonly sharedStackName: string;
  /** The tenant's RDS instance. */
  readonly databaseInstanceId: string;
  /** The manual snapshot taken first, encrypted with the tenant key (as the instance is). */
  readonly snapshotId: string;
  /**
   * The copy kept after offboarding, re-encrypted with a key that outlives the tenant: once the tenant key
   * is deleted, nothing encrypted with it (the first snapshot, the stack's own final snapshot) can be read.
   */
  readonly retainedSnapshotId: string;
  /** The start of the name of the snapshot RDS takes when the stack deletes the instance (`<it>-<suffix>`). */
  readonly finalSnapshotPrefix: string;
  /** The shared stack's usage ledger, which keeps the tenant's rows. */
  readonly ledgerIdentifier: string;
  /** The secrets destroy schedules for deletion, and how many days each stays restorable. */
  readonly secrets: ReadonlyArray<{ readonly name: string; readonly recoveryWindowDays: number }>;
  readonly keyDeletionWindowDays: number;
}

/**
 * The names offboarding works with, from the same decisions the stack is built from (resourceNames.ts,
 * tenantSecretsPlan.ts), so the two cannot drift apart. The snapshots carry the minute the offboarding
 * began (`startedAt`), so each offboarding of the same tenant id has its own. With an environment qualifier
 * every stack and physical name is the qualified stack's (`staging.tenant-acme`, `staging-silo-acme-…`,
 * `/staging/silo/acme/…`), so a staging offboarding never touches production's.
 *
 * @example
 * offboardingPlan(acme, "2026-12-05T08:49:00.000Z").retainedSnapshotId; // "silo-acme-offboarding-20261205t0849-retained"
 * offboardingPlan(acme, undefined, "staging").snapshotId; // "staging-silo-acme-offboarding"
 */
export function offboardingPlan(
  tenant: TenantConfig,
  startedAt?: string,
  environmentQualifier?: string,
): OffboardingPlan {
  const names = tenantResourceNames(tenant.id, environmentQualifier);
  const secrets = tenantSecretsPlan(tenant, environmentQualifier);
  // RDS snapshot ids: letters, digits and single hyphens. An offboarding begun before startedAt existed
  // keeps the names it began with.
  const stamp =
    startedAt === undefined ? "" : `-${startedAt.replace(/[-:]/g, "").slice(0, 13).toLowerCase()}`;
  return {
    tenantId: tenant.id,
    stackName: stackNameOf({ kind: "tenant", tenantId: tenant.id, environmentQualifier }),
    sharedStackName: stackNameOf({ kind: "shared", environmentQualifier }),
    databaseInstanceId: names.databaseIdentifier,
    snapshotId: `${names.prefix}-offboarding${stamp}`,
    retainedSnapshotId: `${names.prefix}-offboarding${stamp}-retained`,
    finalSnapshotPrefix: names.finalSnapshotIdentifier,
    ledgerIdentifier: sharedResourceNamesOf(environmentQualifier).ledgerIdentifier,
    secrets: [secrets.ledgerRole, ...secrets.providerKeys].map((secret) => ({
      name: secret.name,
      recoveryWindowDays: secrets.recoveryWindowDays,
    })),
    keyDeletionWindowDays: tenantKeyDeletionWindowDays,
  };
}
