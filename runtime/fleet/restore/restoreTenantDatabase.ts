import type { TenantConfig } from "../../../tenants/schema.ts";
import { SiloError } from "../../core/errors/siloError.ts";
import type { StackResourceState, StackWorkspaces } from "../stackWorkspaces.ts";
import type { DatabaseInstance, RestoreCloud, RestoreSource } from "./restoreCloud.ts";
import { restoreNames } from "./restoreNames.ts";

/** The Pulumi type of the tenant's database instance. */
export const databaseInstanceType = "aws:rds/instance:Instance";

/** What {@link restoreTenantDatabase} needs. */
export interface RestoreTenantDatabaseArgs {
  readonly tenant: TenantConfig;
  /**
   * The environment of the stack to restore in (`staging`: `staging.tenant-<id>`, its database
   * `staging-silo-<id>`). @default the unqualified stack
   */
  readonly environmentQualifier?: string;
  /** A DB snapshot id, or a point in time of the tenant's automated backups (within its retention window). */
  readonly source: { readonly snapshotId: string } | { readonly toTime: Date };
  readonly workspaces: StackWorkspaces;
  /** The RDS calls, in the stack's Region. */
  readonly cloudFor: (region: string) => RestoreCloud;
  /** Only check and print what would be done. */
  readonly dryRun?: boolean;
  /** Receives one progress line at a time, without a newline. */
  readonly progress: (line: string) => void;
  /** Receives Pulumi's output of the state operations. */
  readonly onOutput?: (text: string) => void;
  /** How often the instances' status is polled. @default 15000 */
  readonly pollIntervalMs?: number;
  /** How long one instance may take to become available. @default 3 hours */
  readonly waitTimeoutMs?: number;
  /** @default a timer */
  readonly sleep?: (milliseconds: number) => Promise<void>;
  /** @default () => Date.now() */
  readonly now?: () => number;
}

/** What was (or, in a dry run, would be) done. */
export interface RestorePlan {
  readonly stackName: string;
  readonly region: string;
  readonly identifier: string;
  readonly restoredIdentifier: string;
  readonly replacedIdentifier: string;
  readonly instanceUrn: string;
  readonly steps: readonly string[];
}

/**
 * Restores a tenant's database beside the current one and swaps it in under management, so the next
 * `silo deploy` changes nothing about the instance. RDS cannot restore over an instance, and under
 * @pulumi/aws 7 an instance's Pulumi id is its resource id (`db-...`), not its name: renaming instances and
 * refreshing would follow the replaced one. So, in order: restore `silo-<tenant>-restore` (from the snapshot,
 * or to a point in time) with the current instance's class, groups and key; rename the current instance to
 * `silo-<tenant>-replaced` (kept, deletion protection on) and the restored one to `silo-<tenant>` (same
 * endpoint); then, through the Automation API, remove the replaced instance from the stack's state and import
 * the restored one at the same URN (the provider imports an instance by its identifier and records its new
 * resource id).
 *
 * Every check runs before anything changes: the stack, its instance in the state, the instance in RDS, the
 * snapshot (or the restore time), and that neither new name is taken. With an environment qualifier the stack
 * and every name are the qualified ones (`staging.tenant-<tenant>`, `staging-silo-<tenant>-restore`).
 *
 * @example
 * await restoreTenantDatabase({ tenant, source: { snapshotId: "silo-acme-before" }, workspaces, cloudFor: awsRestoreCloud, progress });
 */
export async function restoreTenantDatabase(args: RestoreTenantDatabaseArgs): Promise<RestorePlan> {
  const tenantId = args.tenant.id;
  const now = args.now ?? Date.now;
  const sleep = args.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const say = (line: string) => args.progress(`[restore ${tenantId}] ${line}`);
  const onOutput = args.onOutput ?? (() => undefined);
  const names = restoreNames(tenantId, args.environmentQualifier);
  const { identifier, restoredIdentifier, replacedIdentifier, stackName } = names;

  say(`reading ${stackName}`);
  const stack = await args.workspaces.select(stackName);
  const region = (await stack.getAllConfig())["aws:region"];
  if (region === undefined) {
    throw new SiloError(
      "STACK_CONFIG_INVALID",
      `${stackName} has no aws:region; it was never deployed from here`,
    );
  }
  const instanceResource = findInstance(await stack.resources(), identifier, stackName, names.deployCommand);
  const cloud = args.cloudFor(region);
  const current = await cloud.describeInstance(identifier);
  if (current === undefined) {
    throw new SiloError(
      "RESTORE_INSTANCE_NOT_FOUND",
      `${stackName} records ${identifier}, but RDS in ${region} has no such instance; restore it by hand (aws rds restore-db-instance-from-db-snapshot) and run silo deploy`,
    );
  }
  const source = await checkSource(args.source, cloud, current, region);
  for (const taken of [restoredIdentifier, replacedIdentifier]) {
    if ((await cloud.describeInstance(taken)) !== undefined) {
      throw new SiloError(
        "RESTORE_NAME_TAKEN",
        `an instance ${taken} already exists in ${region} (an earlier restore?); delete it once it is no longer needed, or rename it (aws rds modify-db-instance --db-instance-identifier ${taken} --new-db-instance-identifier <other name> --apply-immediately), then run again`,
      );
    }
  }
  const steps = [
    `restore ${restoredIdentifier} from ${describeSource(source)}`,
    `rename ${identifier} to ${replacedIdentifier} (kept)`,
    `rename ${restoredIdentifier} to ${identifier}`,
    `remove ${instanceResource.urn} (${instanceResource.id ?? "no id"}) from ${stackName}'s state`,
    `import the restored ${identifier} at ${instanceResource.urn}`,
  ];
  const plan: RestorePlan = {
    stackName,
    region,
    identifier,
    restoredIdentifier,
    replacedIdentifier,
    instanceUrn: instanceResource.urn,
    steps,
  };
  if (args.dryRun) {
    for (const [index, step] of steps.entries()) say(`would ${index + 1}/${steps.length} ${step}`);
    return plan;
  }

  const waitAvailable = async (name: string) => {
    const deadline = now() + (args.waitTimeoutMs ?? 3 * 60 * 60_000);
    for (;;) {
      const instance = await cloud.describeInstance(name);
      if (instance?.status === "available") return instance;
      if (instance !== undefined && /fail|incompatible/.test(instance.status)) {
        throw new SiloError(
          "RESTORE_FAILED",
          `${name} is ${instance.status}; see aws rds describe-events --source-identifier ${name} --source-type db-instance`,
        );
      }
      if (now() > deadline) {
        throw new SiloError(
          "RESTORE_FAILED",
          `${name} is still ${instance?.status ?? "not visible"}; check it with aws rds describe-db-instances --db-instance-identifier ${name}`,
        );
      }
      await sleep(args.pollIntervalMs ?? 15_000);
    }
  };
  const step = async (index: number, run: () => Promise<string | undefined>) => {
    say(`${index + 1}/${steps.length} ${steps[index]}`);
    try {
      const detail = await run();
      if (detail) say(`${index + 1}/${steps.length} ${detail}`);
    } catch (error) {
      throw new SiloError(
        "RESTORE_STEP_FAILED",
        `restoring ${tenantId} stopped at step ${index + 1} (${steps[index]}): ${(error as Error).message}\n` +
          `Steps before it are done; see docs/runbooks/restore-tenant-database.md "If a restore stops" to finish by hand.`,
        { cause: error },
      );
    }
  };

  await step(0, async () => {
    await cloud.restoreInstance(source, restoredIdentifier, current);
    await waitAvailable(restoredIdentifier);
    return `${restoredIdentifier} available`;
  });
  await step(1, async () => {
    await cloud.renameInstance(identifier, replacedIdentifier);
    await waitAvailable(replacedIdentifier);
    return undefined;
  });
  let restored: DatabaseInstance | undefined;
  await step(2, async () => {
    await cloud.renameInstance(restoredIdentifier, identifier);
    restored = await waitAvailable(identifier);
    return `${identifier} is now resource ${restored.resourceId}`;
  });
  await step(3, () => stack.deleteResource(instanceResource.urn, { onOutput }).then(() => undefined));
  await step(4, async () => {
    if (restored === undefined) throw new Error("the restored instance is unknown");
    await stack.importResource(
      {
        type: databaseInstanceType,
        name: nameOfUrn(instanceResource.urn),
        // @pulumi/aws imports an instance by its identifier (see its Instance docs) and records the resource id.
        id: identifier,
        ...(instanceResource.parent ? { parentUrn: instanceResource.parent } : {}),
      },
      { onOutput },
    );
    return undefined;
  });
  say(
    `done; next: ${names.deployCommand} (points the Lambdas at the new master secret), ` +
      `then aws lambda invoke --function-name ${names.migrateFunction} --region ${region} --payload '{}' /dev/stdout`,
  );
  return plan;
}

function findInstance(
  resources: readonly StackResourceState[],
  identifier: string,
  stackName: string,
  deployCommand: string,
) {
  const instances = resources.filter((resource) => resource.type === databaseInstanceType);
  const named = instances.filter((resource) => resource.outputs.identifier === identifier);
  const found = named[0] ?? (instances.length === 1 ? instances[0] : undefined);
  if (found === undefined) {
    throw new SiloError(
      "RESTORE_STATE_UNKNOWN",
      `${stackName}'s state has no ${databaseInstanceType} named ${identifier} (found ${instances.length}); run ${deployCommand} first`,
    );
  }
  return found;
}

async function checkSource(
  source: RestoreTenantDatabaseArgs["source"],
  cloud: RestoreCloud,
  current: DatabaseInstance,
  region: string,
): Promise<RestoreSource> {
  if ("snapshotId" in source) {
    const status = await cloud.snapshotStatus(source.snapshotId);
    if (status === undefined) {
      throw new SiloError(
        "RESTORE_SNAPSHOT_NOT_FOUND",
        `snapshot ${source.snapshotId} does not exist in ${region}; list the tenant's: aws rds describe-db-snapshots --db-instance-identifier ${current.identifier} --region ${region}`,
      );
    }
    if (status !== "available") {
      throw new SiloError(
        "RESTORE_SNAPSHOT_NOT_READY",
        `snapshot ${source.snapshotId} is ${status}; wait until it is available`,
      );
    }
    return { kind: "snapshot", snapshotId: source.snapshotId };
  }
  const latest = current.latestRestorableTime;
  if (latest === undefined || source.toTime.getTime() > latest.getTime()) {
    throw new SiloError(
      "RESTORE_TIME_OUT_OF_RANGE",
      `--to-time ${source.toTime.toISOString()} is after ${current.identifier}'s latest restorable time (${latest?.toISOString() ?? "none: automated backups are off"}); pick an earlier time or a snapshot`,
    );
  }
  return { kind: "point-in-time", sourceIdentifier: current.identifier, restoreTime: source.toTime };
}

function describeSource(source: RestoreSource): string {
  return source.kind === "snapshot"
    ? `snapshot ${source.snapshotId}`
    : `${source.sourceIdentifier}'s backups at ${source.restoreTime.toISOString()}`;
}

/** The resource's name in the program: the last `::` part of its URN. */
function nameOfUrn(urn: string): string {
  return urn.slice(urn.lastIndexOf("::") + 2);
}
