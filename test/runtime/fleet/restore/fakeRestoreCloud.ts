import type {
  DatabaseInstance,
  RestoreCloud,
  RestoreSource,
} from "../../../../runtime/fleet/restore/restoreCloud.ts";
import type { StackResourceState } from "../../../../runtime/fleet/stackWorkspaces.ts";

export const parentUrn =
  "urn:pulumi:tenant-acme::silo-kit::silo:tenant:TenantSilo$silo:database:TenantDatabase$silo:database:PostgresDatabase::acme-db";
export const instanceUrn = `${parentUrn.replace(/::acme-db$/, "")}$aws:rds/instance:Instance::acme-db`;

/** The state of a deployed stack of tenant acme, as far as a restore reads it: `tenant-acme` or a qualified one. */
export function acmeStackState(
  stackName = "tenant-acme",
  identifier = "silo-acme",
): Record<string, readonly StackResourceState[]> {
  const parent = parentUrn.replace("urn:pulumi:tenant-acme::", `urn:pulumi:${stackName}::`);
  return {
    [stackName]: [
      { urn: parent, type: "silo:database:PostgresDatabase", outputs: {} },
      {
        urn: instanceUrn.replace("urn:pulumi:tenant-acme::", `urn:pulumi:${stackName}::`),
        type: "aws:rds/instance:Instance",
        id: "db-OLD",
        parent,
        outputs: { identifier },
      },
    ],
  };
}

/** The state of a deployed tenant-acme, as far as a restore reads it. */
export const tenantAcmeState = acmeStackState();

/** An available instance of tenant acme's shape. */
export function instance(
  identifier: string,
  resourceId: string,
  overrides: Partial<DatabaseInstance> = {},
): DatabaseInstance {
  return {
    identifier,
    resourceId,
    status: "available",
    instanceClass: "db.t4g.micro",
    subnetGroupName: "silo-acme-db",
    parameterGroupName: "silo-acme-postgres",
    securityGroupIds: ["sg-123"],
    masterSecretKmsKeyId: "arn:aws:kms:eu-west-1:111111111111:key/acme",
    latestRestorableTime: new Date("2026-12-05T10:00:00Z"),
    ...overrides,
  };
}

/**
 * RDS as a map of identifier to instance (`silo-acme` unless other `identifiers` are given); restores and
 * renames take one poll to finish.
 */
export function fakeRds(
  snapshots: Record<string, string> = { "silo-acme-before": "available" },
  identifiers: readonly string[] = ["silo-acme"],
) {
  const instances = new Map<string, DatabaseInstance>(
    identifiers.map((identifier) => [identifier, instance(identifier, "db-OLD")]),
  );
  const calls: string[] = [];
  const restores: { source: RestoreSource; target: string; like: DatabaseInstance }[] = [];
  const cloud: RestoreCloud = {
    async describeInstance(identifier) {
      const found = instances.get(identifier);
      if (found && found.status !== "available") instances.set(identifier, { ...found, status: "available" });
      return found;
    },
    async snapshotStatus(snapshotId) {
      return snapshots[snapshotId];
    },
    async restoreInstance(source, target, like) {
      calls.push(`restore ${target}`);
      restores.push({ source, target, like });
      instances.set(target, instance(target, "db-NEW", { status: "creating" }));
    },
    async renameInstance(from, to) {
      calls.push(`rename ${from} ${to}`);
      const found = instances.get(from);
      if (!found) throw new Error(`no ${from}`);
      instances.delete(from);
      instances.set(to, { ...found, identifier: to, status: "renaming" });
    },
  };
  return { cloud, calls, restores, instances };
}
