import { tenantResourceNames } from "../../../components/common/resourceNames.ts";
import { tenantSecretsPlan } from "../../../components/secrets/tenantSecretsPlan.ts";
import type { TenantConfig } from "../../../tenants/schema.ts";

/** Days between destroying a tenant key and AWS deleting it: TenantKey's `deletionWindowDays` default. */
export const tenantKeyDeletionWindowDays = 30;

/** What offboarding a tenant touches, by name, and what it must leave behind. */
export interface OffboardingPlan {
  readonly tenantId: string;
  readonly stackName: string;
  /** The tenant's RDS instance. */
  readonly databaseInstanceId: string;
  /** The manual snapshot taken first, encrypted with the tenant key (as the instance is). */
  readonly snapshotId: string;
  /**
   * The copy kept after offboarding, re-encrypted with a key that outlives the tenant: once the tenant key
   * is deleted, nothing encrypted with it (the first snapshot, the stack's own final snapshot) can be read.
   */
  readonly retainedSnapshotId: string;
  /** The secrets destroy schedules for deletion, and how many days each stays restorable. */
  readonly secrets: ReadonlyArray<{ readonly name: string; readonly recoveryWindowDays: number }>;
  readonly keyDeletionWindowDays: number;
}

/**
 * The names offboarding works with, from the same decisions the stack is built from (resourceNames.ts,
 * tenantSecretsPlan.ts), so the two cannot drift apart. The snapshots carry the minute the offboarding
 * began (`startedAt`), so each offboarding of the same tenant id has its own.
 *
 * @example
 * offboardingPlan(acme, "2026-12-05T08:49:00.000Z").retainedSnapshotId; // "silo-acme-offboarding-20261205t0849-retained"
 */
export function offboardingPlan(tenant: TenantConfig, startedAt?: string): OffboardingPlan {
  const names = tenantResourceNames(tenant.id);
  const secrets = tenantSecretsPlan(tenant);
  // RDS snapshot ids: letters, digits and single hyphens. An offboarding begun before startedAt existed
  // keeps the names it began with.
  const stamp =
    startedAt === undefined ? "" : `-${startedAt.replace(/[-:]/g, "").slice(0, 13).toLowerCase()}`;
  return {
    tenantId: tenant.id,
    stackName: `tenant-${tenant.id}`,
    databaseInstanceId: names.databaseIdentifier,
    snapshotId: `${names.prefix}-offboarding${stamp}`,
    retainedSnapshotId: `${names.prefix}-offboarding${stamp}-retained`,
    secrets: [secrets.ledgerRole, ...secrets.providerKeys].map((secret) => ({
      name: secret.name,
      recoveryWindowDays: secrets.recoveryWindowDays,
    })),
    keyDeletionWindowDays: tenantKeyDeletionWindowDays,
  };
}
