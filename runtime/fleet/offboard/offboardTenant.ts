import { rename } from "node:fs/promises";
import { join } from "node:path";
import { stackNameOf } from "../../../stacks/parseStackName.ts";
import type { TenantConfig } from "../../../tenants/schema.ts";
import { SiloError } from "../../core/errors/siloError.ts";
import { fileStackLogs } from "../stackLogs.ts";
import type { StackWorkspaces } from "../stackWorkspaces.ts";
import { exportTenantData } from "./exportTenantData.ts";
import type { OffboardingCloud } from "./offboardingCloud.ts";
import { offboardingPlan } from "./offboardingPlan.ts";
import { type OffboardingState, readOffboardingState, writeOffboardingState } from "./offboardingState.ts";

/** What {@link offboardTenant} needs. */
export interface OffboardTenantArgs {
  readonly tenant: TenantConfig;
  /**
   * The environment of the stacks to offboard (`staging`: `staging.tenant-<id>` and `staging.shared`, and
   * their qualified physical names). @default the unqualified stacks
   */
  readonly environmentQualifier?: string;
  readonly workspaces: StackWorkspaces;
  /** The AWS calls outside Pulumi, in the stack's Region. */
  readonly cloudFor: (region: string) => OffboardingCloud;
  /** A token of the tenant with scope `data:export`; without it the export step stops with the fix. */
  readonly exportToken?: () => Promise<string>;
  /** @default exportTenantData */
  readonly exportData?: typeof exportTenantData;
  /** The key the retained snapshot is re-encrypted with. @default the shared stack's `platformKeyArn` */
  readonly retentionKeyArn?: string;
  /**
   * This tenant's folder for the state file, the export and the destroy log; one per environment
   * (offboardingStateDir.ts), so two environments' offboardings of the same tenant never share one.
   */
  readonly stateDir: string;
  /** Receives one progress line at a time, without a newline. */
  readonly progress: (line: string) => void;
  /** How often snapshot status is polled. @default 15000 */
  readonly pollIntervalMs?: number;
  /** How long a snapshot may take. @default 3 hours */
  readonly snapshotTimeoutMs?: number;
  /** @default a timer */
  readonly sleep?: (milliseconds: number) => Promise<void>;
  /** @default () => new Date() */
  readonly now?: () => Date;
}

/** The steps, in order; each is idempotent and recorded in the state file when done. */
export const offboardingSteps = [
  "stack",
  "snapshot",
  "export",
  "deletion-protection",
  "destroy",
  "scheduled-deletion",
  "ledger",
] as const;

type StepName = (typeof offboardingSteps)[number];

/**
 * Offboards a tenant, keeping what a regulated client must keep: a database snapshot re-encrypted with a key
 * that outlives the tenant, an export of all its data through its own API, its usage-ledger rows (in the
 * shared stack; the destroy only disables the tenant's ledger role); then turns off the database's deletion
 * protection, destroys the stack, deletes the tenant's secrets without recovery (a secret scheduled for
 * deletion keeps its name, so the tenant id could not be onboarded again for up to 30 days), and checks that
 * the tenant key is scheduled for deletion with its window (TenantKey) rather than gone at once.
 *
 * Every step reports progress and is recorded in `<stateDir>/state.json`. A failing step stops the run
 * before anything after it, so the stack is never destroyed without the snapshot and the export; running
 * again resumes at the failed step (each step is also safe to repeat).
 *
 * @example
 * await offboardTenant({ tenant, workspaces: localStackWorkspaces(), cloudFor: awsOffboardingCloud, stateDir, progress });
 */
export async function offboardTenant(args: OffboardTenantArgs): Promise<OffboardingState> {
  const now = args.now ?? (() => new Date());
  const sleep = args.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const stateFile = join(args.stateDir, "state.json");
  let state = await readOffboardingState(stateFile, args.tenant.id);
  const save = async (next: OffboardingState) => {
    state = next;
    await writeOffboardingState(stateFile, state);
  };
  if (offboardingSteps.every((step) => state.done[step] !== undefined)) {
    const finishedAt = state.done.ledger ?? "";
    const tenantStack = stackNameOf({
      kind: "tenant",
      tenantId: args.tenant.id,
      environmentQualifier: args.environmentQualifier,
    });
    if (!(await stackExists(args.workspaces, tenantStack))) {
      args.progress(
        `[offboard ${args.tenant.id}] already offboarded at ${finishedAt} (${stateFile}); nothing to do`,
      );
      return state;
    }
    // The tenant was onboarded again: its first offboarding's record (and export) moves aside, and this
    // one begins afresh, under snapshot names of its own.
    const archived = `${args.stateDir}-${finishedAt.replace(/[-:.]/g, "").toLowerCase()}`;
    await rename(args.stateDir, archived);
    args.progress(
      `[offboard ${args.tenant.id}] an earlier offboarding finished at ${finishedAt}; its record moved to ${archived}`,
    );
    state = { tenantId: args.tenant.id, done: {} };
  }
  if (state.startedAt === undefined && Object.keys(state.done).length === 0) {
    await save({ ...state, startedAt: now().toISOString() });
  }
  const plan = offboardingPlan(args.tenant, state.startedAt, args.environmentQualifier);
  const stackInfo = () => {
    if (state.stack === undefined) throw new Error("the stack step has not run");
    return state.stack;
  };
  const cloud = () => args.cloudFor(stackInfo().region);

  const waitAvailable = async (snapshotId: string) => {
    const deadline = now().getTime() + (args.snapshotTimeoutMs ?? 3 * 60 * 60_000);
    for (;;) {
      const status = await cloud().snapshotStatus(snapshotId);
      if (status === "available") return;
      if (status === undefined || /fail|incompatible|error/.test(status)) {
        throw new SiloError("OFFBOARD_SNAPSHOT_FAILED", `snapshot ${snapshotId} is ${status ?? "missing"}`);
      }
      if (now().getTime() > deadline) {
        throw new SiloError(
          "OFFBOARD_SNAPSHOT_FAILED",
          `snapshot ${snapshotId} is still ${status}; run again to keep waiting`,
        );
      }
      await sleep(args.pollIntervalMs ?? 15_000);
    }
  };

  const steps: Record<StepName, { readonly doing: string; readonly run: () => Promise<string> }> = {
    stack: {
      doing: `reading ${plan.stackName}'s Region and outputs`,
      run: async () => {
        const stack = await args.workspaces.select(plan.stackName);
        const region = (await stack.getAllConfig())["aws:region"];
        if (region === undefined) {
          throw new SiloError(
            "STACK_CONFIG_INVALID",
            `${plan.stackName} has no aws:region; it was never deployed from here`,
          );
        }
        const outputs = await stack.outputs();
        const retentionKeyArn =
          args.retentionKeyArn ??
          stringOf((await (await args.workspaces.select(plan.sharedStackName)).outputs()).platformKeyArn);
        if (retentionKeyArn === undefined) {
          throw new SiloError(
            "OFFBOARD_RETENTION_KEY_UNKNOWN",
            `the shared stack ${plan.sharedStackName} has no platformKeyArn output to keep the snapshot under; pass --retention-key-arn <KMS key ARN>`,
          );
        }
        const url = stringOf(outputs.url);
        const keyArn = stringOf(outputs.keyArn);
        await save({
          ...state,
          stack: { region, retentionKeyArn, ...(url ? { url } : {}), ...(keyArn ? { keyArn } : {}) },
        });
        return `${plan.stackName} in ${region}; API ${url ?? "(no url output)"}; key ${keyArn ?? "(no keyArn output)"}`;
      },
    },
    snapshot: {
      doing: `snapshot ${plan.snapshotId}, then the copy ${plan.retainedSnapshotId} under the retention key`,
      run: async () => {
        if ((await cloud().snapshotStatus(plan.snapshotId)) === undefined) {
          if ((await cloud().deletionProtection(plan.databaseInstanceId)) === undefined) {
            throw new SiloError(
              "OFFBOARD_SNAPSHOT_FAILED",
              `database ${plan.databaseInstanceId} does not exist, so no offboarding snapshot can be taken; ` +
                `if the stack deleted it, its final snapshot is ${plan.finalSnapshotPrefix}-<suffix> (aws rds describe-db-snapshots --snapshot-type manual)`,
            );
          }
          await cloud().createSnapshot(plan.databaseInstanceId, plan.snapshotId);
          args.progress(`[offboard ${plan.tenantId}]   creating ${plan.snapshotId}`);
        }
        await waitAvailable(plan.snapshotId);
        if ((await cloud().snapshotStatus(plan.retainedSnapshotId)) === undefined) {
          await cloud().copySnapshot(plan.snapshotId, plan.retainedSnapshotId, stackInfo().retentionKeyArn);
          args.progress(`[offboard ${plan.tenantId}]   copying to ${plan.retainedSnapshotId}`);
        }
        await waitAvailable(plan.retainedSnapshotId);
        return `${plan.retainedSnapshotId} available, encrypted with ${stackInfo().retentionKeyArn}`;
      },
    },
    export: {
      doing: "exporting all the tenant's data through its API (POST /v1/exports)",
      run: async () => {
        const url = stackInfo().url;
        if (url === undefined) {
          throw new SiloError(
            "OFFBOARD_EXPORT_FAILED",
            `${plan.stackName} has no url output to export through`,
          );
        }
        if (args.exportToken === undefined) {
          throw new SiloError(
            "OFFBOARD_EXPORT_FAILED",
            `no token to export ${plan.tenantId}'s data with; pass --token-command (a command printing a token of ${plan.tenantId} with scope data:export)`,
          );
        }
        const exported = await (args.exportData ?? exportTenantData)({
          baseUrl: url,
          token: await args.exportToken(),
          file: join(args.stateDir, "export.jsonl"),
          ...(state.export?.exportId ? { exportId: state.export.exportId } : {}),
          onStarted: (exportId) => save({ ...state, export: { exportId } }),
        });
        await save({
          ...state,
          export: { exportId: exported.exportId, file: exported.file, sha256: exported.sha256 },
        });
        return `${exported.file} (${exported.sizeBytes} bytes, sha256 ${exported.sha256})`;
      },
    },
    "deletion-protection": {
      doing: `turning off deletion protection of ${plan.databaseInstanceId}, now that its data is kept`,
      run: async () => {
        const protection = await cloud().deletionProtection(plan.databaseInstanceId);
        if (protection === undefined) return `${plan.databaseInstanceId} no longer exists`;
        if (!protection) return "already off";
        await cloud().disableDeletionProtection(plan.databaseInstanceId);
        return "turned off";
      },
    },
    destroy: {
      doing: `pulumi destroy ${plan.stackName}`,
      run: async () => {
        const log = fileStackLogs(args.stateDir).open(plan.stackName);
        try {
          const stack = await args.workspaces.select(plan.stackName);
          const { changes } = await stack.destroy({ onOutput: (text) => log.write(text) });
          return `${changes.delete ?? 0} resources deleted (log: ${log.file})`;
        } catch (error) {
          log.write(`\n${(error as Error).stack ?? String(error)}\n`);
          throw error;
        } finally {
          await log.close();
        }
      },
    },
    "scheduled-deletion": {
      doing:
        "deleting the secrets without recovery (their names free for a new onboarding), checking the key is scheduled for deletion",
      run: async () => {
        const lines: string[] = [];
        const problems: string[] = [];
        // The stack's recovery window guards against a destroy by mistake; here the snapshot and the export
        // are kept and the ledger role is disabled, so nothing is lost, and a scheduled secret would hold its
        // name for up to 30 days: the same tenant id could not be onboarded again until then.
        for (const secret of plan.secrets) {
          const status = await cloud().secretDeletion(secret.name);
          if (status.state === "active") {
            problems.push(
              `secret ${secret.name} is still active after the destroy; fix: aws secretsmanager delete-secret --secret-id ${secret.name} --force-delete-without-recovery --region ${stackInfo().region}, then run again`,
            );
          } else if (status.state === "scheduled") {
            await cloud().deleteSecretNow(secret.name);
            lines.push(`secret ${secret.name} deleted without recovery`);
          } else {
            lines.push(`secret ${secret.name} is already deleted`);
          }
        }
        const keyArn = stackInfo().keyArn;
        if (keyArn !== undefined) {
          const status = await cloud().keyDeletion(keyArn);
          if (status.state === "active") {
            problems.push(
              `key ${keyArn} is still enabled; fix: aws kms schedule-key-deletion --key-id ${keyArn} --pending-window-in-days ${plan.keyDeletionWindowDays} --region ${stackInfo().region}`,
            );
          } else {
            lines.push(`key ${keyArn} ${describeDeletion(status)}`);
          }
        }
        if (problems.length > 0) {
          throw new SiloError("OFFBOARD_DELETION_NOT_SCHEDULED", problems.join("\n"));
        }
        return lines.join("; ");
      },
    },
    ledger: {
      doing: "checking the usage ledger is kept",
      run: async () =>
        `the usage-ledger rows of ${plan.tenantId} stay in ${plan.sharedStackName}'s ledger (${plan.ledgerIdentifier}); ` +
        `the destroy disabled its ledger role (no login, open sessions ended); ` +
        `report them with silo ledger report --month YYYY-MM --tenant ${plan.tenantId}`,
    },
  };

  for (const [index, name] of offboardingSteps.entries()) {
    const label = `[offboard ${plan.tenantId}] ${index + 1}/${offboardingSteps.length} ${name}`;
    const doneAt = state.done[name];
    if (doneAt !== undefined) {
      args.progress(`${label}: done at ${doneAt}, skipped`);
      continue;
    }
    args.progress(`${label}: ${steps[name].doing}`);
    let detail: string;
    try {
      detail = await steps[name].run();
    } catch (error) {
      const destroyed = offboardingSteps.indexOf(name) > offboardingSteps.indexOf("destroy");
      throw new SiloError(
        "OFFBOARD_STEP_FAILED",
        `offboarding ${plan.tenantId} stopped at step ${name}: ${(error as Error).message}\n` +
          (destroyed
            ? "The stack is destroyed; "
            : "Nothing after this step ran: the stack is not destroyed. ") +
          `Fix the cause and run the same command again: finished steps are skipped (state: ${stateFile}).`,
        { cause: error },
      );
    }
    await save({ ...state, done: { ...state.done, [name]: now().toISOString() } });
    args.progress(`${label}: ${detail}`);
  }
  args.progress(
    args.environmentQualifier === undefined
      ? `[offboard ${plan.tenantId}] complete; now remove tenants/${plan.tenantId}.yaml and commit`
      : // The tenant file also builds the unqualified stack and other environments' stacks.
        `[offboard ${plan.tenantId}] complete; ${plan.stackName} is gone. Keep tenants/${plan.tenantId}.yaml while another environment's stack of ${plan.tenantId} uses it`,
  );
  return state;
}

/** Whether the stack exists and was deployed (it has a Region). */
async function stackExists(workspaces: StackWorkspaces, stackName: string): Promise<boolean> {
  try {
    const stack = await workspaces.select(stackName);
    return (await stack.getAllConfig())["aws:region"] !== undefined;
  } catch {
    return false;
  }
}

function stringOf(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function describeDeletion(status: { state: "scheduled"; deletionDate: Date } | { state: "gone" }): string {
  if (status.state === "gone") return "is already deleted";
  return Number.isNaN(status.deletionDate.getTime())
    ? "is pending deletion"
    : `is deleted on ${status.deletionDate.toISOString().slice(0, 10)} (restorable until then)`;
}
